/**
 * Cooling pooled over every persona (owner) of several generated organisations: the demo user's
 * 4 cooling ties are too few to tell a rule from luck.
 *
 * Scored on the ties a user would notice (docs/insights-model.md, "Cooling across organisations"):
 * a latent tie is *noticeable* when its height — its highest monthly latent strength before the
 * last quarter (months 1–9 of 12, before any cooling the last quarter shows) — is above the median
 * height of the owner's engaged ties (trend other than 'never'). Precision is over the model's
 * cooling flags on noticeable ties, recall over the noticeable ties whose truth is 'cooling'. Flags
 * elsewhere (weaker ties, and counterparts with no latent tie) are counted and reported beside it.
 */
import type { TieTruth } from '../../server/devtenant/model';
import { generateOrg } from '../../server/devtenant/org/generate';
import { DEFAULT_CONFIG, type ModelConfig } from '../../server/insights/model';
import { GENERATED_NOW, mailboxInteractions, predictedCooling } from './generated';
import { round } from './stats';

/** Seeds for the cooling check: the default organisation and five others. */
export const COOLING_SEEDS = ['rapport', 's2', 's3', 's4', 's5', 's6'] as const;

/** Months of the latent history before the last quarter (of 12). */
const BEFORE_LAST_QUARTER = 9;

/** A tie's height: its highest monthly latent strength before the last quarter. */
export const tieHeight = (t: TieTruth) => Math.max(0, ...t.monthly.slice(0, BEFORE_LAST_QUARTER));

/** The owner's noticeable ties: height above the median height of their engaged ties. */
export function noticeableTies(ties: TieTruth[]): TieTruth[] {
  const heights = ties
    .filter((t) => t.trend !== 'never')
    .map(tieHeight)
    .sort((a, b) => a - b);
  if (!heights.length) return [];
  const mid = heights.length / 2;
  const median = heights.length % 2 ? heights[Math.floor(mid)]! : (heights[mid - 1]! + heights[mid]!) / 2;
  return ties.filter((t) => t.trend !== 'never' && tieHeight(t) > median);
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const ratios = (c: Counts) => ({
  precision: round(c.tp / Math.max(1, c.tp + c.fp)),
  recall: round(c.tp / Math.max(1, c.tp + c.fn)),
  ...c,
});

export interface CoolingPooled {
  seeds: readonly string[];
  owners: number;
  definition: string;
  /** On noticeable ties: the headline (coolingPooledPrecision / coolingPooledRecall). */
  noticeable: { precision: number; recall: number; tp: number; fp: number; fn: number; ties: number };
  /** Over every counterpart and latent tie (the figure reported before this definition). */
  all: { precision: number; recall: number; tp: number; fp: number; fn: number };
  /** Flags outside the noticeable ties: on weaker ties, and on counterparts with no latent tie. */
  flagsElsewhere: { weakerTies: number; noTie: number };
  /** Noticeable cooling ties not flagged, with their monthly latent strength (for reading). */
  missed: Array<{ seed: string; owner: string; counterpart: string; monthly: number[] }>;
}

export function coolingAcrossSeeds(
  seeds: readonly string[] = COOLING_SEEDS,
  config: ModelConfig = DEFAULT_CONFIG,
): CoolingPooled {
  const notice: Counts = { tp: 0, fp: 0, fn: 0 };
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  const elsewhere = { weakerTies: 0, noTie: 0 };
  const missed: CoolingPooled['missed'] = [];
  let owners = 0;
  let noticed = 0;
  for (const seed of seeds) {
    const data = generateOrg({ seed, people: 300, now: GENERATED_NOW });
    const nameOf = new Map(data.users.map((u) => [u.id, u.displayName]));
    for (const u of data.users.filter((x) => x.demoPersona && x.userType === 'Member')) {
      owners++;
      const predicted = predictedCooling(mailboxInteractions(data, u.id), data.now, config);
      const ties = data.truth(u.id);
      const tieIds = new Set(ties.map((t) => t.counterpartId));
      const cooling = new Set(ties.filter((t) => t.trend === 'cooling').map((t) => t.counterpartId));
      const hits = [...predicted].filter((id) => cooling.has(id)).length;
      all.tp += hits;
      all.fp += predicted.size - hits;
      all.fn += cooling.size - hits;
      const visible = noticeableTies(ties);
      const visibleIds = new Set(visible.map((t) => t.counterpartId));
      noticed += visible.length;
      for (const t of visible) {
        const flagged = predicted.has(t.counterpartId);
        if (t.trend === 'cooling' && flagged) notice.tp++;
        else if (flagged) notice.fp++;
        else if (t.trend === 'cooling') {
          notice.fn++;
          missed.push({
            seed,
            owner: u.displayName,
            counterpart: nameOf.get(t.counterpartId) ?? t.counterpartId,
            monthly: t.monthly,
          });
        }
      }
      for (const id of predicted)
        if (!visibleIds.has(id)) elsewhere[tieIds.has(id) ? 'weakerTies' : 'noTie']++;
    }
  }
  return {
    seeds,
    owners,
    definition:
      "noticeable tie: highest monthly latent strength in months 1–9 of 12 above the median of the owner's " +
      "engaged ties (trend ≠ 'never'); precision over flags on noticeable ties, recall over noticeable cooling ties",
    noticeable: { ...ratios(notice), ties: noticed },
    all: ratios(all),
    flagsElsewhere: elsewhere,
    missed,
  };
}

if (process.argv[1]?.endsWith('cooling.ts')) {
  const r = coolingAcrossSeeds();
  console.log(JSON.stringify({ ...r, missed: r.missed.length }, null, 2));
  for (const m of r.missed)
    console.log(
      `missed ${m.seed} ${m.owner} → ${m.counterpart}: ${m.monthly.map((x) => x.toFixed(2)).join(' ')}`,
    );
}
