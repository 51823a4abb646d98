/**
 * The insights model: pure functions from interactions to scores (no I/O).
 *
 * - `scoreCounterparts(interactions, asOf, config?)` → one `CounterpartScore` per counterpart,
 *   strongest first: `strength` 0..100, `evidence` counts (90 days) and dates, `explanation`.
 *   Interactions after `asOf` are ignored.
 * - `healthOf(score | null, cadenceDays | null, asOf, series?, config?)` → `Health`: 0..100 with a
 *   band (poor < 40 ≤ fair < 60 ≤ good), or null / 'none' when there is no evidence; due date =
 *   last meaningful interaction + cadence (null cadence: the tier default, `cadenceFor`).
 * - `monthlySeries(interactions, asOf, months = 12, config?)` → strength per month end, per
 *   counterpart; `trendOf(series)` → 'up' | 'flat' | 'down'; `isCooling(series)`.
 * - `scoresWithSeries(interactions, asOf, months, config?)` → both at once (what the map uses).
 * - `modelConfig(overrides)` / `DEFAULT_CONFIG`: every weight (see config.ts and
 *   docs/insights-model.md).
 */
export { DEFAULT_CONFIG, modelConfig, modelConfigSchema, type ModelConfig } from './config';
export { explain } from './explain';
export {
  interactionWeight,
  isMeaningful,
  scoreCounterparts,
  scoreOne,
  type CounterpartScore,
  type Evidence,
} from './strength';
export {
  bandOf,
  cadenceFor,
  healthOf,
  isCooling,
  monthEnds,
  monthlySeries,
  scoresWithSeries,
  trendOf,
  type Band,
  type Health,
  type MonthPoint,
  type Trend,
} from './health';
