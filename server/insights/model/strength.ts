import type { Interaction } from '../../domain/interaction';
import { DEFAULT_CONFIG, type ModelConfig } from './config';
import { explain } from './explain';

/**
 * Tie strength per counterpart, as of a date, from interactions alone (pure, no I/O).
 *
 *   w(i)     = kindWeight × 1/(participants−1)^shareExponent × duration factor (meetings)
 *              × largeMailFactor (mail with more than 8 participants)
 *   d(i)     = 0.5^(age / halfLifeDays)                      (interactions after asOf are ignored)
 *   M        = Σ over weekly slots of g(Σ w·d)  O, I = Σ w·d over mail sent / received
 *              (meetings in the same weekday/time/length/size slot share one g: recurring habit
 *              has diminishing returns; g(x) = k·ln(1 + x/k))
 *   E        = M + sentWeight·O + receivedWeight·g(I) + 2·reciprocityBonus·min(O, I)
 *              + replyBonus·Q + twoWayWeekWeight·W₂ (+ regularityWeight·W + breadthWeight·C, off)
 *              (k = receivedKnee: mail nobody answers has diminishing returns too; Q = decayed quick
 *              replies; W₂ = Σ over weeks with meaningful mail both ways of d(the earlier of that
 *              week's latest mail each way); W, C = the same over weeks with any meaningful mail and
 *              over conversations, each at its latest mail)
 *   E'       = max(E, longStandingFloor × E_long)             (E_long: same with longHalfLifeDays,
 *                                                              rescaled to the short half-life)
 *   strength = 100 × (1 − e^(−E'/saturation))
 *
 * Every term is non-negative and non-decreasing in each interaction, so adding one never lowers a
 * score; items are summed in a canonical order, so input order does not change the result.
 */

export interface Evidence {
  /** Counts within the evidence window (90 days by default) before asOf. */
  windowDays: number;
  oneOnOnes: number;
  /** Meetings with 3–8 people. */
  groupMeetings: number;
  /** Meetings with more than 8 people: they count little. */
  largeMeetings: number;
  mailsSent: number;
  mailsReceived: number;
  /** Sent and received matched one for one: min(sent, received), cc excluded. */
  twoWayExchanges: number;
  /** Mail where the owner was only copied. */
  ccs: number;
  /** Replies (either way) within replyFastHours of the message they answer, in the window. */
  quickReplies: number;
  /** Weeks in the window with meaningful mail both ways (what twoWayWeekWeight rewards). */
  twoWayWeeks: number;
  /**
   * ISO instants, over all history before asOf. lastMet is the last 1:1 or meeting of 3–8: a
   * monthly all-hands would otherwise make "last met today" true of the whole company.
   */
  lastMet: string | null;
  lastContact: string | null;
  /** Last 1:1, meeting of 2–8 people, or direct mail of 2–8 people: what a cadence is measured from. */
  lastMeaningful: string | null;
}

export interface CounterpartScore {
  counterpart: string;
  counterpartId: string | null;
  internal: boolean;
  /** 0..100, one decimal. */
  strength: number;
  evidence: Evidence;
  explanation: string;
  /** The decayed evidence behind the strength, for debugging and tuning. */
  components: { meetings: number; sent: number; received: number; evidence: number; longStanding: boolean };
}

const DAY = 86_400_000;
const isMeeting = (i: Interaction) => i.sourceType === 'event';

/** The weight of one interaction before recency decay. */
export function interactionWeight(i: Interaction, c: ModelConfig = DEFAULT_CONFIG): number {
  const others = Math.max(1, i.participants - 1);
  let w = c.kindWeights[i.kind] / others ** c.shareExponent;
  if (isMeeting(i)) {
    const [lo, hi] = c.durationClamp;
    const f = (Math.max(1, i.durationMinutes) / c.referenceMinutes) ** c.durationExponent;
    w *= Math.min(hi, Math.max(lo, f));
  } else if (i.participants > c.meaningfulMaxParticipants) w *= c.largeMailFactor;
  return w;
}

