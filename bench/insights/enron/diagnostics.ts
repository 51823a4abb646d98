/**
 * Diagnostics of the Enron figures, not models (printed by `node --import tsx bench/insights/quality.ts`):
 * leave-one-mailbox-out over a grid of principled configurations, a learned ranker over count
 * features, and a hindsight bound over count rankings. All run on the product's own stored
 * interactions (bench/insights/enron/product.ts), scored with `scoreCounterparts` as the map does,
 * and counted like the headline (distinct truth people among the top 10 rows).
 */
import type { Interaction } from '../../../server/domain/interaction';
import {
  DEFAULT_CONFIG,
  modelConfig,
  scoreCounterparts,
  type ModelConfig,
} from '../../../server/insights/model';
import { demoSpearman } from '../generated';
import { mean, round } from '../stats';
import { DAY, ENRON_MAILBOXES, MAX_RECIPIENTS } from './data';
import { type EnronProduct, hitsAt10, rankBy } from './product';

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
export function enronLoo(product: EnronProduct | null, minSpearman = 0.85): LooResult {
  const candidates = looCandidates();
  const empty = { admissible: 0, candidates: candidates.length, minSpearman, folds: [] };
  if (!product) return { enronPrecisionAt10Loo: null, unconstrainedLoo: null, bestInSample: null, ...empty };
  const pairs = product.pairs.filter((p) => p.scored);
  const p10Of = (p: (typeof pairs)[number], config: ModelConfig) =>
    hitsAt10(
      scoreCounterparts(p.before, p.asOf, config).map((s) => s.counterpart),
      p.truth,
      product.people,
    ) / 10;
  const table = candidates.map((c) => ({
    ...c,
    rho: demoSpearman(c.config),
    p10: pairs.map((p) => p10Of(p, c.config)),
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
export function enronLearnedRanker(
  product: EnronProduct | null,
  l2 = 0.1,
): { loo: number; inSample: number } | null {
  if (!product) return null;
  const { people } = product;
  const pairs = product.pairs.filter((p) => p.scored);
  interface Ex {
    pair: number;
    key: string;
    x: number[];
    y: number;
  }
  const exs: Ex[] = [];
  pairs.forEach((p, pair) => {
    const t0 = p.asOf.getTime();
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
      exs.push({ pair, key: k, x: f, y: p.truth.has(people.personOf(k)) ? 1 : 0 });
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
    hitsAt10(
      exs
        .filter((e) => e.pair === pair)
        .map((e) => ({ s: dot(w, e.x), key: e.key }))
        .sort((a, b) => b.s - a.s)
        .map((e) => e.key),
      pairs[pair]!.truth,
      people,
    ) / 10;
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
export function enronHindsightBound(product: EnronProduct | null): {
  singleFeatures: { rankings: number; bound: number };
  twoFeatureBlends: { rankings: number; bound: number };
  ceiling: number;
} | null {
  if (!product) return null;
  const { people } = product;
  const pairs = product.pairs.filter((p) => p.scored);
  const featureTables = pairs.map((p) => {
    const t0 = p.asOf.getTime();
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
    hitsAt10(
      rankBy(new Map([...featureTables[k]!].map(([c, f]) => [c, score(f)]))),
      pairs[k]!.truth,
      people,
    ) / 10;
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
      mean(
        pairs.map((p) => {
          const seen = new Set(p.before.map((i) => people.personOf(i.counterpart)));
          return Math.min(10, [...p.truth].filter((c) => seen.has(c)).length) / 10;
        }),
      ),
    ),
  };
}
