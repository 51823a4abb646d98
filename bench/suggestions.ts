/**
 * `npm run bench -- suggestions`: the suggestions engine's Graph economy and speed against the dev
 * tenant with injected latency (BENCH_LATENCY_MS, 120 ms by default) into a real PostgreSQL
 * (embedded, or DATABASE_URL). Prints the figures and writes bench/results/suggestions.json.
 *
 * Set-up. The dev tenant (≥ 1,000 people) runs in a child process (bench/suggestions/tenant.ts), so
 * the fake Graph's own CPU does not share Rapport's event loop; the mailboxes a measurement reads
 * are materialised there before it is timed (part A's only, then all of them for part B). Rapport reaches it only through the Graph SDK client it uses in
 * production (server/graph/client.ts: retries, the server-wide limiter of GRAPH_MAX_CONCURRENCY),
 * with each user's token signed once beforehand (production reads MSAL's cache instead: not timed).
 *
 * - graphRequests: the Graph requests (SDK calls, recorded above the SDK) one `prepare` makes for
 *   the demo user, really synced, with 200 accepted stakeholders (InsightsService.saveStakeholder):
 *   target ⌈201/20⌉ getSchedule + 1 calendarView. Also: HTTP attempts the dev tenant saw,
 *   including those it answered 429 (details.partA.httpAttempts / throttled429).
 * - overheadVsBareReplay: that `prepare`'s wall time ÷ the same requests replayed bare in the same
 *   run (bench/suggestions/graph.ts: the same method, URL, headers and body through the same SDK
 *   stack and limiter, each issued as soon as the requests it came after in the run have answered,
 *   nothing parsed or stored). Five alternating pairs: the median run ÷ the median replay. The map is the one the insights
 *   service would have cached (computed once beforehand, after the stakeholders were saved); the
 *   same run with a cold map (a fresh InsightsService) is reported beside it
 *   (details.partA.coldMap), as is the wall time ÷ the Graph floor of those requests
 *   (wallVsMailboxFloor: latency × max(longest chain, ⌈requests / 4⌉), Outlook's 4 concurrent
 *   requests per mailbox).
 * - slotSearchMs: `freeSlots` + `spreadSlots` (three 30-minute slots near 10:00, as for a coffee)
 *   for the demo user against each of the 200 people, over the two weeks from their next working
 *   day, from the getSchedule answers recorded in the run; `personSchedule` is built beforehand and
 *   not timed. Median of seven passes.
 * - weeklyJobVsFloor: the weekly job (startSuggestionJobs wired as server/compose.ts wires it: its
 *   pg-boss workers and polling interval, the shared Graph limiter) over BENCH_JOB_USERS (1,000)
 *   users of the generated tenant: from `sweep()` until `drained()`, ÷ the latency floor of the
 *   Graph requests the job made:
 *
 *     floor = latency × max( ⌈R / C⌉ , max over users u of chain(u) )
 *
 *   R = the job's Graph requests (SDK calls), C = the server's Graph concurrency
 *   (GRAPH_MAX_CONCURRENCY), chain(u) = max(the longest chain of user u's requests each waiting
 *   for an earlier one, ⌈r(u) / 4⌉ with r(u) u's requests — Outlook's per-mailbox concurrency,
 *   which Graph enforces). It is what the requests cost if Graph concurrency were the only limit
 *   and Graph answered in exactly the injected latency. Graph also takes time to build each
 *   answer (here the dev tenant, on the same 2 cores: getSchedule over 20 calendars), so the same
 *   requests are also replayed bare, every user at once through one limiter of C, each user's
 *   chain and mailbox limit kept (replayFloorMs) — the floor as Graph serves them, as the sync
 *   bench's floor is its page chain walked alone. weeklyJobVsFloor divides by the larger of the
 *   two; weeklyJobVsInjectedLatency by the first alone.
 *   Each job user has a row in app_users and mailbox_settings (time zone and working hours as
 *   sync's preflight stores them); the directory is really synced. Maps: BENCH_MAP_DONORS (8) of
 *   the job users are really synced (mail and calendar) and their maps computed once beforehand
 *   by InsightsService.map (limit 1,000, as compose.ts asks); every other job user is given one of
 *   those real maps in turn (its own zone, calendar, owner row and Graph identity stay its own).
 *   So the job's Graph requests are the real ones, against the dev tenant, with latency, for 1,000
 *   distinct mailboxes; the map's own computation is not in the job's time — its cold cost per
 *   user is reported (details.maps.coldMs), since production computes it in each prepare (the
 *   insights cache lives 60 s).
 *
 * BENCH_JOB_USERS and BENCH_MAP_DONORS scale the set-up down for quick runs (the JSON says which).
 * At full size the bench takes as long as the weekly job does: ~8½ minutes of its ~11 with the
 * job as it stands (2 users/s, see details.weeklyJob).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { createGraphClient, createGraphLimiter } from '../server/graph/client';
import { graphPage, graphScheduleInformationSchema } from '../server/graph/schemas';
import type { RelationshipMap } from '../server/insights/map';
import { InsightsService } from '../server/insights/service';
import { createLogger } from '../server/logger';
import { openDatabase } from '../server/store/db';
import { DURATION_MINUTES } from '../server/suggestions/candidates';
import { startSuggestionJobs } from '../server/suggestions/jobs';
import { personSchedule } from '../server/suggestions/schedule';
import { SuggestionsService } from '../server/suggestions/service';
import { freeSlots, type PersonSchedule, spreadSlots } from '../server/suggestions/slots';
import { addDays, utcOf, wallTime } from '../server/suggestions/zone';
import { syncUser } from '../server/sync/userSync';
import { GraphLog, replayBare } from './suggestions/graph';
import { remoteTenant } from './suggestions/tenant';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 120);
const JOB_USERS = Number(process.env.BENCH_JOB_USERS ?? 1000);
const DONORS = Math.min(JOB_USERS, Number(process.env.BENCH_MAP_DONORS ?? 8));
const STAKEHOLDERS = 200;
const PAIRS = 5;
const DAY = 86_400_000;
const MAILBOX_CONCURRENCY = 4; // Outlook's concurrent requests per app per mailbox
const logger = createLogger({ level: 'silent' });
const config = loadConfig({
  ...(process.env.GRAPH_MAX_CONCURRENCY ? { GRAPH_MAX_CONCURRENCY: process.env.GRAPH_MAX_CONCURRENCY } : {}),
  ...(process.env.NODE_ENV ? { NODE_ENV: process.env.NODE_ENV } : {}),
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const started = performance.now();
const say = (s: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0)}s] ${s}`);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-suggestions-'));
say(`dev tenant (${JOB_USERS + 60} people, its own process) and PostgreSQL …`);
const [tenant, database] = await Promise.all([
  remoteTenant(Math.max(300, JOB_USERS + 60)),
  openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, logger }),
]);
try {
  const db = database.db;
  const tid = tenant.tenantId;
  const me = tenant.users[0]!; // the demo user
  const jobUsers = tenant.users.filter((u) => u.id !== me.id).slice(0, JOB_USERS);
  if (jobUsers.length < JOB_USERS) throw new Error(`the tenant has ${jobUsers.length} other mailboxes`);
  const donors = jobUsers.slice(0, DONORS);

  const tokens = new Map<string, string>();
  const ids = [me, ...jobUsers].map((u) => u.id);
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    (await tenant.tokens(chunk)).forEach((t, k) => tokens.set(chunk[k]!, t));
  }
  const clientFor = (oid: string, limiter = setupLimiter) =>
    createGraphClient({ baseUrl: tenant.origin, getToken: async () => tokens.get(oid)!, limiter });
  const setupLimiter = createGraphLimiter(config.GRAPH_MAX_CONCURRENCY);

  // ---------- set-up: real syncs (no latency yet), stakeholders, maps, job users ----------
  say(`syncing the demo user and ${donors.length} map donors …`);
  for (const u of [me, ...donors]) await syncUser({ db, graph: clientFor(u.id), tid, oid: u.id });
  const insights = new InsightsService(db);
  const demoMap = await insights.map(tid, me.id, { limit: 1000 });
  const chosen = demoMap.people
    .filter((p) => p.id && p.address.endsWith(me.mail.slice(me.mail.indexOf('@'))) && p.address !== me.mail)
    .slice(0, STAKEHOLDERS);
  if (chosen.length < STAKEHOLDERS) throw new Error(`only ${chosen.length} colleagues on the demo map`);
  for (const p of chosen) {
    const r = await insights.saveStakeholder(
      tid,
      me.id,
      p.address,
      { status: 'accepted' },
      { mustExist: false },
    );
    if ('refused' in r) throw new Error(`stakeholder ${p.address} refused: ${r.refused}`);
  }
  const coldMap = async (oid: string) => {
    const t = performance.now();
    const m = await new InsightsService(db).map(tid, oid, { limit: 1000 });
    return { map: m, ms: performance.now() - t };
  };
  const demo = await coldMap(me.id);
  const accepted = demo.map.people.filter((p) => p.stakeholder?.status === 'accepted').length;
  if (accepted !== STAKEHOLDERS) throw new Error(`the map has ${accepted} accepted stakeholders`);
  const donorMaps: RelationshipMap[] = [];
  const mapColdMs: number[] = [];
  for (const d of donors) {
    const m = await coldMap(d.id);
    donorMaps.push(m.map);
    mapColdMs.push(m.ms);
  }
  const mapOf = new Map<string, RelationshipMap>(jobUsers.map((u, i) => [u.id, donorMaps[i % DONORS]!]));
  for (let i = 0; i < jobUsers.length; i += 500) {
    const chunk = jobUsers.slice(i, i + 500);
    await db
      .insertInto('app_users')
      .values(
        chunk.map((u) => ({
          tid,
          oid: u.id,
          display_name: u.displayName,
          user_principal_name: u.userPrincipalName,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db
      .insertInto('mailbox_settings')
      .values(
        chunk.map((u) => ({
          tid,
          oid: u.id,
          time_zone: u.timeZone,
          working_hours: JSON.stringify(u.workingHours),
          synced_at: new Date(),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  // ---------- part A: one user with 200 accepted stakeholders ----------
  say(`part A: prepare for a user with ${STAKEHOLDERS} accepted stakeholders, ${LATENCY_MS} ms latency …`);
  const limiterA = createGraphLimiter(config.GRAPH_MAX_CONCURRENCY);
  const warmService = new SuggestionsService({ db, map: async () => demo.map });
  const prepareOnce = async (service: SuggestionsService) => {
    const log = new GraphLog(true);
    const before = await tenant.stats();
    const t = performance.now();
    await service.prepare(tid, me.id, log.client(clientFor(me.id, limiterA)));
    const end = performance.now();
    const wallMs = end - t;
    const after = await tenant.stats();
    const r = log.requests;
    return {
      log,
      wallMs,
      // Rapport's own time before its first Graph request and after its last answer.
      beforeGraphMs: Math.min(...r.map((x) => x.issuedAt)) - t,
      afterGraphMs: end - Math.max(...r.map((x) => x.answeredAt)),
      httpAttempts: after.admitted + after.throttled - before.admitted - before.throttled,
      throttled: after.throttled - before.throttled,
    };
  };
  const replayOnce = async (log: GraphLog) => {
    const before = await tenant.stats();
    const ms = await replayBare(clientFor(me.id, limiterA), log.requests);
    const after = await tenant.stats();
    return { ms, throttled: after.throttled - before.throttled };
  };
  // Warm-up without latency: JIT, PostgreSQL's caches, and the dev tenant materialises the
  // mailboxes this user's run reads (only those: the other thousand wait for part B, so the dev
  // tenant's heap is small while this is timed).
  await prepareOnce(warmService);
  await tenant.setLatency(LATENCY_MS);
  await prepareOnce(warmService);
  const pairs: Array<{
    run: Awaited<ReturnType<typeof prepareOnce>>;
    bare: { ms: number; throttled: number };
  }> = [];
  for (let i = 0; i < PAIRS; i++) {
    const run = await prepareOnce(warmService);
    pairs.push({ run, bare: await replayOnce(run.log) });
  }
  const ratios = pairs.map((p) => p.run.wallMs / p.bare.ms);
  const medianWallMs = median(pairs.map((p) => p.run.wallMs));
  const medianBareMs = median(pairs.map((p) => p.bare.ms));
  const mid = pairs.find((p) => p.run.wallMs === medianWallMs)!;
  const requests = mid.run.log.requests;
  const counts = pairs.map((p) => p.run.log.requests.length);
  if (new Set(counts).size !== 1) throw new Error(`prepare made ${counts.join(', ')} requests`);
  const failedA = requests.filter((r) => r.failed).length;
  if (failedA) throw new Error(`${failedA} Graph requests of the run failed`);
  const mailboxFloorMs =
    LATENCY_MS * Math.max(mid.run.log.depth(), Math.ceil(requests.length / MAILBOX_CONCURRENCY));
  // The same run with the map computed cold in it, as the weekly job does after the cache expired.
  const cold = await prepareOnce(
    new SuggestionsService({ db, map: (t, o) => new InsightsService(db).map(t, o, { limit: 1000 }) }),
  );
  const coldBare = await replayOnce(cold.log);
  const rows = await db
    .selectFrom('suggestions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tid', '=', tid)
    .where('oid', '=', me.id)
    .executeTakeFirstOrThrow();

  // ---------- slot search, from the getSchedule answers recorded in the run ----------
  const infos = requests
    .filter((r) => r.url.includes('getSchedule'))
    .flatMap((r) => graphPage(graphScheduleInformationSchema).parse(r.response).value);
  const lunch = { start: 11 * 60 + 30, end: 13 * 60 + 30 };
  const mine = infos.find((i) => i.scheduleId.toLowerCase() === me.mail.toLowerCase());
  const meSchedule = mine ? personSchedule(mine, lunch) : null;
  if (!meSchedule) throw new Error('no schedule for the demo user');
  const others = infos
    .filter((i) => i !== mine)
    .map((i) => personSchedule(i, lunch))
    .filter((s): s is PersonSchedule => s !== null);
  let date = addDays(wallTime(meSchedule.zone, Date.now()).date, 1);
  for (let i = 0; i < 7 && !meSchedule.workingDays.has(new Date(`${date}T00:00:00Z`).getUTCDay()); i++)
    date = addDays(date, 1);
  const from = utcOf(meSchedule.zone, date);
  const to = from + 14 * DAY;
  const searchPasses: number[] = [];
  let offered = 0;
  for (let pass = 0; pass < 8; pass++) {
    offered = 0;
    const t = performance.now();
    for (const them of others) {
      const slots = spreadSlots(
        freeSlots({
          people: [meSchedule, them],
          from,
          to,
          durationMinutes: DURATION_MINUTES.coffee,
          lunch: false,
        }),
        meSchedule.zone,
        3,
        { preferMinutes: 10 * 60 },
      );
      offered += slots.length;
    }
    searchPasses.push(performance.now() - t);
  }
  const slotSearchMs = median(searchPasses.slice(1)); // the first pass warms the JIT

  // ---------- part B: the weekly job over the generated tenant ----------
  say('waiting for the dev tenant to materialise every mailbox …');
  await tenant.warm();
  say(`part B: the weekly job over ${JOB_USERS} users …`);
  const logs = new Map<string, GraphLog>();
  const limiterB = createGraphLimiter(config.GRAPH_MAX_CONCURRENCY);
  const jobService = new SuggestionsService({
    db,
    map: async (_t, oid) => {
      const m = mapOf.get(oid);
      if (!m) throw new Error(`no map for ${oid}`);
      return m;
    },
  });
  const pollingIntervalSeconds = config.NODE_ENV === 'test' ? 0.5 : 2; // as server/compose.ts
  const jobs = await startSuggestionJobs({
    pool: database.pool,
    db,
    logger,
    service: jobService,
    graphFor: async (_t, oid) => {
      const log = logs.get(oid) ?? new GraphLog();
      logs.set(oid, log);
      return log.client(clientFor(oid, limiterB));
    },
    pollingIntervalSeconds,
    sweepCron: null,
  });
  const beforeB = await tenant.stats();
  const jobStarted = performance.now();
  const queued = await jobs.sweep();
  let lastReport = performance.now();
  const progress = setInterval(() => {
    if (performance.now() - lastReport < 30_000) return;
    lastReport = performance.now();
    say(`  … ${logs.size} users started`);
  }, 1000);
  await jobs.drained();
  const jobWallMs = performance.now() - jobStarted;
  clearInterval(progress);
  const afterB = await tenant.stats();
  await jobs.stop();
  const prepared = await db
    .selectFrom('suggestion_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tid', '=', tid)
    .where('oid', '!=', me.id)
    .executeTakeFirstOrThrow();
  if (Number(prepared.n) !== JOB_USERS)
    throw new Error(`the job prepared ${prepared.n} of ${JOB_USERS} weeks`);
  const notices = await db
    .selectFrom('suggestion_runs')
    .select(['notice', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tid', '=', tid)
    .where('oid', '!=', me.id)
    .groupBy('notice')
    .execute();
  const perUser = [...logs.values()];
  const R = perUser.reduce((s, l) => s + l.requests.length, 0);
  const failedB = perUser.reduce((s, l) => s + l.requests.filter((r) => r.failed).length, 0);
  const chain = Math.max(
    ...perUser.map((l) => Math.max(l.depth(), Math.ceil(l.requests.length / MAILBOX_CONCURRENCY))),
  );
  const floorMs = LATENCY_MS * Math.max(Math.ceil(R / config.GRAPH_MAX_CONCURRENCY), chain);
  // The same requests replayed bare, every user at once through one limiter of the server's Graph
  // concurrency, each user's chain and mailbox limit kept: what they cost as Graph (here the dev
  // tenant, on this machine) serves them — the floor the job's wall time is held against, as the
  // sync bench holds its wall time against its page chain walked alone.
  say("replaying the job's Graph requests bare …");
  const limiterFloor = createGraphLimiter(config.GRAPH_MAX_CONCURRENCY);
  const replayStarted = performance.now();
  await Promise.all([...logs].map(([oid, log]) => replayBare(clientFor(oid, limiterFloor), log.requests)));
  const replayFloorMs = performance.now() - replayStarted;
  const perUserCounts = new Map<number, number>();
  for (const l of perUser)
    perUserCounts.set(l.requests.length, (perUserCounts.get(l.requests.length) ?? 0) + 1);
  const stats = await tenant.stats();

  const figures = {
    graphRequests: requests.length,
    overheadVsBareReplay: round(medianWallMs / medianBareMs),
    slotSearchMs: round(slotSearchMs, 2),
    weeklyJobVsFloor: round(jobWallMs / Math.max(floorMs, replayFloorMs)),
    weeklyJobVsInjectedLatency: round(jobWallMs / floorMs),
    details: {
      machine: `${os.cpus().length} cores, Node ${process.version}`,
      database: database.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL',
      latencyMs: LATENCY_MS,
      graphConcurrency: config.GRAPH_MAX_CONCURRENCY,
      partA: {
        stakeholders: accepted,
        requests: Object.entries(
          requests.reduce<Record<string, number>>((a, r) => {
            const k = `${r.method} ${r.url.split('?')[0]}`;
            a[k] = (a[k] ?? 0) + 1;
            return a;
          }, {}),
        ).map(([k, n]) => `${n} × ${k}`),
        httpAttempts: mid.run.httpAttempts,
        throttled429: pairs.map((p) => p.run.throttled),
        wallMs: pairs.map((p) => Math.round(p.run.wallMs)),
        bareReplayMs: pairs.map((p) => Math.round(p.bare.ms)),
        bareReplayThrottled429: pairs.map((p) => p.bare.throttled),
        pairRatios: ratios.map((r) => round(r)),
        beforeGraphMs: Math.round(mid.run.beforeGraphMs),
        afterGraphMs: Math.round(mid.run.afterGraphMs),
        mailboxFloorMs,
        wallVsMailboxFloor: round(medianWallMs / mailboxFloorMs),
        suggestionsKept: Number(rows.n),
        coldMap: {
          mapMs: Math.round(demo.ms),
          wallMs: Math.round(cold.wallMs),
          bareReplayMs: Math.round(coldBare.ms),
          overheadVsBareReplay: round(cold.wallMs / coldBare.ms),
        },
      },
      slotSearch: {
        people: others.length,
        horizon: `${new Date(from).toISOString()} + 14 days`,
        slotsOffered: offered,
        passesMs: searchPasses.map((x) => round(x, 2)),
      },
      weeklyJob: {
        users: JOB_USERS,
        queued,
        wallMs: Math.round(jobWallMs),
        requests: R,
        failedRequests: failedB,
        requestsPerUser: Object.fromEntries([...perUserCounts].sort((a, b) => a[0] - b[0])),
        httpAttempts: afterB.admitted + afterB.throttled - beforeB.admitted - beforeB.throttled,
        throttled429: afterB.throttled - beforeB.throttled,
        longestUserChain: chain,
        floorMs,
        replayFloorMs: Math.round(replayFloorMs),
        usersPerSecond: round(JOB_USERS / (jobWallMs / 1000), 2),
        notices: Object.fromEntries(notices.map((x) => [x.notice ?? '(proposals)', Number(x.n)])),
        workers: 16, // startSuggestionJobs' default; compose.ts passes none
        pollingIntervalSeconds,
      },
      maps: {
        donors: DONORS,
        coldMs: mapColdMs.map((x) => Math.round(x)),
        demoUserColdMs: Math.round(demo.ms),
        peoplePerMap: donorMaps.map((m) => m.people.length),
      },
      devTenantRssMb: stats.rssMb,
      benchSeconds: Math.round((performance.now() - started) / 1000),
    },
  };
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/suggestions.json', `${JSON.stringify(figures, null, 2)}\n`);
  console.log(JSON.stringify(figures, null, 2));
  const w = figures.details.weeklyJob;
  console.log(
    `weekly job: ${w.wallMs} ms wall, ${w.requests} Graph requests, floor ${w.floorMs} ms (injected latency) / ${w.replayFloorMs} ms (replayed bare), ${w.usersPerSecond} users/s`,
  );
} finally {
  await database.close();
  await tenant.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