/** Meaningful in Viva's sense: 2–8 people, and not a mere copy. */
export const isMeaningful = (i: Interaction, c: ModelConfig = DEFAULT_CONFIG) =>
  i.participants <= c.meaningfulMaxParticipants && i.kind !== 'mail_cc' && i.kind !== 'meeting_large';

/** Canonical order: makes floating-point sums independent of input order. */
export const canonical = (a: Interaction, b: Interaction) =>
  a.at.getTime() - b.at.getTime() ||
  (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0) ||
  (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
  a.participants - b.participants ||
  a.durationMinutes - b.durationMinutes;

/** The kernel's decayed sums (exported for series.ts, which carries them across instants). */
export interface Sums {
  meetings: number;
  sent: number;
  received: number;
  /** Decayed quick replies. */
  quick: number;
  /** Decayed distinct weeks with meaningful mail (either way). */
  weeks: number;
  /** Decayed distinct weeks with meaningful mail both ways. */
  twoWayWeeks: number;
  /** Decayed distinct conversations with meaningful mail. */
  conversations: number;
}

export const zeroSums = (): Sums => ({
  meetings: 0,
  sent: 0,
  received: 0,
  quick: 0,
  weeks: 0,
  twoWayWeeks: 0,
  conversations: 0,
});

/** ISO week number since the epoch: weeks start on Monday 00:00 UTC (1970-01-05 was a Monday). */
const weekOf = (t: number) => Math.floor((t - 4 * DAY) / (7 * DAY));

/** A meeting's weekly slot: weekday, UTC time of day, length and size. */
const slotOf = (i: Interaction) =>
  `${i.at.getUTCDay()}|${i.at.getTime() % DAY}|${i.durationMinutes}|${i.participants}`;

/** Diminishing returns for one-way mail: a flood of notifications is not a relationship. */
export const concave = (x: number, k: number) => k * Math.log1p(x / k);

const evidenceOf = (s: Sums, c: ModelConfig) =>
  s.meetings +
  c.sentWeight * s.sent +
  c.receivedWeight * concave(s.received, c.receivedKnee) +
  2 * c.reciprocityBonus * Math.min(s.sent, s.received) +
  c.replyBonus * s.quick +
  c.regularityWeight * s.weeks +
  c.twoWayWeekWeight * s.twoWayWeeks +
  c.breadthWeight * s.conversations;

/**
 * One counterpart's interaction reduced to what the evidence sum needs. The monthly series asks
 * for the sum at a dozen instants, so a counterpart's list is prepared once, not per instant.
 */
export interface PreparedInteraction {
  t: number;
  w: number;
  /** The weekly slot for meetings; null for mail. */
  slot: string | null;
  outbound: boolean;
  conversation: string | null;
  /** Mail of 2–8 people that is not a copy: what regularity and breadth count. */
  meaningfulMail: boolean;
  /** Its week (weekOf), computed once: the monthly series sums a counterpart a dozen times. */
  week: number;
  /**
   * The index of the previous message of its conversation (-1: none), and whether this one answers
   * it (the other way) within replyFastHours: linked once, so a sum over (from, now] counts the
   * reply only when that previous message is in the range too.
   */
  replyTo: number;
  fastReply: boolean;
}

const prepareOne = (i: Interaction, config: ModelConfig): PreparedInteraction => ({
  t: i.at.getTime(),
  w: interactionWeight(i, config),
  slot: isMeeting(i) ? slotOf(i) : null,
  outbound: i.direction === 'outbound',
  conversation: isMeeting(i) ? null : (i.conversationId ?? null),
  meaningfulMail: !isMeeting(i) && isMeaningful(i, config),
  week: weekOf(i.at.getTime()),
  replyTo: -1,
  fastReply: false,
});

/**
 * Each distinct week or conversation counts once, at its latest mail (decayed): a later mail can
 * only raise it, so the terms are non-decreasing in each interaction. (Module functions, not
 * closures: the kernel runs a dozen times per counterpart.)
 */
function addDecayed(
  short: Sums,
  long: Sums,
  now: number,
  config: ModelConfig,
  key: 'weeks' | 'twoWayWeeks' | 'conversations',
  t: number,
): void {
  const age = (now - t) / DAY;
  short[key] += 0.5 ** (age / config.halfLifeDays);
  long[key] += 0.5 ** (age / config.longHalfLifeDays);
}

/** The weekly terms' open week: items come in time order, so weeks do too and one is open at a time. */
export interface OpenWeek {
  week: number;
  /** The week's latest meaningful mail each way so far (−∞: none). */
  out: number;
  in: number;
}
export const noWeek = (): OpenWeek => ({
  week: Number.NaN,
  out: Number.NEGATIVE_INFINITY,
  in: Number.NEGATIVE_INFINITY,
});

/** A week's terms, once its mail is all seen (NaN: no week open). */
export function closeWeek(short: Sums, long: Sums, now: number, config: ModelConfig, w: OpenWeek): void {
  if (Number.isNaN(w.week)) return;
  addDecayed(short, long, now, config, 'weeks', Math.max(w.out, w.in));
  if (w.out > Number.NEGATIVE_INFINITY && w.in > Number.NEGATIVE_INFINITY)
    addDecayed(short, long, now, config, 'twoWayWeeks', Math.min(w.out, w.in));
}

/**
 * One message into the sums at `now`, its decay given: sent or received, a quick reply, and its
 * week (`week` null: the weekly terms are off). A new week closes the one before: it is complete.
 */
export function sumMail(
  p: PreparedInteraction,
  ds: number,
  dl: number,
  quick: boolean,
  short: Sums,
  long: Sums,
  week: OpenWeek | null,
  now: number,
  config: ModelConfig,
): void {
  const key = p.outbound ? 'sent' : 'received';
  short[key] += p.w * ds;
  long[key] += p.w * dl;
  if (quick) {
    short.quick += ds;
    long.quick += dl;
  }
  if (!week || !p.meaningfulMail) return;
  if (p.week !== week.week) {
    closeWeek(short, long, now, config, week);
    week.week = p.week;
    week.out = week.in = Number.NEGATIVE_INFINITY;
  }
  // Canonical order is by time: this is the week's latest mail so far, each way.
  if (p.outbound) week.out = p.t;
  else week.in = p.t;
}

/** Interactions already in canonical order, prepared, each message linked to the one it answers. */
export function prepareSorted(items: Interaction[], config: ModelConfig): PreparedInteraction[] {
  const prepared = items.map((i) => prepareOne(i, config));
  const fastMs = config.replyFastHours * 3_600_000;
  const last = new Map<string, number>();
  prepared.forEach((p, k) => {
    if (p.conversation === null) return;
    const j = last.get(p.conversation);
    last.set(p.conversation, k);
    if (j === undefined) return;
    const prev = prepared[j]!;
    p.replyTo = j;
    p.fastReply = prev.outbound !== p.outbound && p.t - prev.t <= fastMs;
  });
  return prepared;
}

/** A counterpart's interactions in canonical order, prepared for `evidenceAt`. */
export function prepareInteractions(
  interactions: Interaction[],
  config: ModelConfig = DEFAULT_CONFIG,
): PreparedInteraction[] {
  return prepareSorted([...interactions].sort(canonical), config);
}

/** Called for each interaction the kernel sums, in order: its index, age in days, and whether it was a quick reply. */
type OnSummed = (index: number, ageDays: number, quickReply: boolean) => void;

/**
 * The one accumulation behind every strength: the decayed sums, at `now`, of the prepared
 * interactions in (from, now] — short and long half-life side by side, meetings per weekly slot
 * with diminishing returns. `scoreOne` and `evidenceAt` both sum through here, so they cannot drift
 * apart: floating-point sums depend on their order, and this is the only order there is.
 */
function accumulate(
  prepared: readonly PreparedInteraction[],
  now: number,
  config: ModelConfig,
  from: number,
  onSummed?: OnSummed,
): { short: Sums; long: Sums; count: number } {
  const short = zeroSums();
  const long = zeroSums();
  const slots = new Map<string, { short: number; long: number }>();
  // Regularity and breadth: the latest meaningful mail of each week (each way) and conversation.
  const byWeek = config.regularityWeight > 0 || config.twoWayWeekWeight > 0;
  const byConversation = config.breadthWeight > 0;
  const week = byWeek ? noWeek() : null;
  const conversations = new Map<string, number>();
  // Canonical order is by time first: start at the first item after `from` (binary search).
  let lo = 0;
  let hi = prepared.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (prepared[mid]!.t <= from) lo = mid + 1;
    else hi = mid;
  }
  let k = lo;
  for (; k < prepared.length; k++) {
    const p = prepared[k]!;
    if (p.t > now) break;
    const age = (now - p.t) / DAY;
    let quick = false;
    if (p.slot !== null) {
      const s = slots.get(p.slot) ?? { short: 0, long: 0 };
      s.short += p.w * 0.5 ** (age / config.halfLifeDays);
      s.long += p.w * 0.5 ** (age / config.longHalfLifeDays);
      slots.set(p.slot, s);
    } else {
      // A reply to a message before `from` is not one here: that message is outside the sum.
      quick = p.fastReply && p.replyTo >= lo;
      const ds = 0.5 ** (age / config.halfLifeDays);
      const dl = 0.5 ** (age / config.longHalfLifeDays);
      sumMail(p, ds, dl, quick, short, long, week, now, config);
      if (p.meaningfulMail && byConversation && p.conversation !== null)
        conversations.set(p.conversation, p.t);
    }
    onSummed?.(k, age, quick);
  }
  // A standing slot (same weekday, time, length and size) keeps happening by inertia: its
  // occurrences give diminishing returns, so habit does not outweigh ad hoc contact.
  for (const s of slots.values()) {
    short.meetings += concave(s.short, config.recurringKnee);
    long.meetings += concave(s.long, config.recurringKnee);
  }
  if (week) closeWeek(short, long, now, config, week);
  for (const t of conversations.values()) addDecayed(short, long, now, config, 'conversations', t);
  return { short, long, count: k - lo };
}

