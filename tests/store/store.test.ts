import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';
import { migrate, openDatabase } from '../../server/store/db';
import { clearStalePidFile, grantTraverse } from '../../server/store/embedded';
import { SessionsRepository } from '../../server/store/sessionsRepository';
import { PgTokenCacheStore } from '../../server/store/tokenCacheRepository';
import { upsertAppUser } from '../../server/store/usersRepository';
import { describeEachDatabase, freshMachineDatabase, machineAvailable } from '../helpers/databases';

const TID = '11111111-1111-4111-8111-111111111111';
const OID = '22222222-2222-4222-8222-222222222222';

describeEachDatabase('storage', (db) => {
  it('has applied the migrations, and applying again changes nothing', async () => {
    const tables = await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(db().db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['msal_token_cache', 'app_users', 'signin_sessions']),
    );
    expect(await migrate(db().db)).toEqual([]);
  });

  it('stores token-cache blobs byte for byte, and deletes them', async () => {
    const store = new PgTokenCacheStore(db().db);
    const bytes = Buffer.from([0, 1, 2, 250, 255, 0, 42]);
    await store.save('graph:a.b', bytes);
    await store.save('graph:a.b', Buffer.concat([bytes, bytes]));
    expect(await store.load('graph:a.b')).toEqual(Buffer.concat([bytes, bytes]));
    await store.delete('graph:a.b');
    expect(await store.load('graph:a.b')).toBeNull();
  });

  it('records a user once per (tid, oid) and keeps the latest profile', async () => {
    await upsertAppUser(db().db, { tid: TID, oid: OID, displayName: 'Old', upn: 'a@x.example' });
    await upsertAppUser(db().db, { tid: TID, oid: OID, displayName: 'New', upn: 'a@x.example' });
    const rows = await db().db.selectFrom('app_users').selectAll().where('tid', '=', TID).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.display_name).toBe('New');
  });

  it('finds sessions by cookie until they expire, and never stores the cookie itself', async () => {
    const sessions = new SessionsRepository(db().db);
    await sessions.create('cookie-value-1', {
      tid: TID,
      oid: OID,
      homeAccountId: `${OID}.${TID}`,
      expiresAt: new Date(Date.now() + 60_000),
    });
    await sessions.create('cookie-value-2', {
      tid: TID,
      oid: OID,
      homeAccountId: `${OID}.${TID}`,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await sessions.find('cookie-value-1')).toMatchObject({ oid: OID });
    expect(await sessions.find('cookie-value-2')).toBeNull();
    const ids = await db().db.selectFrom('signin_sessions').select('id').execute();
    expect(ids.map((r) => r.id)).not.toContain('cookie-value-1');
    expect(await sessions.purgeExpired()).toBe(1);
  });

  it('answers health pings', async () => {
    expect(await db().ping()).toBe(true);
  });
});

describe('database lifecycle', () => {
  const logger = createLogger({ level: 'silent' });

  it('embedded: keeps data across restarts and recovers from a stale pid file left by a kill', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-db-'));
    try {
      const first = await openDatabase({ dataDir: dir, logger });
      await upsertAppUser(first.db, { tid: TID, oid: OID, displayName: 'Kept', upn: null });
      await first.close();
      // A hard kill leaves postmaster.pid naming a process that no longer exists.
      fs.writeFileSync(path.join(dir, 'pg', 'postmaster.pid'), '999999\n');
      expect(clearStalePidFile(path.join(dir, 'pg'))).toBe('removed');
      fs.writeFileSync(path.join(dir, 'pg', 'postmaster.pid'), '999999\n');
      const second = await openDatabase({ dataDir: dir, logger });
      const row = await second.db.selectFrom('app_users').select('display_name').executeTakeFirst();
      expect(row?.display_name).toBe('Kept');
      // A live server's pid file is not "stale": a second starter is refused with a clear message.
      expect(() => clearStalePidFile(path.join(dir, 'pg'))).toThrow(/in use by process/);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!machineAvailable)(
    'machine server: concurrent starters migrate once, without failing',
    async () => {
      const fresh = await freshMachineDatabase();
      try {
        const [a, b, c] = await Promise.all(
          [0, 1, 2].map(() => openDatabase({ databaseUrl: fresh.url, dataDir: os.tmpdir(), logger })),
        );
        const applied = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(
          a!.db,
        );
        expect(applied.rows[0]!.n).toBe(3); // every migration exactly once
        await Promise.all([a, b, c].map((d) => d!.close()));
      } finally {
        await fresh.drop();
      }
    },
  );

  it('as root, lets the postgres user reach binaries and data inside private folders (traverse only)', () => {
    const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-private-'));
    const inner = path.join(outer, 'clone', 'data');
    fs.mkdirSync(inner, { recursive: true });
    fs.chmodSync(outer, 0o700);
    expect(grantTraverse([inner])).toContain(outer);
    expect(fs.statSync(outer).mode & 0o777).toBe(0o701);
    expect(grantTraverse([inner])).toEqual([]);
    fs.rmSync(outer, { recursive: true, force: true });
  });
});
