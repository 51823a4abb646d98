import { scaleLinear } from 'd3-scale';
import { arc, pie } from 'd3-shape';
import type { Band } from '../../lib/mapApi';
import { isStakeholder } from '../../lib/stakeholder';

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
  /** Depth of the band at the rim kept free of people for the clusters' bubbles (0: none). */
  rim: number;
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
export function layoutMap<P extends Placeable>(
  people: P[],
  size = 720,
  opts: {
    /** Everyone per function, drawn or not: sectors are sized and labelled by the real counts. */
    totals?: ReadonlyMap<string, number>;
    /** Keep this much of the rim free of people (for cluster bubbles). */
    rim?: number;
    /**
     * The strength drawn at the edge (default 0). With the weaker ties grouped at the rim, the drawn
     * people's own range fills the picture instead of crowding near the centre.
     */
    floor?: number;
  } = {},
): MapLayout<P> {
  const outer = size / 2 - 56;
  const inner = 44;
  const rim = opts.rim ?? 0;
  const edge = outer - rim; // where the weakest drawn ties sit
  const floor = Math.max(0, opts.floor ?? 0);
  const max = Math.max(floor + 1, ...people.map((p) => p.strength));
  const radius = scaleLinear()
    .domain([max, floor])
    .range([inner + 16, edge])
    .clamp(true);
  const groups = new Map<string, P[]>();
  for (const name of opts.totals?.keys() ?? []) groups.set(name, []);
  for (const p of people) {
    const g = groups.get(p.function);
    if (g) g.push(p);
    else groups.set(p.function, [p]);
  }
  const countOf = (name: string, g: P[]) => Math.max(g.length, opts.totals?.get(name) ?? 0);
  const entries = [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const everyone = entries.reduce((n, [name, g]) => n + countOf(name, g), 0);
  const least = everyone / Math.max(1, entries.length) / 4;
  const arcs = pie<[string, P[]]>()
    .sort(null)
    .value(([name, g]) => Math.max(countOf(name, g), least))
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
      count: countOf(name, group),
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
      const r = r0 > edge - 18 ? Math.min(r0, edge - (i % 3) * 9) : r0;
      placed.push({ person: p, x: round(r * Math.sin(angle)), y: round(-r * Math.cos(angle)) });
    });
  }
  const rings = [0.75, 0.5, 0.25].map((f) => {
    const at = floor + (max - floor) * f;
    // A narrow range (the strongest 300 of thousands) needs a decimal to tell its rings apart.
    return { strength: max - floor < 10 ? round(at) : Math.round(at), r: radius(at) };
  });
  return { size, inner, outer, rim, sectors, placed, rings };
}

/** What choosing who is drawn needs of a person. */
export interface Selectable extends Placeable {
  health: { band: Band };
  stakeholder: { status: string } | null;
}
export type BandCounts = Record<Band, number>;
/** Everyone of one function who is not drawn individually. */
export interface Cluster<P> {
  function: string;
  count: number;
  bands: BandCounts;
  /** Strongest tie first. */
  people: P[];
}
export interface MapSelection<P> {
  individual: P[];
  clusters: Array<Cluster<P>>;
  /** Everyone per function, drawn or clustered. */
  totals: Map<string, number>;
  /** The strongest grouped tie (0 when no one is grouped): drawn people not chosen by the user are at least this strong. */
  threshold: number;
}

/**
 * Whose first names the map writes beside their dots (`n` at most, so labels stay legible): the
 * user's accepted stakeholders first — it is their map — then the strongest ties. Stable for the
 * same people (ties broken by address).
 */