/** E' from the sums: the recent evidence, or the long-standing floor when that is higher. */
export function evidenceOfSums(sums: { short: Sums; long: Sums }, config: ModelConfig) {
  const recent = evidenceOf(sums.short, config);
  const kept =
    config.longStandingFloor *
    evidenceOf(sums.long, config) *
    (config.halfLifeDays / config.longHalfLifeDays);
  return { evidence: Math.max(recent, kept), longStanding: kept > recent && kept > 0 };
}

/**
 * The evidence E' of scoreOne at `now`, from prepared interactions in (from, now]: the same
 * kernel, without the evidence counts and the explanation.
 */
export function evidenceAt(
  prepared: PreparedInteraction[],
  now: number,
  config: ModelConfig = DEFAULT_CONFIG,
  from = Number.NEGATIVE_INFINITY,
): number {
  const sums = accumulate(prepared, now, config, from);
  return sums.count === 0 ? 0 : evidenceOfSums(sums, config).evidence;
}

/** Strength 0..100 (one decimal) from evidence: diminishing returns. */
export const strengthOfEvidence = (e: number, config: ModelConfig = DEFAULT_CONFIG) =>
  Math.round(1000 * (1 - Math.exp(-e / config.saturation))) / 10;

/** Strength of one counterpart's interactions (all with the same counterpart), as of asOf. */
export function scoreOne(
  interactions: Interaction[],
  asOf: Date,
  config: ModelConfig = DEFAULT_CONFIG,
): CounterpartScore | null {
  const now = asOf.getTime();
  const items = interactions.filter((i) => i.at.getTime() <= now).sort(canonical);
  return scoreSorted(items, prepareSorted(items, config), asOf, config);
}

