import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { extractionContext } from '../../server/sync/directorySync';
import { syncStream } from '../../server/sync/streamSync';
import { syncStatus, syncUser } from '../../server/sync/userSync';
import { describeEachDatabase } from '../helpers/databases';
import { graphAs, startTestTenant } from '../helpers/devtenant';

/** The sync engine against the dev tenant and a real database: rounds, crashes, expiry, throttling. */
let tenant: Awaited<ReturnType<typeof startTestTenant>>;
beforeAll(async () => {
  tenant = await startTestTenant({ people: 40 });
});
afterAll(() => tenant.stop());

describeEachDatabase('sync engine', (database) => {
  const db = () => database().db;
  const me = () => tenant.data.users[0]!;
  const rows = async (oid: string) =>
    (
      await db()
        .selectFrom('interactions')
        .select(['source_id', 'counterpart', 'kind'])
        .where('oid', '=', oid)
        .orderBy('source_id')
        .orderBy('counterpart')
        .execute()
    ).map((r) => `${r.source_id}|${r.counterpart}|${r.kind}`);
  /** One round of the user's Inbox alone, with a client of its own. */
  const syncInbox = (oid: string) =>
    syncUser({ db: db(), graph: graphAs(tenant, oid), tid: tenant.tenantId, oid, streams: ['mail:inbox'] });

  it('backfills calendar, Inbox and Sent Items into interactions, then a no-change round costs one page per stream', async () => {
    const graph = graphAs(tenant, me().id);
    const first = await syncUser({ db: db(), graph, tid: tenant.tenantId, oid: me().id, pageSize: 50 });
    for (const r of Object.values(first)) expect(r).toMatchObject({ done: true });
    const n = (await rows(me().id)).length;
    expect(n).toBeGreaterThan(100);
    const kinds = await db()
      .selectFrom('interactions')
      .select('kind')
      .distinct()
      .where('oid', '=', me().id)
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['meeting_1on1', 'mail_sent', 'mail_received']),
    );
    const again = await syncUser({ db: db(), graph, tid: tenant.tenantId, oid: me().id, pageSize: 50 });
    for (const r of Object.values(again)) expect(r).toMatchObject({ pages: 1, items: 0, done: true });
    expect((await rows(me().id)).length).toBe(n);
    const status = await syncStatus(db(), tenant.tenantId, me().id);
    expect(status.phase).toBe('ready');
    expect(status.streams.map((s) => s.stream)).toEqual(['calendar', 'mail:inbox', 'mail:sentitems']);
  });

  it('applies new and deleted mail in the next round, exactly once', async () => {
    const graph = graphAs(tenant, me().id);
    const colleague = tenant.data.users.find((u) => u.managerId === me().id)!;
    const added = tenant.store.addMessage(me().id, {
      folder: 'inbox',
      isRead: false,
      message: {
        ...tenant.store.mail(me().id)[0]!.entry.message,
        uid: `new-${Math.random()}`,
        subject: 'Quick question',
        from: { emailAddress: { name: colleague.displayName, address: colleague.mail! } },
        sender: { emailAddress: { name: colleague.displayName, address: colleague.mail! } },
        toRecipients: [{ emailAddress: { name: me().displayName, address: me().mail! } }],
        ccRecipients: [],
      },
    });
    await syncUser({ db: db(), graph, tid: tenant.tenantId, oid: me().id });
    await syncUser({ db: db(), graph, tid: tenant.tenantId, oid: me().id });
    const mine = await db()
      .selectFrom('interactions')
      .selectAll()
      .where('source_id', '=', added.graphId)
      .where('oid', '=', me().id)
      .execute();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ counterpart: colleague.mail, kind: 'mail_received' });
    tenant.store.deleteMessage(me().id, added.graphId);
    await syncUser({ db: db(), graph, tid: tenant.tenantId, oid: me().id });
    expect(
      await db()
        .selectFrom('interactions')
        .select('source_id')
        .where('source_id', '=', added.graphId)
        .execute(),
    ).toEqual([]);
  });

  it('resumes a crashed backfill from its last committed page: nothing lost, nothing twice', async () => {
    const user = tenant.data.users[1]!;
    const graph = graphAs(tenant, user.id);
    await syncUser({ db: db(), graph, tid: tenant.tenantId, oid: user.id, streams: ['mail:sentitems'] }); // directory too
    const clean = await rows(user.id);
    await db().deleteFrom('interactions').where('oid', '=', user.id).execute();
    await db().deleteFrom('sync_streams').where('oid', '=', user.id).execute();
    const context = await extractionContext(db(), tenant.tenantId, user.id);
    /** Sent Items in pages of 10; with `maxPages`, stopping after that many as if it had crashed. */
    const sentItems = (maxPages?: number) =>
      syncStream({
        db: db(),
        graph,
        tid: tenant.tenantId,
        oid: user.id,
        stream: 'mail:sentitems',
        context,
        pageSize: 10,
        maxPages,
      });
    const crashed = await sentItems(2);
    expect(crashed).toMatchObject({ pages: 2, done: false });
    const state = await db()
      .selectFrom('sync_streams')
      .select(['next_link', 'delta_link'])
      .where('oid', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(state.next_link).toMatch(/skiptoken/);
    const resumed = await sentItems();
    expect(resumed.done).toBe(true);
    expect(await rows(user.id)).toEqual(clean);
  });

  it('resyncs a stream whose delta token expired (410), without duplicates', async () => {
    const graph = graphAs(tenant, me().id);
    await syncUser({ db: db(), graph, tid: tenant.tenantId, oid: me().id });
    const before = await rows(me().id);
    tenant.store.expireDeltaTokens(me().id, 'calendar');
    const r = await syncUser({ db: db(), graph, tid: tenant.tenantId, oid: me().id });
    expect(r.calendar).toMatchObject({ resynced: true, done: true });
    expect(await rows(me().id)).toEqual(before);
    const calendar = (await syncStatus(db(), tenant.tenantId, me().id)).streams.find(
      (s) => s.stream === 'calendar',
    )!;
    expect(calendar.resyncs).toBeGreaterThanOrEqual(1);
  });

  it('survives a 429 storm within the SDK’s retry budget', async () => {
    const user = tenant.data.users[2]!;
    tenant.faults.add({ kind: 'storm', count: 3, retryAfter: 0.1, path: '/me/mailFolders' });
    try {
      const r = await syncInbox(user.id);
      expect(r['mail:inbox']).toMatchObject({ done: true });
      expect(tenant.faults.injected.storm).toBe(3);
    } finally {
      tenant.faults.reset();
    }
  });

  it('handles odd addresses without failing: no-address senders, unresolvable X.500, display names only', async () => {
    const user = tenant.data.users[3]!;
    const odd = (address: string) => ({ emailAddress: { name: 'Odd', address } });
    tenant.store.addMessage(user.id, {
      folder: 'inbox',
      isRead: true,
      message: {
        ...tenant.store.mail(user.id)[0]!.entry.message,
        uid: `odd-${Math.random()}`,
        from: odd('/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=ghost'),
        sender: odd(''),
        toRecipients: [odd('Just A Name')],
        ccRecipients: [],
      },
    });
    const r = await syncInbox(user.id);
    expect(r['mail:inbox']).toMatchObject({ done: true });
    const count = await sql<{
      n: number;
    }>`select count(*)::int as n from interactions where oid = ${user.id} and counterpart like '/o=%'`.execute(
      db(),
    );
    expect(count.rows[0]!.n).toBe(0);
  });
});

