/**
 * Quality of the insights model against two truths, in-process (no HTTP, no database):
 *
 * 1. Generated truth: the dev tenant's organisation (seed 'rapport', 300 people) and its latent tie
 *    strengths. The demo user's mailbox goes through the sync's own extraction, is scored as of
 *    `now`, and compared with the latent strength of the latest month (Spearman), the latent
 *    'cooling' trend (precision, recall), and the directory (internal/external classification).
 * 2. Enron: for 10 real mailboxes and 3 cutoffs, the model ranks internal counterparts with data
 *    before the cutoff; truth is who the owner both wrote to and heard from (≤ 8 recipients) in the
 *    next 90 days. Reported as precision@10, next to two baselines (raw and decayed counts), and
 *    leave-one-mailbox-out (enronPrecisionAt10Loo): configs chosen on 9 mailboxes, scored on the 10th.
 * 3. Cooling pooled over every persona of 6 generated organisations (the demo user's 4 cooling ties
 *    are too few to compare rules on).
 *
 * Run: `node --import tsx bench/insights/quality.ts` (prints JSON).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TenantData } from '../../server/devtenant/model';
import type { Interaction } from '../../server/domain/interaction';
import { generateOrg } from '../../server/devtenant/org/generate';
import { graphEvent, graphMessage } from '../../server/devtenant/graph/mailcal/format';
import {
  eventInteractions,
  graphEventSchema,
  graphMessageSchema,
  messageInteractions,
  normaliseAddress,
  type DirectoryPerson,
  type ExtractionContext,
  type GraphMessage,
} from '../../server/sync/interactions';
import {
  DEFAULT_CONFIG,
  modelConfig,
  isCooling,
  monthlySeries,
  scoreCounterparts,
  type ModelConfig,
} from '../../server/insights/model';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ENRON_DIR = path.resolve(repoRoot, '../shared/datasets/enron');
const DAY = 86_400_000;

// ---------- statistics ----------

/** Ranks with ties averaged (1-based). */
function ranks(v: number[]): number[] {
  const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(v.length).fill(0);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rho: Pearson correlation of the (tie-averaged) ranks. */
export function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n;
  const mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return da && db ? num / Math.sqrt(da * db) : 0;
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

// ---------- generated truth ----------

const ROOM = /^(conf(erence)?\.?\s*room|room)\b/i;

/** The extraction context the sync would build from the directory (as in directorySync.ts). */
export function tenantContext(data: TenantData, ownerId: string): ExtractionContext {
  const index = new Map<string, DirectoryPerson>();
  let owner: DirectoryPerson | undefined;
  for (const u of data.users) {
    if (u.userType === 'Guest') continue; // the directory sync skips guests
    const addresses = [
      ...new Set(
        [u.mail, u.userPrincipalName, ...u.proxyAddresses.map((a) => a.replace(/^(smtp|x500):/i, ''))]
          .filter((a): a is string => Boolean(a))
          .map((a) => a.toLowerCase()),
      ),
    ];
    const person: DirectoryPerson = {
      id: u.id,
      mail: u.mail?.toLowerCase() ?? null,
      addresses,
      kind: ROOM.test(u.displayName) && !u.jobTitle ? 'room' : 'person',
    };
    for (const a of addresses) index.set(a, person);
    if (u.id === ownerId) owner = person;
  }
  return {
    owner: { id: ownerId, addresses: owner?.addresses ?? [] },
    internalDomains: data.org.verifiedDomains.map((d) => d.name.toLowerCase()),
    lookup: (a) => index.get(a.toLowerCase()),
  };
}

/**
 * A mailbox's interactions, as the sync extracts them: items go through the dev tenant's own Graph
 * formatter (UTC wall times, the owner's response), then the sync's extraction.
 */
export function mailboxInteractions(data: TenantData, ownerId: string): Interaction[] {
  const ctx = tenantContext(data, ownerId);
  const mine = new Set(ctx.owner.addresses);
  const ownerMail = data.users.find((u) => u.id === ownerId)?.mail ?? '';
  const box = data.mailbox(ownerId);
  const out: Interaction[] = [];
  box.events.forEach((event, k) => {
    const own = event.attendees.find((a) => mine.has(a.emailAddress.address.toLowerCase()));
    const response = mine.has(event.organizer.address.toLowerCase())
      ? { response: 'organizer' as const, time: event.createdDateTime }
      : (own?.status ?? { response: 'none' as const, time: '0001-01-01T00:00:00Z' });
    const item = { graphId: `e${k}`, event, seq: k + 1, deleted: false, response };
    const p = graphEventSchema.safeParse(graphEvent(item, ownerMail, 'UTC', null));
    if (p.success) out.push(...eventInteractions(p.data, ctx));
  });
  box.messages.forEach((entry, k) => {
    const item = { graphId: `m${k}`, entry, seq: k + 1, deleted: false, createdSeq: k + 1 };
    const p = graphMessageSchema.safeParse(graphMessage(item, entry.folder, false));
    if (p.success) out.push(...messageInteractions(p.data, entry.folder, ctx));
  });
  return out;
}

export interface GeneratedQuality {
  spearmanTop50: number;
  coolingPrecision: number;
  coolingRecall: number;
  internalClassificationErrors: number;
  details: {
    owner: string;
    now: string;
    ties: number;
    compared: number;
    truthCooling: string[];
    predictedCooling: string[];
    unresolvedCounterparts: Array<{ counterpart: string; strength: number }>;
    top: Array<{ name: string; latent: number; trend: string; strength: number; explanation: string }>;
    personas: Array<{
      owner: string;
      spearmanTop50: number;
      coolingPrecision: number;
      coolingRecall: number;
    }>;
  };
}

interface OwnerQuality {
  spearman: number;
  precision: number;
  recall: number;
  cooling: { tp: number; fp: number; fn: number };
  errors: number;
  truthCooling: string[];
  predictedCooling: string[];
  unresolved: Array<{ counterpart: string; strength: number }>;
  compared: number;
  ties: number;
  top: GeneratedQuality['details']['top'];
}

function ownerQuality(data: TenantData, ownerId: string, config: ModelConfig): OwnerQuality {
  const interactions = mailboxInteractions(data, ownerId);
  const scores = scoreCounterparts(interactions, data.now, config);
  const byId = new Map(scores.filter((s) => s.counterpartId).map((s) => [s.counterpartId!, s]));
  const nameOf = new Map(data.users.map((u) => [u.id, u.displayName]));
  // Spearman over the 50 strongest latent ties (all of them when fewer): the people a user looks at.
  const ties = data.truth(ownerId);
  const top = [...ties].sort((a, b) => b.monthly.at(-1)! - a.monthly.at(-1)!).slice(0, 50);
  const rho = spearman(
    top.map((t) => t.monthly.at(-1)!),
    top.map((t) => byId.get(t.counterpartId)?.strength ?? 0),
  );
  // Cooling over every counterpart with evidence or a latent tie; people without a tie are negatives.
  const series = monthlySeries(interactions, data.now, 12, config);
  const idOf = new Map(scores.map((s) => [s.counterpart, s.counterpartId ?? s.counterpart]));
  const predicted = new Set<string>();
  for (const [counterpart, s] of series)
    if (isCooling(s, config)) predicted.add(idOf.get(counterpart) ?? counterpart);
  const truthCooling = new Set(ties.filter((t) => t.trend === 'cooling').map((t) => t.counterpartId));
  const hits = [...predicted].filter((id) => truthCooling.has(id)).length;
  // Classification: a counterpart the model treats as internal must be a member in the directory.
  const members = new Map(data.users.filter((u) => u.userType === 'Member').map((u) => [u.id, u]));
  const guests = new Set(
    data.users
      .filter((u) => u.userType === 'Guest')
      .flatMap((u) => [u.mail, u.userPrincipalName].filter(Boolean)),
  );
  const externalDomains = new Set(data.org.externalDomains);
  let errors = 0;
  const unresolved: OwnerQuality['unresolved'] = [];
  for (const s of scores) {
    const domain = s.counterpart.slice(s.counterpart.indexOf('@') + 1);
    const truthInternal = s.counterpartId !== null && members.has(s.counterpartId);
    if (externalDomains.has(domain) || guests.has(s.counterpart)) errors += s.internal ? 1 : 0;
    else if (s.counterpartId === null) unresolved.push({ counterpart: s.counterpart, strength: s.strength });
    else if (truthInternal !== s.internal) errors++;
  }
  return {
    spearman: rho,
    cooling: { tp: hits, fp: predicted.size - hits, fn: truthCooling.size - hits },
    precision: predicted.size ? hits / predicted.size : truthCooling.size ? 0 : 1,
    recall: truthCooling.size ? hits / truthCooling.size : 1,
    errors,
    truthCooling: [...truthCooling].map((id) => nameOf.get(id) ?? id),
    predictedCooling: [...predicted].map((id) => nameOf.get(id) ?? id),
    unresolved,
    compared: top.length,
    ties: ties.length,
    top: top.map((t) => ({
      name: nameOf.get(t.counterpartId) ?? t.counterpartId,
      latent: t.monthly.at(-1)!,
      trend: t.trend,
      strength: byId.get(t.counterpartId)?.strength ?? 0,
      explanation: byId.get(t.counterpartId)?.explanation ?? 'no evidence',
    })),
  };
}

/** The generated organisation the dev tenant serves by default, scored for its demo user. */
export async function generatedTruthQuality(
  opts: { seed?: string; people?: number; now?: Date; config?: ModelConfig } = {},
): Promise<GeneratedQuality> {
  const config = opts.config ?? DEFAULT_CONFIG;
  const data = generateOrg({
    seed: opts.seed ?? 'rapport',
    people: opts.people ?? 300,
    now: opts.now ?? new Date('2026-11-24T12:00:00Z'),
  });
  const demo = data.users[0]!; // the first persona (the dev tenant lists personas first)
  const q = ownerQuality(data, demo.id, config);
  // The other personas, as a robustness check (not part of the headline figures).
  const personas = data.users
    .slice(1)
    .filter((u) => u.demoPersona && u.userType === 'Member')
    .map((u) => {
      const p = ownerQuality(data, u.id, config);
      return {
        owner: `${u.displayName} (${u.demoPersona})`,
        spearmanTop50: round(p.spearman),
        coolingPrecision: round(p.precision),
        coolingRecall: round(p.recall),
      };
    });
  return {
    spearmanTop50: round(q.spearman),
    coolingPrecision: round(q.precision),
    coolingRecall: round(q.recall),
    internalClassificationErrors: q.errors,
    details: {
      owner: demo.displayName,
      now: data.now.toISOString(),
      ties: q.ties,
      compared: q.compared,
      truthCooling: q.truthCooling,
      predictedCooling: q.predictedCooling,
      unresolvedCounterparts: q.unresolved,
      top: q.top,
      personas,
    },
  };
}

/** Seeds for the cooling robustness check: the default organisation and five others. */
export const COOLING_SEEDS = ['rapport', 's2', 's3', 's4', 's5', 's6'] as const;

/**
 * Cooling pooled over every persona (owner) of several generated organisations: the demo user's
 * 4 cooling ties are too few to tell a rule from luck, so rules are compared here too.
 */
export function coolingAcrossSeeds(
  seeds: readonly string[] = COOLING_SEEDS,
  config: ModelConfig = DEFAULT_CONFIG,
): { owners: number; precision: number; recall: number; tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let owners = 0;
  for (const seed of seeds) {
    const data = generateOrg({ seed, people: 300, now: new Date('2026-11-24T12:00:00Z') });
    for (const u of data.users.filter((x) => x.demoPersona && x.userType === 'Member')) {
      const c = ownerQuality(data, u.id, config).cooling;
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
      owners++;
    }
  }
  return {
    owners,
    precision: round(tp / Math.max(1, tp + fp)),
    recall: round(tp / Math.max(1, tp + fn)),
    tp,
    fp,
    fn,
  };
}

// ---------- Enron ----------

export const ENRON_MAILBOXES = [
  'lay-k',
  'lavorato-j',
  'delainey-d',
  'derrick-j',
  'allen-p',
  'grigsby-m',
  'arnold-j',
  'presto-k',
  'shively-h',
  'heard-m',
] as const;
export const ENRON_CUTOFFS = ['2001-04-01', '2001-07-01', '2001-10-01'] as const;
const HORIZON_DAYS = 90;
const MAX_RECIPIENTS = 8;
/** Smaller truth sets cap precision@10 far below 1 and mostly measure noise: reported, not scored. */
const MIN_TRUTH = 5;

interface EnronPerson {
  address: string;
  aliases: string[];
  mailbox?: string | null;
}
interface EnronMessage {
  raw: GraphMessage;
  mailbox: string;
  direction: 'sent' | 'sentByDelegate' | 'received';
  at: number;
  suspect: boolean;
}

/** Placeholders, system senders and lists (README caveat 3) are not people. */
const notAPerson = (a: string) =>
  /^(no\.address|40enron|user|no_address)@enron\.com$/.test(a) ||
  /@mailman\.enron\.com$/.test(a) ||
  /^dl-/.test(a);

function enronContext(people: EnronPerson[], owner: EnronPerson): ExtractionContext {
  const index = new Map<string, DirectoryPerson>();
  for (const p of people) {
    const addresses = [p.address, ...p.aliases].map((a) => a.toLowerCase());
    const person: DirectoryPerson = { id: addresses[0]!, mail: addresses[0]!, addresses, kind: 'person' };
    for (const a of addresses) index.set(a, person);
  }
  const group = (a: string): DirectoryPerson => ({ id: a, mail: a, addresses: [a], kind: 'group' });
  return {
    owner: {
      id: owner.address.toLowerCase(),
      addresses: [owner.address, ...owner.aliases].map((a) => a.toLowerCase()),
    },
    internalDomains: ['enron.com'],
    lookup: (a) => {
      const x = a.toLowerCase();
      return index.get(x) ?? (notAPerson(x) ? group(x) : undefined);
    },
  };
}

function readJsonl(file: string): unknown[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as unknown];
      } catch {
        return [];
      }
    });
}