/**
 * scoreOne's work on a counterpart's interactions up to asOf, already in canonical order and
 * prepared (prepareSorted): the map prepares each counterpart once for its score and its series.
 */
export function scoreSorted(
  items: Interaction[],
  prepared: PreparedInteraction[],
  asOf: Date,
  config: ModelConfig = DEFAULT_CONFIG,
): CounterpartScore | null {
  const now = asOf.getTime();
  const first = items[0];
  if (!first) return null;
  const ev: Evidence = {
    windowDays: config.evidenceWindowDays,
    oneOnOnes: 0,
    groupMeetings: 0,
    largeMeetings: 0,
    mailsSent: 0,
    mailsReceived: 0,
    twoWayExchanges: 0,
    ccs: 0,
    quickReplies: 0,
    twoWayWeeks: 0,
    lastMet: null,
    lastContact: null,
    lastMeaningful: null,
  };
  let lastMet = -1;
  let lastContact = -1;
  let lastMeaningful = -1;
  const weeks = new Map<number, number>(); // week → 1 sent, 2 received, 3 both
  const sums = accumulate(prepared, now, config, Number.NEGATIVE_INFINITY, (k, age, quick) => {
    const i = items[k]!;
    const t = prepared[k]!.t;
    if (quick && age <= config.evidenceWindowDays) ev.quickReplies++;
    lastContact = Math.max(lastContact, t);
    if (isMeeting(i) && i.kind !== 'meeting_large') lastMet = Math.max(lastMet, t);
    if (isMeaningful(i, config)) lastMeaningful = Math.max(lastMeaningful, t);
    if (age > config.evidenceWindowDays) return;
    const p = prepared[k]!;
    if (p.meaningfulMail) weeks.set(p.week, (weeks.get(p.week) ?? 0) | (p.outbound ? 1 : 2));
    if (i.kind === 'meeting_1on1') ev.oneOnOnes++;
    else if (i.kind === 'meeting_small') ev.groupMeetings++;
    else if (i.kind === 'meeting_large') ev.largeMeetings++;
    else if (i.kind === 'mail_cc') ev.ccs++;
    else if (i.direction === 'outbound') ev.mailsSent++;
    else ev.mailsReceived++;
  });
  ev.twoWayExchanges = Math.min(ev.mailsSent, ev.mailsReceived);
  for (const w of weeks.values()) if (w === 3) ev.twoWayWeeks++;
  const iso = (t: number) => (t < 0 ? null : new Date(t).toISOString());
  ev.lastMet = iso(lastMet);
  ev.lastContact = iso(lastContact);
  ev.lastMeaningful = iso(lastMeaningful);

  const { evidence: e, longStanding } = evidenceOfSums(sums, config);
  return {
    counterpart: first.counterpart,
    counterpartId: items.find((i) => i.counterpartId)?.counterpartId ?? null,
    internal: items.every((i) => i.internal),
    strength: strengthOfEvidence(e, config),
    evidence: ev,
    explanation: explain(ev, asOf, longStanding),
    components: { ...sums.short, evidence: e, longStanding },
  };
}

/** One score per counterpart, strongest first (ties broken by address, so output is stable). */
export function scoreCounterparts(
  interactions: Interaction[],
  asOf: Date,
  config: ModelConfig = DEFAULT_CONFIG,
): CounterpartScore[] {
  const by = new Map<string, Interaction[]>();
  for (const i of interactions) {
    const list = by.get(i.counterpart);
    if (list) list.push(i);
    else by.set(i.counterpart, [i]);
  }
  const out: CounterpartScore[] = [];
  for (const list of by.values()) {
    const s = scoreOne(list, asOf, config);
    if (s) out.push(s);
  }
  return out.sort(strongestFirst);
}

/** By the unrounded evidence (rounded strengths of strong ties tie at 100), then by address. */
export const strongestFirst = (a: CounterpartScore, b: CounterpartScore) =>
  b.components.evidence - a.components.evidence ||
  (a.counterpart < b.counterpart ? -1 : a.counterpart > b.counterpart ? 1 : 0);
