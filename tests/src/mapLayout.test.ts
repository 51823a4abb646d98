import { describe, expect, it } from 'vitest';
import { layoutMap } from '../../src/features/map/layout';

const person = (i: number, fn: string, strength: number) => ({
  address: `p${i}@x.test`,
  function: fn,
  strength,
});

describe('map layout', () => {
  it('puts stronger ties closer to the centre and everyone inside the picture', () => {
    const people = Array.from({ length: 300 }, (_, i) =>
      person(i, ['Sales', 'IT', 'HR'][i % 3]!, (i * 7) % 100),
    );
    const l = layoutMap(people, 720);
    expect(l.placed).toHaveLength(300);
    expect(l.sectors.map((s) => s.name)).toEqual(['HR', 'IT', 'Sales']);
    const dist = (a: string) => {
      const p = l.placed.find((x) => x.person.address === a)!;
      return Math.hypot(p.x, p.y);
    };
    const strongest = people.reduce((a, b) => (b.strength > a.strength ? b : a));
    const weakest = people.reduce((a, b) => (b.strength < a.strength ? b : a));
    expect(dist(strongest.address)).toBeLessThan(dist(weakest.address));
    for (const p of l.placed) expect(Math.hypot(p.x, p.y)).toBeLessThanOrEqual(l.outer + 0.1);
  });

  it('gives a function of one person a visible sector', () => {
    const people = [...Array.from({ length: 99 }, (_, i) => person(i, 'Sales', 10)), person(99, 'Legal', 5)];
    const legal = layoutMap(people).sectors.find((s) => s.name === 'Legal')!;
    expect(legal.endAngle - legal.startAngle).toBeGreaterThan(0.05);
  });
});
