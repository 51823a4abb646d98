import { describe, expect, it } from 'vitest';
import {
  BUBBLE,
  CLUSTER_RIM,
  labelledOnMap,
  layoutMap,
  MAP_DRAWN,
  placeClusters,
  selectForMap,
} from '../../src/features/map/layout';

const FUNCTIONS = ['Sales', 'Engineering', 'Finance', 'HR', 'Legal'];
const BANDS = ['good', 'fair', 'poor', 'none'] as const;

/** A big map: Sales heavy, one function (Legal) with only weak ties, a few accepted stakeholders. */
function people(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const fn = i % 50 === 7 ? 'Legal' : i % 2 === 0 ? 'Sales' : FUNCTIONS[1 + (i % 3)]!;
    return {
      address: `p${String(i).padStart(4, '0')}@x.test`,
      function: fn,
      // Legal's people are all weak ties; everyone else spread over 0..100.
      strength: fn === 'Legal' ? 0.5 : (i * 37) % 101,
      health: { band: BANDS[i % 4]! },
      stakeholder: i % 500 === 499 ? { status: 'accepted' } : null,
    };
  });
}

describe('map selection at scale', () => {
  const all = people(3000);
  const sel = selectForMap(all);

  it('draws at most 300 people and groups everyone else per function, losing no one', () => {
    expect(MAP_DRAWN).toBe(300);
    expect(sel.individual).toHaveLength(300);
    const clustered = sel.clusters.reduce((n, c) => n + c.count, 0);
    expect(sel.individual.length + clustered).toBe(all.length);
    // Each person exactly once: drawn or in their own function's cluster.
    const seen = new Set([...sel.individual, ...sel.clusters.flatMap((c) => c.people)].map((p) => p.address));
    expect(seen.size).toBe(all.length);
    for (const c of sel.clusters) {
      expect(c.people).toHaveLength(c.count);
      expect(c.people.every((p) => p.function === c.function)).toBe(true);
      expect(c.bands.good + c.bands.fair + c.bands.poor + c.bands.none).toBe(c.count);
    }
    // Per-function totals are everyone, drawn or not.
    for (const fn of new Set(all.map((p) => p.function)))
      expect(sel.totals.get(fn)).toBe(all.filter((p) => p.function === fn).length);
  });

  it('draws accepted stakeholders first, then the strongest ties', () => {
    const accepted = all.filter((p) => p.stakeholder?.status === 'accepted');
    expect(accepted.length).toBeGreaterThan(0);
    const drawn = new Set(sel.individual.map((p) => p.address));
    for (const p of accepted) expect(drawn.has(p.address)).toBe(true);
    const weakestDrawn = Math.min(...sel.individual.filter((p) => !p.stakeholder).map((p) => p.strength));
    for (const c of sel.clusters)
      for (const p of c.people) if (!p.stakeholder) expect(p.strength).toBeLessThanOrEqual(weakestDrawn);
  });

  it('spreads the drawn people over the picture: the strongest grouped tie is its edge', () => {
    const grouped = sel.clusters.flatMap((c) => c.people);
    expect(sel.threshold).toBe(Math.max(...grouped.map((p) => p.strength)));
    for (const p of sel.individual)
      if (!p.stakeholder) expect(p.strength).toBeGreaterThanOrEqual(sel.threshold);
    const layout = layoutMap(sel.individual, 760, {
      totals: sel.totals,
      rim: CLUSTER_RIM,
      floor: sel.threshold,
    });
    const edge = layout.outer - CLUSTER_RIM;
    const far = Math.max(...layout.placed.map((p) => Math.hypot(p.x, p.y)));
    expect(far).toBeGreaterThan(edge - 20); // the weakest drawn reach the rim band, not crowd the centre
    expect(far).toBeLessThanOrEqual(edge + 0.1);
    expect(new Set(layout.rings.map((r) => r.strength)).size).toBe(3);
  });

  it('counts per sector match a direct count', () => {
    const drawn = new Set(sel.individual.map((p) => p.address));
    const expected = new Map<string, number>();
    for (const p of all)
      if (!drawn.has(p.address)) expected.set(p.function, (expected.get(p.function) ?? 0) + 1);
    expect(new Map(sel.clusters.map((c) => [c.function, c.count]))).toEqual(expected);
    expect(sel.clusters.map((c) => c.function)).toEqual([...expected.keys()].sort());
    // Legal's weak ties are all grouped: a function with no dot still gets a sector and a bubble.
    expect(sel.individual.some((p) => p.function === 'Legal')).toBe(false);
    expect(sel.clusters.find((c) => c.function === 'Legal')?.count).toBe(expected.get('Legal'));
  });

  it('is deterministic: the same map whatever the input order', () => {
    // Reversed, then rotated: a different order, the same people.
    const shuffled = [...all].reverse();
    shuffled.push(...shuffled.splice(0, 1234));
    const again = selectForMap(shuffled);
    const key = (s: typeof sel) => ({
      individual: s.individual.map((p) => p.address),
      clusters: s.clusters.map((c) => [c.function, c.count, c.bands, c.people.map((p) => p.address)]),
    });
    expect(key(again)).toEqual(key(sel));
  });

  it('needs no cluster when everyone fits', () => {
    const few = people(120);
    const s = selectForMap(few);
    expect(s.individual).toHaveLength(120);
    expect(s.clusters).toEqual([]);
    expect(selectForMap(few, 0).individual).toEqual([]);
  });

  it('places one bubble per cluster in its own sector at the rim, sized by count', () => {
    const layout = layoutMap(sel.individual, 760, {
      totals: sel.totals,
      rim: CLUSTER_RIM,
      floor: sel.threshold,
    });
    // Sectors are sized and labelled by everyone, drawn or not.
    for (const sec of layout.sectors) expect(sec.count).toBe(sel.totals.get(sec.name));
    expect(layout.sectors.map((x) => x.name)).toContain('Legal');
    // Drawn people keep clear of the rim band.
    for (const p of layout.placed)
      expect(Math.hypot(p.x, p.y)).toBeLessThanOrEqual(layout.outer - CLUSTER_RIM + 0.1);
    const bubbles = placeClusters(layout, sel.clusters);
    expect(bubbles.map((b) => b.cluster.function)).toEqual(sel.clusters.map((c) => c.function));
    for (const b of bubbles) {
      const sec = layout.sectors.find((x) => x.name === b.cluster.function)!;
      let angle = Math.atan2(b.x, -b.y);
      if (angle < 0) angle += 2 * Math.PI;
      expect(angle).toBeGreaterThanOrEqual(sec.startAngle);
      expect(angle).toBeLessThanOrEqual(sec.endAngle);
      expect(Math.hypot(b.x, b.y) + b.r).toBeLessThanOrEqual(layout.outer + 0.1);
      expect(b.r).toBeLessThanOrEqual(BUBBLE.max);
      expect(b.segments.length).toBe(Object.values(b.cluster.bands).filter((n) => n > 0).length);
    }
    const biggest = bubbles.reduce((a, b) => (b.cluster.count > a.cluster.count ? b : a));
    const smallest = bubbles.reduce((a, b) => (b.cluster.count < a.cluster.count ? b : a));
    expect(biggest.r).toBeGreaterThan(smallest.r);
  });

  it('leaves a map of few people as it was', () => {
    const few = people(120);
    const plain = layoutMap(few, 760);
    const withTotals = layoutMap(few, 760, { totals: selectForMap(few).totals, rim: 0 });
    expect(withTotals).toEqual(plain);
  });
});

