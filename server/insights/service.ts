import type { Kysely } from 'kysely';
import { getUserSettings } from '../settings/userSettings';
import type { Schema } from '../store/schema';
import { buildMap, MODEL_VERSION, type MapPerson, type RelationshipMap } from './map';
import type { ModelConfig } from './model';
import type { DirectoryEntry } from './org';
import { listSnapshots, loadDirectory, loadInteractions, loadStakeholders, saveSnapshot } from './repository';

/**
 * The map for a user, computed from the database and kept in memory for a short while: the
 * Outlook pane asks for person cards one after another, and each must be instant. Writes through
 * this service (stakeholders, settings, a finished sync) drop the user's entry; other server
 * instances see changes within the TTL.
 */
export interface PersonCard {
  address: string;
  internal: boolean;
  inDirectory: boolean;
  person: MapPerson | null;
  asOf: string;
}

interface Entry {
  at: number;
  map: RelationshipMap;
  byAddress: Map<string, MapPerson>;
  byId: Map<string, MapPerson>;
  domains: string[];
  directoryAddresses: Set<string>;
}

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1) - 1);
};

export class InsightsService {
  private readonly cache = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly opts: { ttlMs?: number; maxUsers?: number; config?: ModelConfig; now?: () => Date } = {},
  ) {}

  private now() {
    return this.opts.now?.() ?? new Date();
  }

  invalidate(tid: string, oid: string): void {
    this.cache.delete(`${tid}|${oid}`);
  }

  /** The full map (every person) as of `asOf`; cached only for "now". */
  async compute(tid: string, oid: string, asOf?: Date): Promise<RelationshipMap> {
    return (await this.computeWithDirectory(tid, oid, asOf)).map;
  }

  /** The map and the directory it was built from (the cache indexes its addresses: one read, not two). */
  private async computeWithDirectory(
    tid: string,
    oid: string,
    asOf?: Date,
  ): Promise<{ map: RelationshipMap; directory: DirectoryEntry[] }> {
    const [interactions, directory, stakeholders, settings] = await Promise.all([
      loadInteractions(this.db, tid, oid),
      loadDirectory(this.db, tid),
      loadStakeholders(this.db, tid, oid),
      getUserSettings(this.db, tid, oid),
    ]);
    const owner = directory.find((d) => d.id === oid);
    const map = buildMap(
      {
        owner: { id: oid, addresses: owner?.addresses ?? [] },
        directory,
        interactions,
        stakeholders,
        settings,
        asOf: asOf ?? this.now(),
        config: this.opts.config,
      },
      { limit: Number.MAX_SAFE_INTEGER },
    );
    return { map, directory };
  }

  private async entry(tid: string, oid: string): Promise<Entry> {
    const key = `${tid}|${oid}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < (this.opts.ttlMs ?? 60_000)) return hit;
    // Concurrent requests for one user share one computation.
    const running = this.pending.get(key);
    if (running) return running;
    const p = (async () => {
      const [{ map, directory }, domains] = await Promise.all([
        this.computeWithDirectory(tid, oid),
        this.db.selectFrom('tenant_domains').select('domain').where('tid', '=', tid).execute(),
      ]);
      const e: Entry = {
        at: Date.now(),
        map,
        byAddress: new Map(map.people.map((p) => [p.address, p])),
        byId: new Map(map.people.filter((p) => p.id).map((p) => [p.id!, p])),
        domains: domains.map((d) => d.domain),
        directoryAddresses: new Set(directory.flatMap((d) => d.addresses)),
      };
      this.cache.delete(key);
      this.cache.set(key, e);
      while (this.cache.size > (this.opts.maxUsers ?? 500)) {
        const oldest = this.cache.keys().next().value;
        if (oldest === undefined) break;
        this.cache.delete(oldest);
      }
      return e;
    })().finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }

  async map(tid: string, oid: string, o: { asOf?: Date; limit?: number } = {}): Promise<RelationshipMap> {
    const full = o.asOf ? await this.compute(tid, oid, o.asOf) : (await this.entry(tid, oid)).map;
    const limit = o.limit ?? 300;
    const accepted = full.people.filter((p) => p.stakeholder?.status === 'accepted').length;
    return { ...full, people: full.people.slice(0, Math.max(limit, accepted)) };
  }

  async personById(tid: string, oid: string, id: string): Promise<MapPerson | null> {
    return (await this.entry(tid, oid)).byId.get(id) ?? null;
  }

  async card(tid: string, oid: string, address: string): Promise<PersonCard> {
    const e = await this.entry(tid, oid);
    const a = address.toLowerCase();
    const domain = a.slice(a.lastIndexOf('@') + 1);
    const internal = e.domains.some((d) => domain === d || domain.endsWith(`.${d}`));
    return {
      address: a,
      internal,
      inDirectory: e.directoryAddresses.has(a),
      person: internal ? (e.byAddress.get(a) ?? null) : null,
      asOf: e.map.asOf,
    };
  }

  /** Stores the map as of a month's end (or now, for the current month) under the model version. */
  async snapshot(tid: string, oid: string, month: string): Promise<{ month: string; modelVersion: string }> {
    const end = monthEnd(month);
    const asOf = end.getTime() > this.now().getTime() ? this.now() : end;
    const map = await this.compute(tid, oid, asOf);
    await saveSnapshot(this.db, tid, oid, month, MODEL_VERSION, compactSnapshot(map));
    return { month, modelVersion: MODEL_VERSION };
  }

  /**
   * The monthly review: what changed since last month's snapshot (bands up and down, new people),
   * who is due, and the ratings to revisit.
   */
  async review(tid: string, oid: string): Promise<MonthlyReview> {
    const map = (await this.entry(tid, oid)).map;
    const snapshots = await listSnapshots(this.db, tid, oid);
    const thisMonth = this.now().toISOString().slice(0, 7);
    const previous =
      snapshots.find((s) => s.month < thisMonth && s.modelVersion === MODEL_VERSION) ??
      snapshots.find((s) => s.month < thisMonth);
    return monthlyReview(
      map,
      (previous?.payload as CompactSnapshot | undefined) ?? null,
      previous?.month ?? null,
    );
  }
}

export interface CompactSnapshot {
  asOf: string;
  people: Array<{
    address: string;
    displayName: string;
    function: string;
    strength: number;
    health: number | null;
    band: string;
    trend: string | null;
    selfRating: number | null;
    stakeholder: boolean;
  }>;
  functions: Array<{ name: string; good: number; target: number }>;
  internalShare: { meetingShare: number | null; mailShare: number | null } | null;
}

export function compactSnapshot(map: RelationshipMap): CompactSnapshot {
  return {
    asOf: map.asOf,
    people: map.people
      .filter((p) => p.stakeholder?.status === 'accepted' || p.strength >= 5)
      .map((p) => ({
        address: p.address,
        displayName: p.displayName,
        function: p.function,
        strength: p.strength,
        health: p.health.score,
        band: p.health.band,
        trend: p.health.trend,
        selfRating: p.calibration.selfRating,
        stakeholder: p.stakeholder?.status === 'accepted',
      })),
    functions: map.functions.map((f) => ({ name: f.name, good: f.good, target: f.target })),
    internalShare: map.internalShare.at(-1) ?? null,
  };
}

export interface MonthlyReview {
  since: string | null;
  slipped: Array<{ address: string; displayName: string; from: string; to: string }>;
  improved: Array<{ address: string; displayName: string; from: string; to: string }>;
  newPeople: Array<{ address: string; displayName: string; strength: number }>;
  due: RelationshipMap['due'];
  reRate: Array<{ address: string; displayName: string; selfRating: number | null; band: string }>;
  coverage: Array<{ name: string; good: number; was: number | null; target: number }>;
  /** Accepted stakeholders: with none, "nobody due" means "nobody chosen yet", and the UI says so. */
  stakeholders: number;
  /** People proposed as stakeholders across the functions (what a first review starts from). */
  proposals: number;
  suggestedActions: string[];
}

const RANK: Record<string, number> = { none: 0, poor: 1, fair: 2, good: 3 };

export function monthlyReview(
  map: RelationshipMap,
  prev: CompactSnapshot | null,
  since: string | null,
): MonthlyReview {
  const before = new Map((prev?.people ?? []).map((p) => [p.address, p]));
  const slipped: MonthlyReview['slipped'] = [];
  const improved: MonthlyReview['improved'] = [];
  const newPeople: MonthlyReview['newPeople'] = [];
  for (const p of map.people) {
    const b = before.get(p.address);
    if (!b) {
      if (prev && p.strength >= 20)
        newPeople.push({ address: p.address, displayName: p.displayName, strength: p.strength });
      continue;
    }
    const d = (RANK[p.health.band] ?? 0) - (RANK[b.band] ?? 0);
    const row = { address: p.address, displayName: p.displayName, from: b.band, to: p.health.band };
    if (d < 0) slipped.push(row);
    else if (d > 0) improved.push(row);
  }
  const accepted = map.people.filter((p) => p.stakeholder?.status === 'accepted');
  const reRate = accepted
    .filter((p) => p.calibration.flag || p.calibration.selfRating === null)
    .map((p) => ({
      address: p.address,
      displayName: p.displayName,
      selfRating: p.calibration.selfRating,
      band: p.health.band,
    }));
  const was = new Map((prev?.functions ?? []).map((f) => [f.name, f.good]));
  const coverage = map.functions.map((f) => ({
    name: f.name,
    good: f.good,
    was: was.get(f.name) ?? null,
    target: f.target,
  }));
  const proposals = map.functions.reduce((n, f) => n + f.candidates.length, 0);
  const withProposals = map.functions.filter((f) => f.candidates.length > 0).length;
  // Functions that lost good relationships since the snapshot first, then the widest gaps.
  const lost = (c: (typeof coverage)[number]) => (c.was !== null && c.was > c.good ? 1 : 0);
  const gaps = coverage
    .filter((c) => c.good < c.target)
    .sort((a, b) => lost(b) - lost(a) || b.target - b.good - (a.target - a.good));
  const suggestedActions = [
    ...(accepted.length === 0 && proposals > 0
      ? [
          `Choose your stakeholders: ${proposals} people proposed across ${withProposals} ` +
            `function${withProposals === 1 ? '' : 's'}, from who you meet and from the directory.`,
        ]
      : []),
    ...map.due
      .filter((d) => d.daysOverdue > 0)
      .slice(0, 3)
      .map((d) => `Reach out to ${d.displayName}: due ${d.daysOverdue} days ago.`),
    ...gaps
      .slice(0, 2)
      .map((c) =>
        lost(c)
          ? `Go deeper in ${c.name}: ${c.good} of ${c.target} good relationships (was ${c.was}).`
          : `Go deeper in ${c.name}: ${c.good} of ${c.target} good relationships.`,
      ),
    ...map.mentors.slice(0, 1).map((m) => `Ask ${m.displayName} for advice: ${m.why}`),
  ];
  return {
    since,
    slipped,
    improved,
    newPeople,
    due: map.due,
    reRate,
    coverage,
    stakeholders: accepted.length,
    proposals,
    suggestedActions,
  };
}
