/**
 * `npm run bench -- insights`: the insights engine's quality and speed. Prints the figures and writes
 * bench/results/insights.json.
 *
 * Quality (bench/insights/quality.ts and its modules): Spearman correlation with the generated
 * latent tie strength over the demo user's top 50, cooling precision and recall (the demo user, and
 * pooled over 30 owners in 6 generated organisations on the ties a user would notice),
 * internal/external classification errors, and the Enron mailboxes through the product's own path
 * (import, sync, map as of three cutoffs, as `npm run cli -- map` does; the CLI is run once and must
 * rank the same): precision@10 beside the raw-count and 30-day-decay baselines of the same run, the
 * difference, and duplicate people and machine senders counted over the 30 top 10s.
 *
 * Speed, each against a baseline measured in the same run:
 * - mapVsSelect: the whole map (load interactions, directory, stakeholders and settings; score,
 *   health, series, functions, leaders) for a user with 2,000 counterparts and 60,000 interactions
 *   ÷ a plain SELECT of those interactions (medians of several runs). Beside it, on the same data,
 *   a person's timeline for the closest and the rarest colleague (map.timelineClosestMs/RarestMs).
 * - cardVsBareExpress: requests/s of the person-card endpoint (token validation, helmet, logging,
 *   the card from the map cache) at 200 concurrent connections ÷ a bare Express JSON route serving
 *   the same card, both loaded by autocannon in a separate process; cardP99Ms its p99 latency.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { composeServer } from '../server/compose';
import { loadConfig } from '../server/config';
import { InsightsService } from '../server/insights/service';
import { loadTimeline } from '../server/insights/timeline';
import { createLogger } from '../server/logger';
import { openDatabase } from '../server/store/db';
import { INTERACTION_KINDS, seededRandom } from '../tests/helpers/interactions';
import { coolingAcrossSeeds } from './insights/cooling';
import { enronQuality } from './insights/enron/quality';
import { generatedTruthQuality } from './insights/generated';

const run = promisify(execFile);
const logger = createLogger({ level: 'silent' });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const tmp = (p: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), p));
  fs.cpSync(path.resolve(process.env.DATA_DIR ?? 'data', 'certs'), path.join(dir, 'certs'), {
    recursive: true,
  });
  return dir;
};

// ---------- quality ----------
// BENCH_ONLY=speed skips the quality half (for quick iterations; the JSON then lacks those keys).
const only = process.env.BENCH_ONLY;
console.log('quality: generated truth …');
const generated = only === 'speed' ? null : await generatedTruthQuality();
console.log('quality: cooling across 6 organisations …');
const cooling = only === 'speed' ? null : coolingAcrossSeeds();
console.log('quality: Enron through the product (import, sync, map; the CLI checked once) …');
const enron = only === 'speed' ? null : await enronQuality();

// ---------- map vs SELECT ----------
const COUNTERPARTS = 2000;
const INTERACTIONS = 60_000;
async function mapVsSelect() {
  const dataDir = tmp('rapport-bench-map-');
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, logger });
  try {
    const db = database.db;
    const tid = randomUUID();
    const oid = randomUUID();
    // A directory: the owner, a manager chain of three, and the counterparts across functions.
    const departments = [
      'Sales',
      'Finance',
      'Legal & Compliance',
      'Marketing',
      'Product Management',
      'Sales Operations',
      'Information Technology',
      'People & Culture',
    ];
    const people = [
      { id: 'ceo', title: 'Chief Executive Officer', dept: 'Executive Office', manager: null },
      { id: 'cro', title: 'Chief Revenue Officer', dept: 'Executive Office', manager: 'ceo' },
      { id: 'vp', title: 'VP, Sales', dept: 'Sales', manager: 'cro' },
      { id: oid, title: 'Regional Sales Director', dept: 'Sales', manager: 'vp' },
      ...Array.from({ length: COUNTERPARTS }, (_, k) => ({
        id: `p${k}`,
        title: 'Specialist',
        dept: departments[k % departments.length]!,
        manager: k < 20 ? 'vp' : `p${k % 20}`,
      })),
    ];
    const address = (id: string) => `${id}@bench.example`;
    const uuids = new Map<string, string>([[oid, oid]]);
    const uuid = (label: string | null) => {
      if (label === null) return null;
      if (!uuids.has(label)) uuids.set(label, randomUUID());
      return uuids.get(label)!;
    };
    for (let i = 0; i < people.length; i += 1000)
      await db
        .insertInto('directory_people')
        .values(
          people.slice(i, i + 1000).map((p) => ({
            tid,
            id: uuid(p.id)!,
            mail: address(p.id),
            user_principal_name: address(p.id),
            addresses: [address(p.id)],
            display_name: p.id,
            job_title: p.title,
            department: p.dept,
            office_location: null,
            manager_id: uuid(p.manager),
            kind: 'person',
            account_enabled: true,
          })),
        )
        .execute();
    await db.insertInto('tenant_domains').values({ tid, domain: 'bench.example' }).execute();
    // Interactions: a skewed distribution (a few close colleagues, a long tail) over 12 months.
    const now = Date.now();
    const kinds = INTERACTION_KINDS;
    const rnd = seededRandom(42);
    const rows = Array.from({ length: INTERACTIONS }, (_, k) => {
      const who = k < COUNTERPARTS ? k : Math.floor(COUNTERPARTS * rnd() ** 2); // everyone once, then skewed
      const kind = kinds[Math.floor(rnd() * kinds.length)]!;
      const meeting = kind.startsWith('meeting');
      return {
        tid,
        oid,
        stream: meeting ? 'calendar' : 'mail:inbox',
        source_type: meeting ? 'event' : 'message',
        source_id: `s${k}`,
        counterpart: address(`p${who}`),
        counterpart_id: uuid(`p${who}`),
        kind,
        at: new Date(now - rnd() * 365 * 86_400_000),
        duration_minutes: meeting ? 30 : 0,
        participants: kind === 'meeting_1on1' ? 2 : kind === 'meeting_large' ? 12 : 3 + Math.floor(rnd() * 4),
        direction: kind === 'mail_sent' ? 'outbound' : 'inbound',
        owner_is_organizer: rnd() < 0.5,
        response: null,
        internal: true,
      };
    });
    for (let i = 0; i < rows.length; i += 2000)
      await db
        .insertInto('interactions')
        .values(rows.slice(i, i + 2000))
        .onConflict((oc) => oc.doNothing())
        .execute();
    await database.pool.query('analyze interactions');
    const stored = Number(
      (await database.pool.query('select count(*) from interactions where tid = $1', [tid])).rows[0].count,
    );
    const service = new InsightsService(db);
    const select = async () => {
      const t = performance.now();
      await db.selectFrom('interactions').selectAll().where('tid', '=', tid).where('oid', '=', oid).execute();
      return performance.now() - t;
    };
    const map = async () => {
      const t = performance.now();
      const m = await service.compute(tid, oid);
      if (m.totalPeople < COUNTERPARTS * 0.9) throw new Error(`map has ${m.totalPeople} people`);
      return performance.now() - t;
    };
    await select();
    await map(); // warm up (JIT, caches)
    const selects: number[] = [];
    const maps: number[] = [];
    for (let i = 0; i < 7; i++) {
      selects.push(await select());
      maps.push(await map());
    }
    // A person's timeline (first page, month strip, total), for the closest and the rarest colleague.
    const timelineMs = async (who: string) => {
      const times: number[] = [];
      for (let i = 0; i < 8; i++) {
        const t = performance.now();
        await loadTimeline(db, tid, oid, address(who), { limit: 50, now: new Date(now), subjects: false });
        times.push(performance.now() - t);
      }
      return round(median(times.slice(1)), 1);
    };
    return {
      interactions: stored,
      counterparts: COUNTERPARTS,
      selectMs: round(median(selects), 1),
      mapMs: round(median(maps), 1),
      timelineClosestMs: await timelineMs('p0'),
      timelineRarestMs: await timelineMs(`p${COUNTERPARTS - 1}`),
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log('speed: map vs SELECT …');
const mapSpeed = await mapVsSelect();

// ---------- person card vs bare Express ----------
interface Cannon {
  requests: { average: number };
  latency: { p99: number; average: number };
  non2xx?: number;
  errors?: number;
}
async function cannon(url: string, headers: Record<string, string>, seconds: number): Promise<Cannon> {
  const args = [
    path.resolve('node_modules/autocannon/autocannon.js'),
    '-c',
    '200',
    '-d',
    String(seconds),
    '-j',
  ];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  const { stdout } = await run(process.execPath, [...args, url], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as Cannon;
}

async function cardVsBare() {
  const dataDir = tmp('rapport-bench-card-');
  const running = await composeServer(
    loadConfig({
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DEVTENANT_PEOPLE: '300',
      // No periodic re-sync of the demo user in the middle of a measurement.
      SYNC_SWEEP_MINUTES: '0',
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    }),
  );
  const bare = express();
  let cardJson = '{}';
  let cardBody: unknown = {};
  bare.get('/card', (_req, res) => {
    res.json(cardBody); // the same card, serialised per request as the real route does
  });
  const bareServer = bare.listen(0);
  try {
    const tenant = running.devTenant!;
    const me = tenant.data.users[0]!;
    const token = await tenant.identity.issueApiToken(me.id);
    const headers = { authorization: `Bearer ${token}` };
    const get = (p: string) => fetch(`${running.url}${p}`, { headers });
    if ((await get('/api/me')).status !== 200) throw new Error('sign-in failed');
    for (let i = 0; i < 600; i++) {
      const s = (await (await get('/api/sync/status')).json()) as { phase: string };
      if (s.phase === 'ready') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const map = (await (await get('/api/map?limit=5')).json()) as { people: Array<{ address: string }> };
    const address = map.people[0]!.address;
    const cardUrl = `${running.url}/api/people/by-email/${encodeURIComponent(address)}`;
    const card = await get(`/api/people/by-email/${encodeURIComponent(address)}`);
    cardJson = await card.text();
    cardBody = JSON.parse(cardJson);
    const port = (bareServer.address() as { port: number }).port;
    const bareUrl = `http://localhost:${port}/card`;
    await cannon(bareUrl, {}, 2); // warm up both
    await cannon(cardUrl, headers, 2);
    const bares: Cannon[] = [];
    const cards: Cannon[] = [];
    for (let i = 0; i < 2; i++) {
      bares.push(await cannon(bareUrl, {}, 8));
      cards.push(await cannon(cardUrl, headers, 8));
    }
    const rps = (xs: Cannon[]) => xs.reduce((s, x) => s + x.requests.average, 0) / xs.length;
    const failures = cards.reduce((s, c) => s + (c.non2xx ?? 0) + (c.errors ?? 0), 0);
    if (failures) throw new Error(`${failures} card requests failed`);
    return {
      cardRps: Math.round(rps(cards)),
      bareRps: Math.round(rps(bares)),
      cardP99Ms: Math.max(...cards.map((c) => c.latency.p99)),
      bareP99Ms: Math.max(...bares.map((c) => c.latency.p99)),
      cardBytes: cardJson.length,
    };
  } finally {
    bareServer.close();
    await running.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log('speed: person card vs bare Express (200 connections) …');
const card = await cardVsBare();

const results = {
  spearmanTop50: generated?.spearmanTop50,
  coolingPrecision: generated?.coolingPrecision,
  coolingRecall: generated?.coolingRecall,
  coolingPooledPrecision: cooling?.noticeable.precision,
  coolingPooledRecall: cooling?.noticeable.recall,
  internalClassificationErrors: generated?.internalClassificationErrors,
  enronPrecisionAt10: enron?.enronPrecisionAt10,
  enronRawCountPrecisionAt10: enron?.baselines.rawCount,
  enronDecay30PrecisionAt10: enron?.baselines.decayed30,
  enronVsDecay: enron?.enronVsDecay,
  enronDuplicatePeopleTop10: enron?.enronDuplicatePeopleTop10,
  enronMachineSendersTop10: enron?.enronMachineSendersTop10,
  mapVsSelect: round(mapSpeed.mapMs / mapSpeed.selectMs, 2),
  cardVsBareExpress: round(card.cardRps / card.bareRps, 3),
  cardP99Ms: card.cardP99Ms,
  details: {
    machine: `${os.cpus().length} cores, Node ${process.version}`,
    database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL',
    enronBaselines: enron?.baselines,
    map: mapSpeed,
    card,
    generated,
    cooling,
    enron,
  },
};
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/insights.json', `${JSON.stringify(results, null, 2)}\n`);
const { details: _d, ...headline } = results;
console.log(JSON.stringify({ ...headline, enronBaselines: enron?.baselines, map: mapSpeed, card }, null, 2));
