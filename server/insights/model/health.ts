import type { Interaction } from '../../domain/interaction';
import { DEFAULT_CONFIG, type ModelConfig } from './config';
import { evidenceSeries } from './series';
import {
  canonical,
  type CounterpartScore,
  evidenceAt,
  prepareInteractions,
  type PreparedInteraction,
  prepareSorted,
  scoreSorted,
  strengthOfEvidence,
  strongestFirst,
} from './strength';

/**
 * Health against a cadence, monthly series, trend and cooling — all pure, all from scores.
 *
 *   due        = last meaningful interaction + cadence
 *   timeliness = 100 until due, then halves every further cadence overdue
 *   health     = healthStrengthShare × strength + (1 − healthStrengthShare) × timeliness
 *
 * No meaningful interaction at all means "no evidence" (null score, band 'none'), never "weak".
 */

export type Band = 'good' | 'fair' | 'poor' | 'none';
export type Trend = 'up' | 'flat' | 'down';

export interface MonthPoint {
  /** The instant the point is scored at: each month's end, and asOf for the last one. */
  at: string;
  strength: number;
  /** Undecayed evidence of the 30 days up to `at`: how much happened that month (cooling uses it). */
  activity: number;
}

export interface Health {
  score: number | null;
  band: Band;
  cadenceDays: number;
  dueDate: string | null;
  /** Negative while not yet due. */
  daysOverdue: number | null;
  trend: Trend | null;
  cooling: boolean;
}

const DAY = 86_400_000;

/** The default cadence for a strength: the tier's. */
export function cadenceFor(strength: number, config: ModelConfig = DEFAULT_CONFIG): number {
  const tiers = [...config.cadenceByTier].sort((a, b) => b.minStrength - a.minStrength);
  return (tiers.find((t) => strength >= t.minStrength) ?? tiers[tiers.length - 1])?.cadenceDays ?? 30;
}

export function bandOf(score: number | null, config: ModelConfig = DEFAULT_CONFIG): Band {
  if (score === null) return 'none';
  return score >= config.healthBands.good ? 'good' : score >= config.healthBands.fair ? 'fair' : 'poor';
}

/** The month ends (UTC) before asOf, oldest first, then asOf itself: `months` instants in all. */
export function monthEnds(asOf: Date, months: number): Date[] {
  const out: Date[] = [];
  const y = asOf.getUTCFullYear();
  const m = asOf.getUTCMonth();
  for (let k = months - 1; k >= 1; k--) out.push(new Date(Date.UTC(y, m - k + 1, 1) - 1));
  out.push(asOf);
  return out;
}

/**
 * What a month's activity (the cooling rule's measure) sums, over the 30 days to the month end: the
 * same evidence formula without decay, floor or the weekly and breadth terms. Like the floor, those
 * describe a pattern over many weeks, not one month's volume (a month holds four or five weeks).
 */
export const activityConfig = (config: ModelConfig): ModelConfig => ({
  ...config,
  halfLifeDays: 1e9,
  longStandingFloor: 0,
  regularityWeight: 0,
  twoWayWeekWeight: 0,
  breadthWeight: 0,
});

const byCounterpart = (interactions: Interaction[]) => {
  const by = new Map<string, Interaction[]>();
  for (const i of interactions) {
    const list = by.get(i.counterpart);
    if (list) list.push(i);
    else by.set(i.counterpart, [i]);
  }
  return by;
};

/** One counterpart's points at the month ends: one pass for the strengths (series.ts), 30 days each for activity. */
function pointsOf(
  prepared: PreparedInteraction[],
  ends: Date[],
  config: ModelConfig,
  flat: ModelConfig,
): MonthPoint[] {
  const instants = ends.map((d) => d.getTime());
  const evidence = evidenceSeries(prepared, instants, config);
  return ends.map((at, j) => {
    const now = instants[j]!;
    return {
      at: at.toISOString(),
      strength: strengthOfEvidence(evidence[j]!, config),
      activity: Math.round(100 * evidenceAt(prepared, now, flat, now - 30 * DAY)) / 100,
    };
  });
}

/** Strength per month end for every counterpart (0 before any evidence). */
export function monthlySeries(
  interactions: Interaction[],
  asOf: Date,
  months = 12,
  config: ModelConfig = DEFAULT_CONFIG,
): Map<string, MonthPoint[]> {
  const ends = monthEnds(asOf, months);
  const flat = activityConfig(config);
  const out = new Map<string, MonthPoint[]>();
  for (const [counterpart, list] of byCounterpart(interactions)) {
    const series = pointsOf(prepareInteractions(list, config), ends, config, flat);
    if (series.some((p) => p.strength > 0)) out.set(counterpart, series);
  }
  return out;
}

/**
 * `scoreCounterparts` and `monthlySeries` together, as the map needs them: each counterpart's
 * interactions sorted and prepared once for both (the same figures as calling each).
 */
