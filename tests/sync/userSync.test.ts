import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchGet } from '../../server/graph/batch';
import { createGraphLimiter } from '../../server/graph/client';
import { updateUserSettings } from '../../server/settings/userSettings';
import { extractionContext, syncDirectory } from '../../server/sync/directorySync';
import { syncStream } from '../../server/sync/streamSync';
import { syncUser } from '../../server/sync/userSync';
import { describeEachDatabase } from '../helpers/databases';
import { graphAs, startTestTenant } from '../helpers/devtenant';

/** What a user's sync brings besides the delta streams: settings, batching, shared limits. */
let tenant: Awaited<ReturnType<typeof startTestTenant>>;
beforeAll(async () => {
  tenant = await startTestTenant({ people: 40 });
});
afterAll(() => tenant.stop());

describe('Graph batching and limits', () => {
  it('retries throttled sub-requests of a batch after their Retry-After, and only those', async () => {
    const me = tenant.data.users[0]!;
    tenant.faults.add({ kind: 'storm', count: 2, retryAfter: 0.05, path: '^/organization' });
    const waits: number[] = [];
    try {
      const answers = await batchGet(
        graphAs(tenant, me.id),
        [
          { id: 'org', url: '/organization?$select=verifiedDomains' },
          { id: 'me', url: '/me?$select=id' },
        ],
        { sleep: async (ms) => void waits.push(ms) },
      );
      expect(answers.get('org')).toMatchObject({ status: 200 });
      expect(answers.get('me')).toMatchObject({ status: 200, body: expect.objectContaining({ id: me.id }) });
      expect(tenant.faults.injected.storm).toBe(2);
      expect(waits).toEqual([50, 50]); // the fractional Retry-After, honoured to the millisecond
    } finally {
      tenant.faults.reset();
    }
  });

  it('retries a transient sub-response (a 500) with backoff, like a throttled one', async () => {
    const me = tenant.data.users[0]!;
    tenant.faults.add({ kind: 'status', status: 500, count: 1, path: '^/organization' });
    const waits: number[] = [];
    try {
      const answers = await batchGet(graphAs(tenant, me.id), [{ id: 'org', url: '/organization' }], {
        sleep: async (ms) => void waits.push(ms),
        baseDelayMs: 100,
      });
      expect(answers.get('org')?.status).toBe(200);
      expect(tenant.faults.injected.status).toBe(1);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThanOrEqual(50); // no Retry-After: jittered backoff
      expect(waits[0]).toBeLessThanOrEqual(150);
    } finally {
      tenant.faults.reset();
    }
  });

  it('gives up on a sub-request after the last attempt and reports its status', async () => {
    const me = tenant.data.users[0]!;
    tenant.faults.add({ kind: 'storm', count: 10, retryAfter: null, path: '^/organization' });
    try {
      const answers = await batchGet(graphAs(tenant, me.id), [{ id: 'org', url: '/organization' }], {
        maxAttempts: 3,
        sleep: async () => {},
      });
      expect(answers.get('org')?.status).toBe(429);
      expect(tenant.faults.injected.storm).toBe(3);
    } finally {
      tenant.faults.reset();
    }
  });

  it('caps requests in flight across every user with one app-wide limiter', async () => {
    const limiter = createGraphLimiter(2);
    const users = tenant.data.users.slice(0, 5);
    tenant.faults.setLatency({ fixedMs: 40 });
    let peak = 0;
    let queued = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, limiter.activeCount);
      queued = Math.max(queued, limiter.pendingCount);
    }, 5);
    try {
      const answers = await Promise.all(
        users.flatMap((u) => {
          const graph = graphAs(tenant, u.id, undefined, limiter);
          return [graph.api('/me').get(), graph.api('/me/mailboxSettings').get()];
        }),
      );
      expect(answers).toHaveLength(10);
    } finally {
      clearInterval(timer);
      tenant.faults.reset();
    }
    expect(peak).toBe(2);
    expect(queued).toBeGreaterThan(0);
  });
});

