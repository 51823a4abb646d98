/**
 * The Enron figures of `npm run bench -- insights`, all from one run of the product's path
 * (bench/insights/enron/product.ts): precision@10 of the shipped map beside the raw-count and
 * 30-day-decay baselines on the same stored interactions, their difference, and the duplicate
 * people and machine senders in the 30 mailbox/cutoff top 10s.
 */
import { mean, round } from '../stats';
import { ENRON_DIR, MIN_TRUTH } from './data';
import { type EnronCase, type EnronProduct, enronThroughProduct } from './product';

export interface EnronQuality {
  enronPrecisionAt10: number | null;
  baselines: { rawCount: number | null; decayed30: number | null };
  /** Product − 30-day decay, over the scored pairs. */
  enronVsDecay: number | null;
  /** Rows of the 30 top 10s that repeat a person people.jsonl already shows higher up. */
  enronDuplicatePeopleTop10: number | null;
  /** Rows of the 30 top 10s that are machines by the bench's definition (enron/machines.ts). */
  enronMachineSendersTop10: number | null;
  /** Reported, not counted: pairs in a top 10 that look like one person by name. */
  sameNamePairsTop10: number | null;
  ceiling: number | null;
  alternative: {
    definition: string;
    model: number | null;
    rawCount: number | null;
    decayed30: number | null;
  };
  maps: number;
  note: string;
  cliCheck: EnronProduct['cliCheck'];
  seconds: number | null;
  perMailbox: EnronCase[];
  skipped: Array<{ mailbox: string; cutoff: string; reason: string }>;
}

const empty = (note: string): EnronQuality => ({
  enronPrecisionAt10: null,
  baselines: { rawCount: null, decayed30: null },
  enronVsDecay: null,
  enronDuplicatePeopleTop10: null,
  enronMachineSendersTop10: null,
  sameNamePairsTop10: null,
  ceiling: null,
  alternative: { definition: '', model: null, rawCount: null, decayed30: null },
  maps: 0,
  note,
  cliCheck: null,
  seconds: null,
  perMailbox: [],
  skipped: [],
});

/** Summarises a product run (or runs one). */
export async function enronQuality(
  dir = ENRON_DIR,
  opts: { product?: EnronProduct | null; checkCli?: boolean } = {},
): Promise<EnronQuality> {
  const product = opts.product !== undefined ? opts.product : await enronThroughProduct(dir, opts);
  if (!product) return empty(`Enron dataset not found at ${dir}: nothing measured`);
  const { cases } = product;
  const scored = cases.filter((c) => c.scored);
  const m = (f: (c: EnronCase) => number, xs = scored) => mean(xs.map(f));
  const withTruth = cases.filter((c) => c.truth > 0);
  const pMin = (f: (c: EnronCase) => number) =>
    round(mean(withTruth.map((c) => (f(c) * 10) / Math.min(10, c.truth))));
  return {
    enronPrecisionAt10: round(m((c) => c.model)),
    baselines: { rawCount: round(m((c) => c.rawCount)), decayed30: round(m((c) => c.decayed30)) },
    enronVsDecay: round(m((c) => c.model) - m((c) => c.decayed30)),
    enronDuplicatePeopleTop10: cases.reduce((s, c) => s + c.duplicates.length, 0),
    enronMachineSendersTop10: cases.reduce((s, c) => s + c.machines.length, 0),
    sameNamePairsTop10: cases.reduce((s, c) => s + c.sameName.length, 0),
    ceiling: round(m((c) => c.ceiling)),
    alternative: {
      definition: '|top 10 ∩ truth| / min(10, |truth|), over every pair with a non-empty truth',
      model: pMin((c) => c.model),
      rawCount: pMin((c) => c.rawCount),
      decayed30: pMin((c) => c.decayed30),
    },
    maps: cases.length,
    note:
      `precision@10 = distinct truth people among the map's top 10 rows / 10, averaged over the ${scored.length} ` +
      `mailbox/cutoff pairs whose truth has ≥ ${MIN_TRUTH} people; the map is the product's (import, sync, map as of ` +
      'the cutoff, as `npm run cli -- map` does); truth = internal people (owner and machines excluded) the owner ' +
      'wrote to and heard from, each by a message with ≤ 8 recipients, in the 90 days after the cutoff',
    cliCheck: product.cliCheck,
    seconds: product.syncSeconds,
    perMailbox: cases,
    skipped: cases
      .filter((c) => !c.scored)
      .map((c) => ({
        mailbox: c.mailbox,
        cutoff: c.cutoff,
        reason: c.truth
          ? `truth has ${c.truth} (< ${MIN_TRUTH}) people`
          : 'no reciprocal correspondent in the next 90 days',
      })),
  };
}