describe('names on the map', () => {
  const few = people(40); // p0499-style stakeholders do not occur below 500: add two by hand
  const weakest = [...few].sort((a, b) => a.strength - b.strength);
  const chosen = weakest.slice(0, 2).map((p) => ({ ...p, stakeholder: { status: 'accepted' } }));
  const mixed = few.map((p) => chosen.find((c) => c.address === p.address) ?? p);

  it('names the user’s stakeholders first, however weak, then the strongest ties', () => {
    const names = labelledOnMap(mixed, 8);
    expect(names.size).toBe(8);
    for (const c of chosen) expect(names.has(c.address)).toBe(true);
    const strongest = [...few]
      .filter((p) => !chosen.some((c) => c.address === p.address))
      .sort((a, b) => b.strength - a.strength || (a.address < b.address ? -1 : 1))
      .slice(0, 6)
      .map((p) => p.address);
    expect([...names].filter((a) => !chosen.some((c) => c.address === a))).toEqual(strongest);
  });

  it('names only stakeholders when there are more of them than names', () => {
    const all = few.map((p) => ({ ...p, stakeholder: { status: 'accepted' } }));
    const names = labelledOnMap(
      [...all, ...people(5).map((p) => ({ ...p, address: `x${p.address}`, strength: 1000 }))],
      8,
    );
    expect([...names].every((a) => !a.startsWith('x'))).toBe(true);
  });
});
