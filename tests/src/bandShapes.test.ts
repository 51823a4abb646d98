import { describe, expect, it } from 'vitest';
import { bandPath } from '../../src/features/map/bandStyle';

describe('health marks on the map', () => {
  it('give good, fair and poor different shapes, so health reads without colour', () => {
    const paths = (['good', 'fair', 'poor'] as const).map((b) => bandPath(b, 5));
    expect(new Set(paths).size).toBe(3);
    // "No evidence" is a circle like "good", told apart by being hollow (its style), not its shape.
    expect(bandPath('none', 5)).toBe(bandPath('good', 5));
  });

  it('scale with the dot and stay centred on it', () => {
    const extent = (d: string) => {
      const xs = [...d.matchAll(/-?\d+(\.\d+)?/g)].map((m) => Math.abs(Number(m[0])));
      return Math.max(...xs);
    };
    for (const b of ['fair', 'poor'] as const) {
      expect(extent(bandPath(b, 10))).toBeGreaterThan(extent(bandPath(b, 5)) * 1.8);
      expect(extent(bandPath(b, 5))).toBeLessThan(9);
    }
  });
});