interface EnronCase {
  mailbox: string;
  cutoff: string;
  truth: number;
  model: number;
  rawCount: number;
  decayed30: number;
  /** Counted in the headline figure (truth large enough). */
  scored: boolean;
  ceiling: number;
  alt: { model: number; rawCount: number; decayed30: number };
}

export interface EnronQuality {
  enronPrecisionAt10: number | null;
  baselines: { rawCount: number | null; decayed30: number | null };
  /** The best possible precision@10 given who was seen before each cutoff. */
  ceiling: number | null;
  alternative: {
    definition: string;
    model: number | null;
    rawCount: number | null;
    decayed30: number | null;
  };
  note: string;
  perMailbox: EnronCase[];
  skipped: Array<{ mailbox: string; cutoff: string; reason: string }>;
}

/** |top 10 ∩ truth| / 10, and the same over min(10, |truth|) (the alternative definition). */
function precisionAt10(ranked: string[], truth: Set<string>): { p10: number; pMin: number } {
  const hits = ranked.slice(0, 10).filter((k) => truth.has(k)).length;
  return { p10: hits / 10, pMin: hits / Math.min(10, truth.size) };
}

/** Counterparts ranked by a score (higher first), ties broken by key so rankings are stable. */
const rankBy = (m: Map<string, number>) =>
  [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);

