/**
 * Quality of the insights model, printed as JSON: `node --import tsx bench/insights/quality.ts`
 * (with the dev tenant's certificate trusted: NODE_EXTRA_CA_CERTS=data/certs/trust-bundle.pem).
 * `npm run bench -- insights` runs the same measures and writes bench/results/insights.json.
 *
 * 1. Generated truth (bench/insights/generated.ts): the demo user's Spearman, cooling and
 *    classification against the dev tenant's latent ties.
 * 2. Cooling pooled over 30 owners in 6 generated organisations, on noticeable ties
 *    (bench/insights/cooling.ts).
 * 3. Enron through the product's own path — import, sync, map as of each cutoff, as the CLI does
 *    (bench/insights/enron/product.ts) — beside the raw-count and 30-day-decay baselines, with
 *    duplicates and machine senders counted in every top 10, and the CLI checked to rank the same.
 * 4. Diagnostics on the same stored interactions (bench/insights/enron/diagnostics.ts).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { COOLING_SEEDS, coolingAcrossSeeds } from './cooling';
import { enronHindsightBound, enronLearnedRanker, enronLoo } from './enron/diagnostics';
import { enronThroughProduct } from './enron/product';
import { enronQuality } from './enron/quality';
import { generatedTruthQuality } from './generated';
import { round } from './stats';

export { coolingAcrossSeeds, COOLING_SEEDS } from './cooling';
export { enronQuality } from './enron/quality';
export { generatedTruthQuality } from './generated';

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = Date.now();
  const generated = await generatedTruthQuality();
  const cooling = coolingAcrossSeeds();
  const product = await enronThroughProduct(undefined, { checkCli: process.env.BENCH_CLI_CHECK !== '0' });
  const enron = await enronQuality(undefined, { product });
  const loo = enronLoo(product);
  console.log(
    JSON.stringify(
      {
        spearmanTop50: generated.spearmanTop50,
        coolingPrecision: generated.coolingPrecision,
        coolingRecall: generated.coolingRecall,
        coolingPooledPrecision: cooling.noticeable.precision,
        coolingPooledRecall: cooling.noticeable.recall,
        internalClassificationErrors: generated.internalClassificationErrors,
        enronPrecisionAt10: enron.enronPrecisionAt10,
        enronBaselines: enron.baselines,
        enronVsDecay: enron.enronVsDecay,
        enronDuplicatePeopleTop10: enron.enronDuplicatePeopleTop10,
        enronMachineSendersTop10: enron.enronMachineSendersTop10,
        enronPrecisionAt10Loo: loo.enronPrecisionAt10Loo,
        seconds: round((Date.now() - started) / 1000, 1),
        coolingAcrossSeeds: { ...cooling, seeds: COOLING_SEEDS },
        enronLoo: { ...loo, learnedRanker: enronLearnedRanker(product) },
        enronHindsightBound: enronHindsightBound(product),
        generated: generated.details,
        enron,
      },
      null,
      2,
    ),
  );
}
