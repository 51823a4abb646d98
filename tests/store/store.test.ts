import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';
import { migrate, openDatabase } from '../../server/store/db';
import { migrationProvider } from '../../server/store/migrations';
import { grantTraverse } from '../../server/store/embedded';
import { SessionsRepository } from '../../server/store/sessionsRepository';
import { PgTokenCacheStore } from '../../server/store/tokenCacheRepository';
import { upsertAppUser } from '../../server/store/usersRepository';
import { databases, describeEachDatabase, freshDatabaseOn } from '../helpers/databases';

const TID = '11111111-1111-4111-8111-111111111111';
const OID = '22222222-2222-4222-8222-222222222222';
const migrationNames = Object.keys(await migrationProvider.getMigrations()).sort();

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
      // After a machine or container restart, postmaster.pid names a process that no longer exists.
      fs.writeFileSync(path.join(dir, 'pg', 'postmaster.pid'), '999999\n');
      const started = Date.now();
      const second = await openDatabase({ dataDir: dir, logger });
      expect(Date.now() - started).toBeLessThan(5_000);
      const row = await second.db.selectFrom('app_users').select('display_name').executeTakeFirst();
      expect(row?.display_name).toBe('Kept');
      // The same folder cannot be opened twice.
      await expect(openDatabase({ dataDir: dir, logger })).rejects.toThrow(/already open in this process/);
      await second.close();
      // After a container restart the old pid may belong to an unrelated process (here: this one).
      fs.writeFileSync(path.join(dir, 'pg', 'postmaster.pid'), `${process.pid}\n`);
      const third = await openDatabase({ dataDir: dir, logger });
      expect(await third.ping()).toBe(true);
      await third.close();
      expect(fs.existsSync(path.join(dir, 'pg.lock'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('embedded: refuses a data folder another process runs, and takes it over after that process is killed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-db-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('tests/store/fixtures/holdEmbedded.ts'), dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
      });
      await expect(openDatabase({ dataDir: dir, logger })).rejects.toThrow(
        new RegExp(`in use by process ${child.pid}`),
      );
      // Even without its lock file, a server whose Node parent lives is left alone.
      fs.rmSync(path.join(dir, 'pg.lock'));
      await expect(openDatabase({ dataDir: dir, logger })).rejects.toThrow(
        new RegExp(`in use by process ${child.pid}`),
      );
      // A hard kill of the Rapport process leaves its PostgreSQL child running, orphaned.
      const postmaster = Number(
        fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(() => process.kill(postmaster, 0)).not.toThrow();

      const recovered = await openDatabase({ dataDir: dir, logger });
      const row = await recovered.db
        .selectFrom('app_users')
        .select('display_name')
        .where('oid', '=', '33333333-3333-4333-8333-333333333333')
        .executeTakeFirst();
      expect(row?.display_name).toBe('Written before the kill');
      expect(() => process.kill(postmaster, 0)).toThrow(); // the orphan was shut down, not left beside ours
      await recovered.close();
    } finally {
      child.kill('SIGKILL');
      // Should the test fail half-way, leave no orphaned server behind.
      const pidFile = path.join(dir, 'pg', 'postmaster.pid');
      if (fs.existsSync(pidFile)) {
        const orphan = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
        if (orphan > 0) {
          try {
            process.kill(orphan, 'SIGINT');
          } catch {
            // already gone
          }
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const target of databases) {
    it.skipIf(!target.available)(
      `${target.label}: concurrent starters migrate once, without failing`,
      async () => {
        const fresh = await freshDatabaseOn(await target.serverUrl());
        try {
          const opened = await Promise.all(
            [0, 1, 2].map(() => openDatabase({ databaseUrl: fresh.url, dataDir: os.tmpdir(), logger })),
          );
          const applied = await sql<{
            name: string;
          }>`select name from kysely_migration order by name`.execute(opened[0]!.db);
          expect(applied.rows.map((r) => r.name)).toEqual(migrationNames); // every migration exactly once
          await Promise.all(opened.map((d) => d.close()));
        } finally {
          await fresh.drop();
        }
      },
    );
  }

  it('test databases fall back to a schema of their own where CREATE DATABASE is not allowed', async () => {
    const server = new URL(await databases[0]!.serverUrl());
    const role = `limited_${Date.now()}`;
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw' NOCREATEDB`);
    await admin.query(`GRANT CREATE ON DATABASE postgres TO ${role}`);
    try {
      server.username = role;
      server.password = 'pw';
      const fresh = await freshDatabaseOn(server.toString());
      expect(fresh.isolation).toBe('schema');
      const database = await openDatabase({ databaseUrl: fresh.url, dataDir: os.tmpdir(), logger });
      await upsertAppUser(database.db, { tid: TID, oid: OID, displayName: 'In a schema', upn: null });
      const where = await sql<{ schema: string }>`
        select table_schema as schema from information_schema.tables where table_name = 'app_users'`.execute(
        database.db,
      );
      expect(where.rows.map((r) => r.schema)).toEqual([
        new URL(fresh.url).searchParams.get('options')!.split('=')[1],
      ]);
      await database.close();
      await fresh.drop();
    } finally {
      await admin.query(`REVOKE CREATE ON DATABASE postgres FROM ${role}`);
      await admin.query(`DROP ROLE ${role}`);
      await admin.end();
    }
  });

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