export function scoresWithSeries(
  interactions: Interaction[],
  asOf: Date,
  months = 12,
  config: ModelConfig = DEFAULT_CONFIG,
): { scores: CounterpartScore[]; series: Map<string, MonthPoint[]> } {
  const now = asOf.getTime();
  const ends = monthEnds(asOf, months);
  const flat = activityConfig(config);
  const scores: CounterpartScore[] = [];
  const series = new Map<string, MonthPoint[]>();
  for (const [counterpart, list] of byCounterpart(interactions)) {
    // Nothing after asOf counts in either: the month ends are at or before it.
    const items = list.filter((i) => i.at.getTime() <= now).sort(canonical);
    const prepared = prepareSorted(items, config);
    const score = scoreSorted(items, prepared, asOf, config);
    if (score) scores.push(score);
    const points = pointsOf(prepared, ends, config, flat);
    if (points.some((p) => p.strength > 0)) series.set(counterpart, points);
  }
  return { scores: scores.sort(strongestFirst), series };
}

const values = (s: ReadonlyArray<number | MonthPoint>) =>
  s.map((p) => (typeof p === 'number' ? p : p.strength));

/** Up, flat or down: the least-squares slope of the last few months, relative to their mean. */
export function trendOf(
  series: ReadonlyArray<number | MonthPoint>,
  config: ModelConfig = DEFAULT_CONFIG,
): Trend {
  const v = values(series).slice(-config.trendMonths);
  const n = v.length;
  if (n < 2) return 'flat';
  const mean = v.reduce((a, b) => a + b, 0) / n;
  if (mean <= 0) return 'flat';
  const xm = (n - 1) / 2;
  let num = 0;
  let den = 0;
  v.forEach((y, x) => {
    num += (x - xm) * (y - mean);
    den += (x - xm) ** 2;
  });
  const rel = num / den / Math.max(mean, 5); // a floor keeps tiny ties from swinging on one mail
  return rel > config.trendThreshold ? 'up' : rel < -config.trendThreshold ? 'down' : 'flat';
}

/**
 * Cooling: a decline from a level the tie held, not noise.
 *
 * - solid before: its best 3-month mean of monthly activity before the last quarter (first month
 *   skipped: it has no history before it) is at least coolingSolid, and its best 3-month mean
 *   strength is at least coolingMinStrength (a tie that mattered);
 * - quiet now: the last two months' activity is at most coolingRatio of that peak, and the
 *   strength now is at most coolingStrengthRatio of the peak strength;
 * - a decline, not a burst ending: the month before the quiet two is not above the peak (a spike
 *   of activity followed by silence is a finished piece of work more often than a cooling tie).
 *
 * Monthly activity is noisy; 3-month means keep one quiet month from raising the flag.
 */
export function isCooling(series: ReadonlyArray<MonthPoint>, config: ModelConfig = DEFAULT_CONFIG): boolean {
  const n = series.length;
  if (n < 6) return false;
  const mean = (xs: ReadonlyArray<MonthPoint>, f: (p: MonthPoint) => number) =>
    xs.reduce((a, p) => a + f(p), 0) / xs.length;
  const activity = (p: MonthPoint) => p.activity;
  const strength = (p: MonthPoint) => p.strength;
  let peak = 0;
  let peakStrength = 0;
  for (let i = 1; i + 3 <= n - 3; i++) {
    peak = Math.max(peak, mean(series.slice(i, i + 3), activity));
    peakStrength = Math.max(peakStrength, mean(series.slice(i, i + 3), strength));
  }
  const recent = mean(series.slice(n - 2), activity);
  return (
    peak >= config.coolingSolid &&
    peakStrength >= config.coolingMinStrength &&
    recent <= config.coolingRatio * peak &&
    series[n - 1]!.strength <= config.coolingStrengthRatio * peakStrength &&
    series[n - 3]!.activity <= peak
  );
}

/** Health of one relationship as of asOf, against the given cadence (or the tier's default). */
export function healthOf(
  score: CounterpartScore | null,
  cadenceDays: number | null,
  asOf: Date,
  series: ReadonlyArray<MonthPoint> | null = null,
  config: ModelConfig = DEFAULT_CONFIG,
): Health {
  const cadence = cadenceDays ?? cadenceFor(score?.strength ?? 0, config);
  const trend = series && series.length ? trendOf(series, config) : null;
  const cooling = series ? isCooling(series, config) : false;
  const last = score?.evidence.lastMeaningful;
  if (!score || !last)
    return {
      score: null,
      band: 'none',
      cadenceDays: cadence,
      dueDate: null,
      daysOverdue: null,
      trend,
      cooling,
    };
  const due = Date.parse(last) + cadence * DAY;
  const overdue = (asOf.getTime() - due) / DAY;
  const timeliness = overdue <= 0 ? 100 : 100 * 0.5 ** (overdue / cadence);
  const share = config.healthStrengthShare;
  const value = Math.round(share * score.strength + (1 - share) * timeliness);
  return {
    score: value,
    band: bandOf(value, config),
    cadenceDays: cadence,
    dueDate: new Date(due).toISOString(),
    daysOverdue: Math.round(overdue),
    trend,
    cooling,
  };
}