/** One mailbox and cutoff: what the model sees (before the cutoff) and who the truth is. */
export interface EnronPair {
  mailbox: string;
  cutoff: string;
  asOf: Date;
  /** Internal interactions before the cutoff, one counterpart per person (aliases merged). */
  before: Interaction[];
  truth: Set<string>;
  /** People with any interaction before the cutoff. */
  seenBefore: Set<string>;
}

export interface EnronData {
  pairs: EnronPair[];
  skipped: Array<{ mailbox: string; cutoff: string; reason: string }>;
}

const loaded = new Map<string, EnronData | null>();

/** The 10 mailboxes × 3 cutoffs, with labels; null when the dataset is absent. Cached per dir. */
export function loadEnron(dir = ENRON_DIR): EnronData | null {
  if (loaded.has(dir)) return loaded.get(dir)!;
  if (!fs.existsSync(path.join(dir, 'messages.jsonl')) || !fs.existsSync(path.join(dir, 'people.jsonl'))) {
    loaded.set(dir, null);
    return null;
  }
  const people = readJsonl(path.join(dir, 'people.jsonl')) as EnronPerson[];
  const messages: EnronMessage[] = [];
  for (const r of readJsonl(path.join(dir, 'messages.jsonl'))) {
    const rec = r as {
      mailbox?: string;
      direction?: EnronMessage['direction'];
      sentDateTimeSuspect?: boolean;
    };
    const p = graphMessageSchema.safeParse(r);
    if (!p.success || !rec.mailbox) continue;
    const at = Date.parse(p.data.sentDateTime ?? '');
    if (Number.isNaN(at)) continue;
    messages.push({
      raw: p.data,
      mailbox: rec.mailbox,
      direction: rec.direction ?? 'received',
      at,
      suspect: rec.sentDateTimeSuspect === true,
    });
  }
  const events = fs.existsSync(path.join(dir, 'events.jsonl'))
    ? readJsonl(path.join(dir, 'events.jsonl')).flatMap((r) => {
        const p = graphEventSchema.safeParse(r);
        return p.success ? [p.data] : [];
      })
    : [];

  const pairs: EnronPair[] = [];
  const skipped: EnronData['skipped'] = [];
  for (const mailbox of ENRON_MAILBOXES) {
    const owner = people.find((p) => p.mailbox === mailbox);
    if (!owner) {
      for (const cutoff of ENRON_CUTOFFS)
        skipped.push({ mailbox, cutoff, reason: 'owner not in people.jsonl' });
      continue;
    }
    const ctx = enronContext(people, owner);
    const keyOf = (address: string) => ctx.lookup(address)?.id ?? address;
    const own = messages.filter((m) => m.mailbox === mailbox && !m.suspect);
    // The truth is internal people, so only internal counterparts are ranked (the sync records
    // externals per domain, "@aol.com": one such row would pool many people and crowd the top 10).
    const interactions: Interaction[] = [];
    const internalOnly = (xs: Interaction[]) => xs.filter((i) => i.internal);
    for (const m of own)
      interactions.push(
        ...internalOnly(messageInteractions(m.raw, m.direction === 'received' ? 'inbox' : 'sentitems', ctx)),
      );
    // Only meetings in the owner's calendar: they organise or attend.
    const isOwner = (a: string | null | undefined) => ctx.owner.addresses.includes((a ?? '').toLowerCase());
    for (const e of events)
      if (
        isOwner(e.organizer?.emailAddress?.address) ||
        (e.attendees ?? []).some((a) => isOwner(a.emailAddress?.address))
      )
        interactions.push(...internalOnly(eventInteractions(e, ctx)));
    // The same person under several addresses is one counterpart.
    for (const i of interactions) {
      i.counterpartId = i.counterpartId ?? i.counterpart;
      i.counterpart = i.counterpartId;
    }

    for (const cutoff of ENRON_CUTOFFS) {
      const t0 = Date.parse(`${cutoff}T00:00:00Z`);
      const t1 = t0 + HORIZON_DAYS * DAY;
      // Truth: wrote to (≤ 8 recipients) and heard from (≤ 8 recipients) within the next 90 days.
      const wrote = new Set<string>();
      const heard = new Set<string>();
      for (const m of own) {
        if (m.at < t0 || m.at >= t1) continue;
        const list = (r: GraphMessage['toRecipients']) =>
          (r ?? [])
            .map((x) => normaliseAddress(x.emailAddress?.address, ctx))
            .filter((a): a is string => a !== null);
        const recipients = new Set([
          ...list(m.raw.toRecipients),
          ...list(m.raw.ccRecipients),
          ...list(m.raw.bccRecipients),
        ]);
        if (recipients.size > MAX_RECIPIENTS) continue;
        const person = (a: string) =>
          !ctx.owner.addresses.includes(a) && a.endsWith('enron.com') && ctx.lookup(a)?.kind !== 'group';
        if (m.direction === 'received') {
          const from = normaliseAddress(m.raw.from?.emailAddress?.address, ctx);
          if (from && person(from)) heard.add(keyOf(from));
        } else for (const a of recipients) if (person(a)) wrote.add(keyOf(a));
      }
      const before = interactions.filter((i) => i.at.getTime() < t0);
      const truth = new Set([...wrote].filter((k) => heard.has(k)));
      if (!truth.size) {
        skipped.push({ mailbox, cutoff, reason: 'no reciprocal correspondent in the next 90 days' });
        continue;
      }
      pairs.push({
        mailbox,
        cutoff,
        asOf: new Date(t0 - 1),
        before,
        truth,
        seenBefore: new Set(before.map((i) => i.counterpart)),
      });
    }
  }
  const data = { pairs, skipped };
  loaded.set(dir, data);
  return data;
}

