import { scaleLinear } from 'd3-scale';
import { arc, pie } from 'd3-shape';

/** What the layout needs of a person. */
export interface Placeable {
  address: string;
  function: string;
  strength: number;
}
export interface Sector {
  name: string;
  count: number;
  path: string;
  startAngle: number;
  endAngle: number;
  label: { x: number; y: number; anchor: 'start' | 'middle' | 'end' };
}
export interface Placed<P> {
  person: P;
  x: number;
  y: number;
}
export interface MapLayout<P> {
  size: number;
  inner: number;
  outer: number;
  sectors: Sector[];
  placed: Array<Placed<P>>;
  rings: Array<{ r: number; strength: number }>;
}

const GOLDEN = 0.6180339887;
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The radial map: you at the centre, one sector per function (its angle growing with its people,
 * with a floor so a function of one stays visible), each person at a radius set by tie strength —
 * stronger is closer. Within a sector people are spread by the golden ratio in strength order, so
 * neighbours in strength (at similar radii) land apart.
 */
export function layoutMap<P extends Placeable>(people: P[], size = 720): MapLayout<P> {
  const outer = size / 2 - 56;
  const inner = 44;
  const max = Math.max(1, ...people.map((p) => p.strength));
  const radius = scaleLinear()
    .domain([max, 0])
    .range([inner + 16, outer])
    .clamp(true);
  const groups = new Map<string, P[]>();
  for (const p of people) {
    const g = groups.get(p.function);
    if (g) g.push(p);
    else groups.set(p.function, [p]);
  }
  const entries = [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const floor = people.length / Math.max(1, entries.length) / 4;
  const arcs = pie<[string, P[]]>()
    .sort(null)
    .value(([, g]) => Math.max(g.length, floor))
    .padAngle(entries.length > 1 ? 0.012 : 0)(entries);
  const sectorArc = arc<{ startAngle: number; endAngle: number; padAngle: number }>()
    .innerRadius(inner)
    .outerRadius(outer + 8)
    .cornerRadius(4);
  const sectors: Sector[] = [];
  const placed: Array<Placed<P>> = [];
  for (const a of arcs) {
    const [name, group] = a.data;
    const mid = (a.startAngle + a.endAngle) / 2;
    const lx = Math.sin(mid);
    sectors.push({
      name,
      count: group.length,
      path: sectorArc(a) ?? '',
      startAngle: a.startAngle,
      endAngle: a.endAngle,
      label: {
        x: round((outer + 22) * lx),
        y: round(-(outer + 22) * Math.cos(mid)),
        anchor: Math.abs(lx) < 0.2 ? 'middle' : lx > 0 ? 'start' : 'end',
      },
    });
    const span = a.endAngle - a.startAngle - a.padAngle;
    const margin = Math.min(0.04, span / 6);
    const sorted = [...group].sort((x, y) => y.strength - x.strength);
    sorted.forEach((p, i) => {
      const frac = group.length === 1 ? 0.5 : (i * GOLDEN + 0.5) % 1;
      const angle = a.startAngle + a.padAngle / 2 + margin + frac * (span - 2 * margin);
      // The weakest ties pile up on the rim: stagger them over three rows.
      const r0 = radius(p.strength);
      const r = r0 > outer - 18 ? Math.min(r0, outer - (i % 3) * 9) : r0;
      placed.push({ person: p, x: round(r * Math.sin(angle)), y: round(-r * Math.cos(angle)) });
    });
  }
  const rings = [0.75, 0.5, 0.25].map((f) => ({ strength: Math.round(max * f), r: radius(max * f) }));
  return { size, inner, outer, sectors, placed, rings };
}
