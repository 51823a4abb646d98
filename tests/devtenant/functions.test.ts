import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../server/devtenant/model';
import { FUNCTIONS as CLASSIFIED } from '../../server/insights/functions';

/**
 * The generator keeps its own list of functions (it shares no code with the insights it judges),
 * but its truth labels are scored against the classifier's names, so the two lists must agree.
 */
describe("the generator's functions", () => {
  it("are the classifier's, in its order, without the catch-all", () => {
    expect([...FUNCTIONS]).toEqual(CLASSIFIED.filter((f) => f !== 'Other'));
  });
});