/** precision@10 of the model's ranking for one pair. */
export function modelPrecisionAt10(pair: EnronPair, config: ModelConfig = DEFAULT_CONFIG) {
  return precisionAt10(
    scoreCounterparts(pair.before, pair.asOf, config).map((s) => s.counterpart),
    pair.truth,
  );
}

/** The pairs the headline averages over: truth large enough for precision@10 to mean something. */
export const isScored = (pair: EnronPair) => pair.truth.size >= MIN_TRUTH;

export async function enronQuality(
  dir = ENRON_DIR,
  config: ModelConfig = DEFAULT_CONFIG,
): Promise<EnronQuality> {
  const data = loadEnron(dir);
  if (!data)
    return {
      enronPrecisionAt10: null,
      baselines: { rawCount: null, decayed30: null },
      ceiling: null,
      alternative: { definition: '', model: null, rawCount: null, decayed30: null },
      note: `Enron dataset not found at ${dir}: nothing measured`,
      perMailbox: [],
      skipped: [],
    };
  const cases: EnronCase[] = [];
  const skipped = [...data.skipped];
  for (const pair of data.pairs) {
    const { before, truth } = pair;
    const t0 = pair.asOf.getTime() + 1;
    // Baselines: raw message count and 30-day half-life decayed count.
    const raw = new Map<string, number>();
    const decayed = new Map<string, number>();
    for (const i of before) {
      if (i.sourceType !== 'message') continue; // the baselines count messages
      const k = i.counterpart;
      raw.set(k, (raw.get(k) ?? 0) + 1);
      decayed.set(k, (decayed.get(k) ?? 0) + 0.5 ** ((t0 - i.at.getTime()) / DAY / 30));
    }
    const m = modelPrecisionAt10(pair, config);
    const r = precisionAt10(rankBy(raw), truth);
    const d = precisionAt10(rankBy(decayed), truth);
    cases.push({
      mailbox: pair.mailbox,
      cutoff: pair.cutoff,
      truth: truth.size,
      scored: isScored(pair),
      model: m.p10,
      rawCount: r.p10,
      decayed30: d.p10,
      // The best any ranking of people seen before the cutoff could do.
      ceiling: Math.min(10, [...truth].filter((k) => pair.seenBefore.has(k)).length) / 10,
      alt: { model: round(m.pMin), rawCount: round(r.pMin), decayed30: round(d.pMin) },
    });
  }
  const scored = cases.filter((c) => c.scored);
  for (const c of cases)
    if (!c.scored)
      skipped.push({
        mailbox: c.mailbox,
        cutoff: c.cutoff,
        reason: `truth has ${c.truth} (< ${MIN_TRUTH}) people`,
      });
  return {
    enronPrecisionAt10: round(mean(scored.map((c) => c.model))),
    baselines: {
      rawCount: round(mean(scored.map((c) => c.rawCount))),
      decayed30: round(mean(scored.map((c) => c.decayed30))),
    },
    ceiling: round(mean(scored.map((c) => c.ceiling))),
    alternative: {
      definition: '|top 10 ∩ truth| / min(10, |truth|), over every pair with a non-empty truth',
      model: round(mean(cases.map((c) => c.alt.model))),
      rawCount: round(mean(cases.map((c) => c.alt.rawCount))),
      decayed30: round(mean(cases.map((c) => c.alt.decayed30))),
    },
    note:
      `precision@10 = |top 10 ∩ truth| / 10, averaged over mailbox/cutoff pairs whose truth has ≥ ${MIN_TRUTH} people; ` +
      'truth = internal people (owner and non-people excluded) the owner wrote to and heard from, each by a message ' +
      'with ≤ 8 recipients, in the 90 days after the cutoff; messages with suspect dates are left out',
    perMailbox: cases,
    skipped,
  };
}

