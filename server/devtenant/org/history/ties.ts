import type { FunctionName } from '../../model';
import type { Rng } from '../random';
import type { Roster } from './roster';
import type { Timeline } from './timeline';
import type { Tie } from './types';

/**
 * The latent truth: every tie between two people has a monthly strength (0..1) and a trend —
 * stable, growing, cooling, or never engaged — with noise. Managers, peers, and the cross-functional
 * stakeholders a role depends on.
 */

export interface TieSet {
  ties: Tie[];
  /** The tie between two people, either order. */
  between(a: number, b: number): Tie | undefined;
}

export function sampleTies(rng: Rng, roster: Roster, months: number): TieSet {
  const { active, managerOf, reportsOf, byFunction } = roster;
  const ties: Tie[] = [];
  const tieKey = new Map<string, Tie>();
  const addTie = (
    a: number,
    b: number,
    base: number,
    trendWeights: [number, number, number, number],
    confounders: string[] = [],
  ) => {
    if (a === b) return;
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (tieKey.has(key)) return;
    const trend = (['stable', 'growing', 'cooling', 'never'] as const)[rng.weighted(trendWeights)]!;
    const turn = rng.int(Math.floor(months * 0.4), months - 3); // when a trend starts to show
    const monthly = Array.from({ length: months }, (_, m) => {
      const noise = 1 + (rng.next() - 0.5) * 0.2;
      let s = base;
      if (trend === 'never') s = 0;
      else if (trend === 'growing')
        s = m < turn ? base * 0.2 : base * (0.2 + (0.8 * (m - turn + 1)) / (months - turn));
      else if (trend === 'cooling')
        s = m < turn ? base : base * Math.max(0.05, 1 - (0.95 * (m - turn + 1)) / (months - turn));
      return Math.round(Math.min(1, Math.max(0, s * noise)) * 1000) / 1000;
    });
    const t: Tie = { a: Math.min(a, b), b: Math.max(a, b), monthly, trend, confounders };
    tieKey.set(key, t);
    ties.push(t);
  };
  for (const { p, i } of active) {
    const mgr = managerOf(i);
    if (mgr !== null) addTie(i, mgr, 0.7 + rng.next() * 0.25, [8, 1, 1, 0]);
    const peers = mgr !== null ? (reportsOf.get(mgr) ?? []).filter((x) => x !== i) : [];
    for (const q of peers) addTie(i, q, 0.15 + rng.next() * 0.4, [6, 2, 2, 0]);
    // Cross-functional stakeholders: sales roles depend on many functions, others on Sales.
    const wanted: Array<[FunctionName, number]> =
      p.fn === 'Sales' || p.fn === 'Executives'
        ? [
            ['Sales Ops', 2],
            ['Demand Gen/BDR', 2],
            ['Marketing', 1],
            ['Legal', 1],
            ['Finance', 1],
            ['Product', 1],
            ['Customer Service', 2],
            ['Engineering', 1],
            ['HR', 1],
            ['Recruiting', p.level <= 3 ? 1 : 0],
            ['Executives', p.level <= 3 ? 2 : 0],
            ['Operations', 1],
            ['IT', 1],
            ['Purchasing', p.level <= 3 ? 1 : 0],
          ]
        : [
            ['Sales', 3],
            [p.fn, 2],
            ['Customer Service', 1],
            ['Finance', 1],
            ['Product', 1],
          ];
    for (const [fn, count] of wanted) {
      const pool = (byFunction.get(fn) ?? []).filter((x) => x !== i);
      for (let k = 0; k < count && pool.length; k++) {
        const q = pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
        addTie(i, q, 0.08 + rng.next() * 0.55, [5, 2, 2, 1.5]);
      }
    }
  }
  return { ties, between: (a, b) => tieKey.get(a < b ? `${a}:${b}` : `${b}:${a}`) };
}

/** A tie's strength in the month an instant falls in. */
export const strengthAt = (t: Tie, time: number, timeline: Timeline) => t.monthly[timeline.monthOf(time)]!;