describeEachDatabase('sync engine, several instances', (database) => {
  it('never syncs one stream twice at once: the second instance finds it busy and does no work', async () => {
    const user = tenant.data.users[4]!;
    const graph = graphAs(tenant, user.id);
    await syncUser({ db: database().db, graph, tid: tenant.tenantId, oid: user.id, streams: [] }); // the directory
    const context = await extractionContext(database().db, tenant.tenantId, user.id);
    const admittedBefore = [...tenant.faults.throttle.admitted.values()].reduce((a, b) => a + b, 0);
    const run = () =>
      syncStream({
        db: database().db,
        graph,
        tid: tenant.tenantId,
        oid: user.id,
        stream: 'mail:sentitems',
        context,
        pageSize: 20,
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.busy, b.busy].sort()).toEqual([false, true]);
    const worker = a.busy ? b : a;
    expect(worker.done).toBe(true);
    const requests =
      [...tenant.faults.throttle.admitted.values()].reduce((x, y) => x + y, 0) - admittedBefore;
    expect(requests).toBe(worker.pages + 1); // the pages, and the folder's size for progress
  });
});

describeEachDatabase('sync progress', (database) => {
  it('reports percent and ETA during a backfill, from the folder size', async () => {
    const user = tenant.data.users[5]!;
    const graph = graphAs(tenant, user.id);
    await syncUser({ db: database().db, graph, tid: tenant.tenantId, oid: user.id, streams: [] });
    const context = await extractionContext(database().db, tenant.tenantId, user.id);
    /** The Inbox in pages of 10; with `maxPages`, stopping after that many (mid-backfill). */
    const inbox = (maxPages?: number) =>
      syncStream({
        db: database().db,
        graph,
        tid: tenant.tenantId,
        oid: user.id,
        stream: 'mail:inbox',
        context,
        pageSize: 10,
        maxPages,
      });
    await inbox(3);
    const mid = (await syncStatus(database().db, tenant.tenantId, user.id)).streams[0]!;
    expect(mid.phase).toBe('backfill');
    expect(mid.percent).toBeGreaterThan(0);
    expect(mid.percent).toBeLessThan(100);
    expect(mid.etaSeconds).not.toBeNull();
    await inbox();
    const end = (await syncStatus(database().db, tenant.tenantId, user.id)).streams[0]!;
    expect(end).toMatchObject({ phase: 'idle', percent: 100, etaSeconds: 0 });
  });
});