// ---------- leave-one-mailbox-out ----------

let demoCache: { data: TenantData; ownerId: string; interactions: Interaction[] } | null = null;

/** The demo user's Spearman for a config (the headline generated measure), with the mailbox cached. */
export function demoSpearman(config: ModelConfig): number {
  if (!demoCache) {
    const data = generateOrg({ seed: 'rapport', people: 300, now: new Date('2026-11-24T12:00:00Z') });
    const ownerId = data.users[0]!.id;
    demoCache = { data, ownerId, interactions: mailboxInteractions(data, ownerId) };
  }
  const { data, ownerId, interactions } = demoCache;
  const byId = new Map(
    scoreCounterparts(interactions, data.now, config)
      .filter((s) => s.counterpartId)
      .map((s) => [s.counterpartId!, s.strength]),
  );
  const top = [...data.truth(ownerId)].sort((a, b) => b.monthly.at(-1)! - a.monthly.at(-1)!).slice(0, 50);
  return spearman(
    top.map((t) => t.monthly.at(-1)!),
    top.map((t) => byId.get(t.counterpartId) ?? 0),
  );
}

/**
 * The candidate configurations leave-one-mailbox-out chooses from: the shipped defaults first, then
 * a grid over the knobs the issue names (half-life, attention share 1/(n−1)^e, reciprocity bonus,
 * received-mail weight, long-standing floor). Principled ranges, not a search for Enron's optimum.
 */