export function labelledOnMap(people: readonly Selectable[], n: number): Set<string> {
  const accepted = (p: Selectable) => Number(isStakeholder(p));
  return new Set(
    [...people]
      .sort(
        (a, b) =>
          accepted(b) - accepted(a) ||
          b.strength - a.strength ||
          (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
      )
      .slice(0, Math.max(0, n))
      .map((p) => p.address),
  );
}

/** How many people the map draws one by one: beyond this, dots stop being legible. */
export const MAP_DRAWN = 300;

const BANDS: readonly Band[] = ['good', 'fair', 'poor', 'none'];

/**
 * Who is drawn and who is grouped: the accepted stakeholders first (the user chose them), then the
 * strongest ties, up to `cap`; everyone else goes into one cluster per function. The order does
 * not depend on the input's (ties broken by address), so the same map always draws the same dots.
 */
export function selectForMap<P extends Selectable>(people: readonly P[], cap = MAP_DRAWN): MapSelection<P> {
  const accepted = (p: P) => Number(isStakeholder(p));
  const ranked = [...people].sort(
    (a, b) =>
      accepted(b) - accepted(a) ||
      b.strength - a.strength ||
      (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
  );
  const individual = ranked.slice(0, Math.max(0, cap));
  const byFunction = new Map<string, Cluster<P>>();
  for (const p of ranked.slice(individual.length)) {
    let c = byFunction.get(p.function);
    if (!c) {
      c = { function: p.function, count: 0, bands: { good: 0, fair: 0, poor: 0, none: 0 }, people: [] };
      byFunction.set(p.function, c);
    }
    c.count++;
    c.bands[p.health.band]++;
    c.people.push(p);
  }
  for (const c of byFunction.values())
    c.people.sort((a, b) => b.strength - a.strength || (a.address < b.address ? -1 : 1));
  const totals = new Map<string, number>();
  for (const p of people) totals.set(p.function, (totals.get(p.function) ?? 0) + 1);
  return {
    individual,
    clusters: [...byFunction.values()].sort((a, b) => a.function.localeCompare(b.function)),
    totals,
    threshold: Math.max(0, ...[...byFunction.values()].map((c) => c.people[0]?.strength ?? 0)),
  };
}

export interface PlacedCluster<P> {
  cluster: Cluster<P>;
  x: number;
  y: number;
  r: number;
  /** The ring's arcs, one per health band present, in BANDS order: the function's health mix. */
  segments: Array<{ band: Band; path: string }>;
}

/** The smallest and largest bubble radius; `CLUSTER_RIM` keeps room for the largest at the rim. */
export const BUBBLE = { min: 12, max: 26 } as const;
export const CLUSTER_RIM = BUBBLE.max * 2 + 6;

/**
 * One bubble per cluster at its sector's rim, in the middle of the sector; its area grows with
 * its count (relative to the largest cluster), but it never overflows its sector's width.
 */
export function placeClusters<P>(
  layout: MapLayout<unknown>,
  clusters: ReadonlyArray<Cluster<P>>,
): Array<PlacedCluster<P>> {
  const largest = Math.max(1, ...clusters.map((c) => c.count));
  const at = layout.outer - layout.rim / 2;
  const out: Array<PlacedCluster<P>> = [];
  for (const c of clusters) {
    const sec = layout.sectors.find((s) => s.name === c.function);
    if (!sec) continue;
    const mid = (sec.startAngle + sec.endAngle) / 2;
    const fits = Math.sin(Math.min(Math.PI / 2, (sec.endAngle - sec.startAngle) / 2)) * at - 2;
    const wanted = BUBBLE.min + (BUBBLE.max - BUBBLE.min) * Math.sqrt(c.count / largest);
    const r = round(Math.max(BUBBLE.min - 2, Math.min(wanted, fits, BUBBLE.max)));
    const bands = BANDS.filter((b) => c.bands[b] > 0);
    const ring = arc<{ startAngle: number; endAngle: number }>()
      .innerRadius(Math.max(0, r - 4))
      .outerRadius(r);
    const segments = pie<Band>()
      .sort(null)
      .value((b) => c.bands[b])(bands)
      .map((a) => ({ band: a.data, path: ring(a) ?? '' }));
    out.push({ cluster: c, x: round(at * Math.sin(mid)), y: round(-at * Math.cos(mid)), r, segments });
  }
  return out;
}