describeEachDatabase('calendar window', (database) => {
  it('rolls forward when its end comes near, keeping past meetings and adding no duplicates', async () => {
    const user = tenant.data.users[9]!;
    const graph = graphAs(tenant, user.id);
    const t0 = tenant.data.now.getTime();
    await syncUser({ db: database().db, graph, tid: tenant.tenantId, oid: user.id, streams: [] });
    const context = await extractionContext(database().db, tenant.tenantId, user.id);
    const run = (at: number) =>
      syncStream({
        db: database().db,
        graph,
        tid: tenant.tenantId,
        oid: user.id,
        stream: 'calendar',
        context,
        now: () => new Date(at),
      });
    await run(t0);
    const windowOf = async () =>
      await database()
        .db.selectFrom('sync_streams')
        .select(['window_start', 'window_end', 'rounds'])
        .where('oid', '=', user.id)
        .executeTakeFirstOrThrow();
    const first = await windowOf();
    const count = async () =>
      Number(
        (
          await database()
            .db.selectFrom('interactions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('oid', '=', user.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await run(t0 + 20 * 86_400_000); // window end still far: an incremental round
    expect((await windowOf()).window_end).toEqual(first.window_end);
    await run(t0 + 70 * 86_400_000); // within 45 days of the end: a new window from "now"
    const rolled = await windowOf();
    expect(new Date(rolled.window_end!).getTime()).toBeGreaterThan(new Date(first.window_end!).getTime());
    expect(rolled.rounds).toBe(first.rounds + 2);
    expect(await count()).toBe(before); // past meetings kept, nothing twice
  });
});