export function looCandidates(): Array<{ name: string; config: ModelConfig }> {
  const out: Array<{ name: string; config: ModelConfig }> = [{ name: 'defaults', config: DEFAULT_CONFIG }];
  for (const halfLifeDays of [14, 21, 30, 45, 90])
    for (const shareExponent of [0.5, 1, 2])
      for (const reciprocityBonus of [0, 1, 2])
        for (const receivedWeight of [0.25, 0.5])
          for (const longStandingFloor of [0.2, 0.5]) {
            const o = { halfLifeDays, shareExponent, reciprocityBonus, receivedWeight, longStandingFloor };
            const config = modelConfig(o);
            const name = Object.entries(o)
              .map(([k, v]) => `${k}=${v}`)
              .join(',');
            if (JSON.stringify(config) !== JSON.stringify(DEFAULT_CONFIG)) out.push({ name, config });
          }
  return out;
}

export interface LooResult {
  /** Mean precision@10 over every scored pair, each scored with the config chosen without its mailbox. */
  enronPrecisionAt10Loo: number | null;
  /** Candidates that keep the generated measure (demo Spearman ≥ minSpearman), of all tried. */
  admissible: number;
  candidates: number;
  minSpearman: number;
  folds: Array<{ heldOut: string; chosen: string; trainP10: number; testP10: number; pairs: number }>;
  /** The same procedure choosing among every candidate, ignoring the generated measure. */
  unconstrainedLoo: number | null;
  /** The best any single candidate reaches on all 10 mailboxes (in-sample: optimistic). */
  bestInSample: { name: string; p10: number } | null;
}

/**
 * Leave-one-mailbox-out: for each mailbox, choose the candidate with the best mean precision@10 on
 * the other nine (ties go to the earlier candidate, the defaults first), score the held-out
 * mailbox with it, and average over all scored pairs. Only candidates that keep the generated
 * truth's Spearman ≥ minSpearman are admissible, so the choice could also be shipped.
 */
export function enronLoo(dir = ENRON_DIR, minSpearman = 0.85): LooResult {
  const data = loadEnron(dir);
  const candidates = looCandidates();
  const empty = { admissible: 0, candidates: candidates.length, minSpearman, folds: [] };
  if (!data) return { enronPrecisionAt10Loo: null, unconstrainedLoo: null, bestInSample: null, ...empty };
  const pairs = data.pairs.filter(isScored);
  const table = candidates.map((c) => ({
    ...c,
    rho: demoSpearman(c.config),
    p10: pairs.map((p) => modelPrecisionAt10(p, c.config).p10),
  }));
  const run = (pool: typeof table) => {
    const folds: LooResult['folds'] = [];
    const test: number[] = [];
    for (const heldOut of ENRON_MAILBOXES) {
      const idx = pairs.map((p, k) => [p.mailbox, k] as const);
      const train = idx.filter(([m]) => m !== heldOut).map(([, k]) => k);
      const held = idx.filter(([m]) => m === heldOut).map(([, k]) => k);
      if (!held.length) continue;
      let best = pool[0]!;
      let bestScore = -1;
      for (const c of pool) {
        const score = mean(train.map((k) => c.p10[k]!));
        if (score > bestScore + 1e-12) {
          best = c;
          bestScore = score;
        }
      }
      const scores = held.map((k) => best.p10[k]!);
      test.push(...scores);
      folds.push({
        heldOut,
        chosen: best.name,
        trainP10: round(bestScore),
        testP10: round(mean(scores)),
        pairs: held.length,
      });
    }
    return { loo: round(mean(test)), folds };
  };
  const admissible = table.filter((c) => c.rho >= minSpearman);
  const constrained = run(admissible.length ? admissible : table.slice(0, 1));
  const free = run(table);
  const best = [...table].sort((a, b) => mean(b.p10) - mean(a.p10))[0]!;
  return {
    enronPrecisionAt10Loo: constrained.loo,
    admissible: admissible.length,
    candidates: table.length,
    minSpearman,
    folds: constrained.folds,
    unconstrainedLoo: free.loo,
    bestInSample: { name: best.name, p10: round(mean(best.p10)) },
  };
}

