import type { FunctionSummary } from '../../lib/mapApi';

/**
 * The functions to show under "Proposed stakeholders": those with someone to propose, and coverage
 * gaps even when nobody is left to propose. Gaps come first, the widest first; the rest keep the
 * map's order.
 */
export function proposalOrder(functions: readonly FunctionSummary[]): FunctionSummary[] {
  const gap = (f: FunctionSummary) => (f.covered ? 0 : f.target - f.good);
  return functions
    .filter((f) => f.candidates.length > 0 || (!f.covered && f.people > 0))
    .map((f, i) => ({ f, i }))
    .sort((a, b) => gap(b.f) - gap(a.f) || a.i - b.i)
    .map(({ f }) => f);
}

/** How many people are proposed as stakeholders across the functions. */
export const proposalCount = (functions: readonly FunctionSummary[]) =>
  functions.reduce((n, f) => n + f.candidates.length, 0);