describeEachDatabase('user sync', (database) => {
  const db = () => database().db;

  it('keeps the mailbox time zone and working hours, fetched with the folder sizes in one batch', async () => {
    const user = tenant.data.users[1]!;
    await syncUser({ db: db(), graph: graphAs(tenant, user.id), tid: tenant.tenantId, oid: user.id });
    const row = await db()
      .selectFrom('mailbox_settings')
      .selectAll()
      .where('tid', '=', tenant.tenantId)
      .where('oid', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.time_zone).toBe(user.mailboxSettings.timeZone);
    expect(row.working_hours).toMatchObject({
      daysOfWeek: user.mailboxSettings.workingHours.daysOfWeek,
      startTime: user.mailboxSettings.workingHours.startTime,
    });
    const streams = await db()
      .selectFrom('sync_streams')
      .select(['stream', 'expected_items'])
      .where('oid', '=', user.id)
      .orderBy('stream')
      .execute();
    expect(streams.find((s) => s.stream === 'mail:inbox')!.expected_items).toBeGreaterThan(0);
  });

  it('stores meeting subjects only after the user turns the setting on, and forgets them when off', async () => {
    const user = tenant.data.users[2]!;
    const graph = graphAs(tenant, user.id);
    const subjects = async () =>
      (
        await db()
          .selectFrom('interactions')
          .select(['subject', 'source_type'])
          .where('oid', '=', user.id)
          .where('subject', 'is not', null)
          .execute()
      ).map((r) => r.source_type);
    await syncUser({ db: db(), graph, tid: tenant.tenantId, oid: user.id });
    expect(await subjects()).toEqual([]);
    const meetings = async () =>
      (
        await db()
          .selectFrom('interactions')
          .select('source_id')
          .where('oid', '=', user.id)
          .where('source_type', '=', 'event')
          .execute()
      ).length;
    const before = await meetings();
    await updateUserSettings(db(), tenant.tenantId, user.id, { storeMeetingSubjects: true });
    await syncUser({ db: db(), graph, tid: tenant.tenantId, oid: user.id });
    const kept = await subjects();
    expect(kept.length).toBeGreaterThan(0);
    expect(new Set(kept)).toEqual(new Set(['event'])); // never a mail subject
    expect(await meetings()).toBe(before); // the calendar round replaced rows, duplicated none
    await updateUserSettings(db(), tenant.tenantId, user.id, { storeMeetingSubjects: false });
    expect(await subjects()).toEqual([]);

    // A calendar sync that started while the setting was on, and writes after it was turned off.
    await updateUserSettings(db(), tenant.tenantId, user.id, { storeMeetingSubjects: true });
    const startedWith = await extractionContext(db(), tenant.tenantId, user.id);
    startedWith.meetingSubjects = true;
    await updateUserSettings(db(), tenant.tenantId, user.id, { storeMeetingSubjects: false });
    const late = await syncStream({
      db: db(),
      graph,
      tid: tenant.tenantId,
      oid: user.id,
      stream: 'calendar',
      context: startedWith,
    });
    expect(late.items).toBeGreaterThan(0);
    expect(await subjects()).toEqual([]);
  });

  it('records external people by domain only, marked external', async () => {
    const user = tenant.data.users[1]!;
    const externals = await db()
      .selectFrom('interactions')
      .select(['counterpart', 'counterpart_id'])
      .where('oid', '=', user.id)
      .where('internal', '=', false)
      .execute();
    for (const e of externals) {
      expect(e.counterpart).toMatch(/^@[a-z0-9.-]+$/);
      expect(e.counterpart_id).toBeNull();
    }
    const domains = await db()
      .selectFrom('tenant_domains')
      .select('domain')
      .where('tid', '=', tenant.tenantId)
      .execute();
    expect(externals.every((e) => !domains.some((d) => e.counterpart === `@${d.domain}`))).toBe(true);
  });

  it('refreshes the directory with the domains and first page of people in one batch', async () => {
    const user = tenant.data.users[0]!;
    const result = await syncDirectory(db(), graphAs(tenant, user.id), tenant.tenantId);
    expect(result.people).toBeGreaterThan(30);
    const domains = await db()
      .selectFrom('tenant_domains')
      .select('domain')
      .where('tid', '=', tenant.tenantId)
      .execute();
    expect(domains.length).toBeGreaterThan(0);
    // Managers come with the people ($expand=manager): the map's manager chain stands on them.
    const mine = await db()
      .selectFrom('directory_people')
      .select('manager_id')
      .where('tid', '=', tenant.tenantId)
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(mine.manager_id).toBe(user.managerId);
  });
});