/**
 * A diagnostic, not a model: logistic regression over 29 count features (decayed sent, received,
 * copied, bulk, reply and meeting counts at half-lives of 7, 30, 90 and 365 days; days since the
 * last sent and received mail; ever sent / received; active weeks), trained pooled over the other
 * nine mailboxes' pairs (each pair weighted equally) and scored on the held-out mailbox. If this
 * cannot reach a precision@10, no hand-set weighting of the same counts is likely to.
 */
export function enronLearnedRanker(dir = ENRON_DIR, l2 = 0.1): { loo: number; inSample: number } | null {
  const data = loadEnron(dir);
  if (!data) return null;
  const pairs = data.pairs.filter(isScored);
  interface Ex {
    pair: number;
    x: number[];
    y: number;
  }
  const exs: Ex[] = [];
  pairs.forEach((p, pair) => {
    const t0 = p.asOf.getTime() + 1;
    const by = new Map<string, Interaction[]>();
    for (const i of p.before) {
      const list = by.get(i.counterpart);
      if (list) list.push(i);
      else by.set(i.counterpart, [i]);
    }
    for (const [k, xs] of by) {
      const f: number[] = [1];
      for (const h of [7, 30, 90, 365]) {
        const d = (pred: (i: Interaction) => boolean) =>
          Math.log1p(xs.filter(pred).reduce((a, i) => a + 0.5 ** ((t0 - i.at.getTime()) / DAY / h), 0));
        const out = (i: Interaction) => i.direction === 'outbound';
        const small = (i: Interaction) => i.participants <= MAX_RECIPIENTS + 1;
        f.push(
          d((i) => out(i) && small(i)),
          d((i) => out(i) && !small(i)),
          d((i) => !out(i) && i.kind !== 'mail_cc' && small(i)),
          d((i) => i.kind === 'mail_cc' || (!out(i) && !small(i))),
          d((i) => i.kind === 'mail_reply'),
          d((i) => i.sourceType === 'event'),
        );
      }
      const since = (pred: (i: Interaction) => boolean) => {
        const ts = xs.filter(pred).map((i) => i.at.getTime());
        return ts.length ? Math.log1p((t0 - Math.max(...ts)) / DAY) : 7;
      };
      f.push(
        since((i) => i.direction === 'outbound'),
        since((i) => i.direction === 'inbound'),
        xs.some((i) => i.direction === 'inbound') ? 1 : 0,
        xs.some((i) => i.direction === 'outbound') ? 1 : 0,
        Math.log1p(new Set(xs.map((i) => Math.floor(i.at.getTime() / DAY / 7))).size),
      );
      exs.push({ pair, x: f, y: p.truth.has(k) ? 1 : 0 });
    }
  });
  const dim = exs[0]?.x.length ?? 0;
  for (let j = 1; j < dim; j++) {
    const m = mean(exs.map((e) => e.x[j]!));
    const sd = Math.sqrt(mean(exs.map((e) => (e.x[j]! - m) ** 2))) || 1;
    for (const e of exs) e.x[j] = (e.x[j]! - m) / sd;
  }
  const dot = (w: number[], x: number[]) => x.reduce((a, v, j) => a + v * w[j]!, 0);
  const train = (set: Ex[]) => {
    const w = new Array<number>(dim).fill(0);
    const count = new Map<number, number>();
    for (const e of set) count.set(e.pair, (count.get(e.pair) ?? 0) + 1);
    for (let it = 0; it < 300; it++) {
      const g = new Array<number>(dim).fill(0);
      for (const e of set) {
        const c = (1 / (1 + Math.exp(-dot(w, e.x))) - e.y) / count.get(e.pair)!;
        e.x.forEach((v, j) => (g[j]! += c * v));
      }
      for (let j = 0; j < dim; j++) w[j]! -= 0.5 * (g[j]! / count.size + l2 * w[j]!);
    }
    return w;
  };
  const p10 = (w: number[], pair: number) =>
    exs
      .filter((e) => e.pair === pair)
      .map((e) => ({ s: dot(w, e.x), y: e.y }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 10)
      .filter((r) => r.y).length / 10;
  const test: number[] = [];
  for (const heldOut of ENRON_MAILBOXES) {
    const held = new Set(pairs.flatMap((p, k) => (p.mailbox === heldOut ? [k] : [])));
    if (!held.size) continue;
    const w = train(exs.filter((e) => !held.has(e.pair)));
    for (const k of held) test.push(p10(w, k));
  }
  const all = train(exs);
  return { loo: round(mean(test)), inSample: round(mean(pairs.map((_, k) => p10(all, k)))) };
}

/**
 * How far any choice among count rankings could go, with hindsight (a diagnostic, not a model):
 * for each scored pair, the best precision@10 over a family of rankings, averaged. The families
 * are single features (decayed counts at seven half-lives by direction and size, attention-shared
 * counts, counts in windows, recency) and weighted blends of any two of them (three weights). No
 * procedure that picks one of these per mailbox without seeing the future can beat the bound.
 */
export function enronHindsightBound(dir = ENRON_DIR): {
  singleFeatures: { rankings: number; bound: number };
  twoFeatureBlends: { rankings: number; bound: number };
  ceiling: number;
} | null {
  const data = loadEnron(dir);
  if (!data) return null;
  const pairs = data.pairs.filter(isScored);
  const featureTables = pairs.map((p) => {
    const t0 = p.asOf.getTime() + 1;
    const table = new Map<string, Map<string, number>>();
    for (const i of p.before) {
      let f = table.get(i.counterpart);
      if (!f) table.set(i.counterpart, (f = new Map()));
      const add = (k: string, v: number) => f.set(k, (f.get(k) ?? 0) + v);
      const age = (t0 - i.at.getTime()) / DAY;
      const out = i.direction === 'outbound';
      for (const h of [7, 14, 30, 60, 90, 180, 365]) {
        const d = 0.5 ** (age / h);
        add(`all/${h}`, d);
        add(`shared/${h}`, d / Math.max(1, i.participants - 1));
        if (out) add(`sent/${h}`, d);
        else add(`received/${h}`, d);
        if (out && i.participants <= MAX_RECIPIENTS + 1) add(`sentSmall/${h}`, d);
      }
      for (const w of [7, 14, 30, 60, 90, 180, Infinity])
        if (age < w) {
          add(`count<${w}`, 1);
          if (out) add(`sentCount<${w}`, 1);
        }
      f.set('recency', Math.max(f.get('recency') ?? -Infinity, -age));
      if (out) f.set('sentRecency', Math.max(f.get('sentRecency') ?? -Infinity, -age));
    }
    return table;
  });
  const names = [
    ...new Set(featureTables.flatMap((t) => [...t.values()].flatMap((f) => [...f.keys()]))),
  ].sort();
  const p10 = (k: number, score: (f: Map<string, number>) => number) =>
    precisionAt10(rankBy(new Map([...featureTables[k]!].map(([c, f]) => [c, score(f)]))), pairs[k]!.truth)
      .p10;
  // Squashed so that blends of counts and recencies of any scale stay comparable.
  const squash = (f: Map<string, number>, n: string) => {
    const v = f.get(n);
    return v === undefined ? -1 : v / (1 + Math.abs(v));
  };
  const single = pairs.map((_, k) => Math.max(...names.map((n) => p10(k, (f) => squash(f, n)))));
  let blends = 0;
  const blended = pairs.map((_, k) => {
    let best = 0;
    blends = 0;
    for (const a of names)
      for (const b of names)
        if (a < b)
          for (const w of [0.25, 1, 4]) {
            blends++;
            best = Math.max(
              best,
              p10(k, (f) => squash(f, a) + w * squash(f, b)),
            );
          }
    return best;
  });
  return {
    singleFeatures: { rankings: names.length, bound: round(mean(single)) },
    twoFeatureBlends: { rankings: blends, bound: round(mean(blended)) },
    ceiling: round(
      mean(pairs.map((p) => Math.min(10, [...p.truth].filter((c) => p.seenBefore.has(c)).length) / 10)),
    ),
  };
}

// ---------- entry ----------

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = Date.now();
  const generated = await generatedTruthQuality();
  const enron = await enronQuality();
  const coolingSeeds = coolingAcrossSeeds();
  const loo = enronLoo();
  console.log(
    JSON.stringify(
      {
        spearmanTop50: generated.spearmanTop50,
        coolingPrecision: generated.coolingPrecision,
        coolingRecall: generated.coolingRecall,
        internalClassificationErrors: generated.internalClassificationErrors,
        enronPrecisionAt10: enron.enronPrecisionAt10,
        enronPrecisionAt10Loo: loo.enronPrecisionAt10Loo,
        baselines: enron.baselines,
        seconds: round((Date.now() - started) / 1000, 1),
        coolingAcrossSeeds: { seeds: COOLING_SEEDS, ...coolingSeeds },
        enronLoo: { ...loo, learnedRanker: enronLearnedRanker() },
        enronHindsightBound: enronHindsightBound(),
        generated: generated.details,
        enron: {
          note: enron.note,
          ceiling: enron.ceiling,
          alternative: enron.alternative,
          perMailbox: enron.perMailbox,
          skipped: enron.skipped,
        },
      },
      null,
      2,
    ),
  );
}
