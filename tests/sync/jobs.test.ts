import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';
import { upsertAppUser } from '../../server/store/usersRepository';
import { startSyncJobs, type SyncJobs } from '../../server/sync/jobs';
import { describeEachDatabase } from '../helpers/databases';
import { graphAs, startTestTenant } from '../helpers/devtenant';

/** Sync jobs in PostgreSQL, shared by several server instances without double work. */
let tenant: Awaited<ReturnType<typeof startTestTenant>>;
beforeAll(async () => {
  tenant = await startTestTenant({ people: 40 });
});
afterAll(() => tenant.stop());

describeEachDatabase('sync jobs', (database) => {
  const instances: SyncJobs[] = [];
  afterAll(async () => {
    await Promise.all(instances.map((j) => j.stop()));
  });

  it('two instances share the queue: a user queued twice is synced once, by one of them', async () => {
    const logger = createLogger({ level: 'silent' });
    const start = () =>
      startSyncJobs({
        pool: database().pool,
        db: database().db,
        logger,
        graphFor: async (_tid, oid) => graphAs(tenant, oid),
        pollingIntervalSeconds: 0.5,
      });
    instances.push(await start(), await start());
    const user = tenant.data.users[7]!;
    await Promise.all([
      instances[0]!.enqueue(tenant.tenantId, user.id),
      instances[1]!.enqueue(tenant.tenantId, user.id),
    ]);
    const rounds = async () =>
      database()
        .db.selectFrom('sync_streams')
        .select(['stream', 'rounds'])
        .where('oid', '=', user.id)
        .orderBy('stream')
        .execute();
    let r = await rounds();
    for (let i = 0; i < 60 && !(r.length === 3 && r.every((s) => s.rounds >= 1)); i++) {
      await new Promise((res) => setTimeout(res, 250));
      r = await rounds();
    }
    expect(r.map((s) => [s.stream, s.rounds])).toEqual([
      ['calendar', 1],
      ['mail:inbox', 1],
      ['mail:sentitems', 1],
    ]);
  });

  it('the sweep queues users active in the last hour and those not synced for a day', async () => {
    const active = tenant.data.users[8]!;
    await upsertAppUser(database().db, {
      tid: tenant.tenantId,
      oid: active.id,
      displayName: active.displayName,
      upn: active.userPrincipalName,
    });
    expect(await instances[0]!.sweep()).toBeGreaterThanOrEqual(1);
  });

  it('refreshes a tenant directory daily, acting for a recently active user', async () => {
    await database()
      .db.updateTable('directory_people')
      .set({ department: 'stale' })
      .where('tid', '=', tenant.tenantId)
      .execute();
    const r = await instances[0]!.refreshDirectory(tenant.tenantId);
    expect(r?.people).toBeGreaterThan(30);
    const stale = await database()
      .db.selectFrom('directory_people')
      .select('id')
      .where('tid', '=', tenant.tenantId)
      .where('department', '=', 'stale')
      .execute();
    expect(stale).toEqual([]);
    expect(await instances[0]!.refreshDirectory('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
