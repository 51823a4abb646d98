/**
 * `npm run bench -- sync`: the sync engine against the dev tenant with a heavy mailbox (≥ 50,000
 * messages and ≥ 5,000 events a year) and per-request latency, into a real PostgreSQL (embedded, or
 * DATABASE_URL). Prints the figures and writes bench/results/sync.json.
 *
 * - requestsVsMinimum: mailbox requests made ÷ ceil(items ÷ page size) per stream
 * - wallVsFloor: wall time ÷ the floor set by latency and the 4-concurrent limit. Delta pages chain,
 *   so the floor is the longest stream's request chain, walked alone in the same run with the same
 *   latency (what a client waits for each page, including Graph building it). Also reported:
 *   wallVsInjectedLatency, against pages × injected latency only.
 * - ingestVsBulkInsert: a plain bulk INSERT of the same rows in the same run ÷ the time the sync's
 *   whole ingest path (parse, extract, write) takes for the same pages, replayed without latency
 * - noChangeRequestsPerStream: requests per stream for a round with no changes
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createLogger } from '../server/logger';
import { startDevTenant } from '../server/devtenant/server';
import { openDatabase } from '../server/store/db';
import { syncUser } from '../server/sync/userSync';
import { graphAs } from '../tests/helpers/devtenant';
import type { Client } from '@microsoft/microsoft-graph-client';
import { randomUUID } from 'node:crypto';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 120);
const PAGE = 1000; // messages: the documented maximum; calendarView delta: Rapport asks for the same
const logger = createLogger({ level: 'silent' });

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-'));
fs.cpSync(path.resolve(process.env.DATA_DIR ?? 'data', 'certs'), path.join(dataDir, 'certs'), {
  recursive: true,
});
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const tenant = await startDevTenant({
  seed: 'bench',
  people: 300,
  dataDir,
  redirectUris: ['http://localhost:1/auth/callback'],
  heavyUserIds: 'demo',
});
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, logger });
try {
  const me = tenant.data.users[0]!;
  const real = graphAs(tenant, me.id);
  // Record every Graph answer by URL, so the ingest can be replayed without latency or the dev tenant.
  const recorded = new Map<string, unknown>();
  // Continuation links are exact; a first request's query (its time window) differs between runs.
  const keyOf = (url: string) => (/token=/.test(url) ? url : url.split('?')[0]!);
  type Chain = {
    header(k: string, v: string): Chain;
    select(f: string): Chain;
    get(): Promise<unknown>;
    post(body: unknown): Promise<unknown>;
  };
  const wrap = (url: string, inner: ReturnType<Client['api']>): Chain => ({
    header: (k, v) => wrap(url, inner.header(k, v)),
    select: (f) => wrap(url, inner.select(f)),
    get: async () => {
      const r: unknown = await inner.get();
      recorded.set(keyOf(url), r);
      return r;
    },
    post: (body) => inner.post(body) as Promise<unknown>, // $batch: setup only, not replayed
  });
  const graph = { api: (url: string) => wrap(url, real.api(url)) } as unknown as Client;
  // Materialise the mailbox and the directory before timing: the dev tenant's own start-up is not the sync's cost.
  tenant.store.mailbox(me.id);
  await syncUser({ db: database.db, graph, tid: tenant.tenantId, oid: me.id, streams: [] });
  const counts = {
    calendar: 0,
    'mail:inbox': tenant.store.mail(me.id).filter((i) => i.entry.folder === 'inbox').length,
    'mail:sentitems': tenant.store.mail(me.id).filter((i) => i.entry.folder === 'sentitems').length,
  };
  const now = new Date();
  const from = new Date(now);
  from.setUTCMonth(from.getUTCMonth() - 12);
  const to = new Date(now);
  to.setUTCMonth(to.getUTCMonth() + 3);
  counts.calendar = tenant.store
    .calendar(me.id)
    .filter(
      (i) =>
        i.event.type !== 'seriesMaster' &&
        Date.parse(i.event.start) < to.getTime() &&
        Date.parse(i.event.end) > from.getTime(),
    ).length;

  tenant.faults.setLatency({ fixedMs: LATENCY_MS, jitterMs: 0 });
  const admitted = () => [...tenant.faults.throttle.admitted.values()].reduce((a, b) => a + b, 0);
  let writeMs = 0;
  let rows = 0;
  const before = admitted();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const result = await Promise.all(
    (['calendar', 'mail:inbox', 'mail:sentitems'] as const).map(async (stream) => {
      const { syncStream } = await import('../server/sync/streamSync');
      const { extractionContext } = await import('../server/sync/directorySync');
      const context = await extractionContext(database.db, tenant.tenantId, me.id);
      const r = await syncStream({
        db: database.db,
        graph,
        tid: tenant.tenantId,
        oid: me.id,
        stream,
        context,
        pageSize: PAGE,
        onPage: (p) => ((writeMs += p.writeMs), (rows += p.interactions)),
      });
      return [stream, r] as const;
    }),
  );
  const wallMs = performance.now() - started;
  const requests = admitted() - before;
  const minimum = Object.values(counts).reduce((sum, n) => sum + Math.max(1, Math.ceil(n / PAGE)), 0);
  const longest = Math.max(...Object.values(counts).map((n) => Math.max(1, Math.ceil(n / PAGE))));
  const floorMs = Math.max(longest, Math.ceil(minimum / 4)) * LATENCY_MS;
  const messages = counts['mail:inbox'] + counts['mail:sentitems'];

  // The same rows, bulk-inserted into a copy of the table in the same database.
  await sql`create temporary table bulk_copy (like interactions including all)`
    .execute(database.db)
    .catch(async () => {
      await sql`drop table if exists bulk_copy`.execute(database.db);
      await sql`create table bulk_copy (like interactions including all)`.execute(database.db);
    });
  const all = await database.db.selectFrom('interactions').selectAll().where('oid', '=', me.id).execute();
  const bulkStarted = performance.now();
  await database.db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    for (let k = 0; k < all.length; k += 1000) {
      const chunk = all.slice(k, k + 1000);
      // Every column the sync writes: the same rows, not a narrower table.
      await sql`insert into bulk_copy ${sql.raw('(tid, oid, stream, source_type, source_id, counterpart, counterpart_id, kind, at, duration_minutes, participants, direction, owner_is_organizer, response, internal, subject, conversation_id)')} values ${sql.join(
        chunk.map(
          (r) =>
            sql`(${r.tid}, ${r.oid}, ${r.stream}, ${r.source_type}, ${r.source_id}, ${r.counterpart}, ${r.counterpart_id}, ${r.kind}, ${r.at}, ${r.duration_minutes}, ${r.participants}, ${r.direction}, ${r.owner_is_organizer}, ${r.response}, ${r.internal}, ${r.subject}, ${r.conversation_id})`,
        ),
      )}`.execute(conn);
    }
    await sql`commit`.execute(conn);
  });
  const bulkMs = performance.now() - bulkStarted;

  // The same pages replayed through the whole ingest path (parse, extract, write) with no network:
  // the sync's ingest throughput, measured without Graph's latency or the dev tenant's CPU.
  const replayGraph = {
    api: (url: string) => {
      const chain: Chain = {
        header: () => chain,
        select: () => chain,
        get: async () => recorded.get(keyOf(url)),
        post: () => Promise.reject(new Error('no $batch in the replay')),
      };
      return chain;
    },
  } as unknown as Client;
  const { syncStream: replayStream } = await import('../server/sync/streamSync');
  const { extractionContext: contextFor } = await import('../server/sync/directorySync');
  const replayContext = await contextFor(database.db, tenant.tenantId, me.id);
  const replayOid = randomUUID();
  const replayStarted = performance.now();
  for (const stream of ['calendar', 'mail:inbox', 'mail:sentitems'] as const) {
    await replayStream({
      db: database.db,
      graph: replayGraph,
      tid: tenant.tenantId,
      oid: replayOid,
      stream,
      context: replayContext,
      pageSize: PAGE,
      now: () => now,
    });
  }
  const replayMs = performance.now() - replayStarted;
  const replayed = await database.db
    .selectFrom('interactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('oid', '=', replayOid)
    .executeTakeFirstOrThrow();
  if (Number(replayed.n) !== all.length)
    throw new Error(`the replay wrote ${replayed.n} rows, the sync ${all.length}`);

  // The latency floor as the client sees it: the longest stream's request chain walked alone,
  // page by page, with the same injected latency — Graph's answer time includes building the page.
  const chainStarted = performance.now();
  let next: string | undefined = `/me/mailFolders/inbox/messages/delta?$select=id`;
  let chainRequests = 0;
  while (next) {
    const page = (await real.api(next).header('Prefer', `odata.maxpagesize=${PAGE}`).get()) as {
      '@odata.nextLink'?: string;
    };
    chainRequests++;
    next = page['@odata.nextLink'];
  }
  const chainMs = performance.now() - chainStarted;

  // A round with no changes.
  const beforeNoChange = admitted();
  await syncUser({ db: database.db, graph, tid: tenant.tenantId, oid: me.id });
  const noChange = (admitted() - beforeNoChange) / 3;

  clearInterval(sampler);
  const figures = {
    requestsVsMinimum: +(requests / minimum).toFixed(3),
    wallVsFloor: +(wallMs / Math.max(chainMs, floorMs)).toFixed(3),
    wallVsInjectedLatency: +(wallMs / floorMs).toFixed(3),
    ingestVsBulkInsert: +(bulkMs / replayMs).toFixed(3),
    noChangeRequestsPerStream: +noChange.toFixed(2),
    messagesPerSecond: Math.round(messages / (wallMs / 1000)),
    peakRssMb: Math.round(peakRss / 1e6),
    syncRssIncreaseMb: Math.round((peakRss - rssBefore) / 1e6),
    details: {
      latencyMs: LATENCY_MS,
      pageSize: PAGE,
      items: counts,
      interactionsWritten: rows,
      requests,
      minimumRequests: minimum,
      wallMs: Math.round(wallMs),
      floorMs,
      observedChainMs: Math.round(chainMs),
      observedChainRequests: chainRequests,
      syncWriteMs: Math.round(writeMs),
      ingestReplayMs: Math.round(replayMs),
      bulkInsertMs: Math.round(bulkMs),
      streams: Object.fromEntries(result),
      database: database.embedded ? 'embedded PostgreSQL' : database.url,
      note: 'peakRssMb includes the dev tenant (heavy mailbox) running in the same process',
    },
  };
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/sync.json', `${JSON.stringify(figures, null, 2)}\n`);
  console.log(JSON.stringify(figures, null, 2));
} finally {
  clearInterval(sampler);
  await database.close();
  await tenant.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
