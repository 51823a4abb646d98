import type { Kysely } from 'kysely';
import type { PeopleCardsResponse, SyncStatusResponse } from '../../contract';
import { isInternalAddress } from '../domain/address';
import { primaryAddress } from '../domain/identity';
import {
  getUserSettings,
  updateUserSettings,
  type UserSettings,
  type UserSettingsPatch,
} from '../settings/userSettings';
import type { Schema } from '../store/schema';
import { mapToCsv } from './csv';
import {
  type Appreciation,
  buildMap,
  MODEL_VERSION,
  type MapPerson,
  peopleWithinLimit,
  type RelationshipMap,
  type Stakeholder,
} from './map';
import type { ModelConfig } from './model';
import type { DirectoryEntry } from './org';
import { paneCards } from './paneCards';
import {
  addAppreciation,
  deleteAppreciation,
  deleteEverything,
  deleteStakeholder,
  listSnapshots,
  loadDirectory,
  loadInteractions,
  loadMailboxSettings,
  loadStakeholders,
  loadTenantDomains,
  resolvePeople,
  saveSnapshot,
  type StakeholderPatch,
  upsertStakeholder,
} from './repository';
import { type CompactSnapshot, compactSnapshot, type MonthlyReview, monthlyReview } from './review';
import { loadTimeline, type Timeline } from './timeline';

/** The Outlook pane's card for an address: a colleague on the map, one who is not, or an external. */
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
  directoryByAddress: Map<string, DirectoryEntry>;
  directoryById: Map<string, DirectoryEntry>;
}

export interface InsightsOptions {
  ttlMs?: number;
  maxUsers?: number;
  config?: ModelConfig;
  now?: () => Date;
  /** The user's sync progress, for the export (sync owns it; insights does not read sync's tables). */
  syncStatus?: (tid: string, oid: string) => Promise<SyncStatusResponse>;
}

/** The map's row for an address: theirs, or the directory person's whose address it is. */
function personByAddress(e: Entry, address: string): MapPerson | null {
  const entry = e.directoryByAddress.get(address);
  const primary = entry ? primaryAddress(entry) : null;
  return e.byAddress.get(address) ?? (primary ? e.byAddress.get(primary) : undefined) ?? null;
}

/** Why a stakeholder write was refused: an address outside the organisation, or nobody on the map. */
export type StakeholderRefusal = 'not_a_colleague' | 'not_on_your_map';

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1) - 1);
};

/**
 * The insights for a user: the map, computed from the database and kept in memory for a short
 * while — the Outlook pane asks for person cards one after another, and each must be instant — and
 * every write that changes it. Writes go through this service (stakeholders, appreciations,
 * settings, delete-everything), which drops the user's entry itself; a finished sync calls
 * `invalidate`. Other server instances see changes within the TTL.
 */
export class InsightsService {
  private readonly cache = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  /** Bumped by every invalidation: a computation begun before one must not fill the cache. */
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly opts: InsightsOptions = {},
  ) {}

  private now() {
    return this.opts.now?.() ?? new Date();
  }

  /**
   * Drops the user's map, and any computation of it still running: that one read the database
   * before the write that invalidates, so neither it nor a request that would join it may serve.
   */
  invalidate(tid: string, oid: string): void {
    const key = `${tid}|${oid}`;
    this.cache.delete(key);
    this.pending.delete(key);
    this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
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
    const startedAt = this.generation.get(key) ?? 0;
    const p = (async () => {
      const [{ map, directory }, domains] = await Promise.all([
        this.computeWithDirectory(tid, oid),
        loadTenantDomains(this.db, tid),
      ]);
      const e: Entry = {
        at: Date.now(),
        map,
        byAddress: new Map(map.people.map((p) => [p.address, p])),
        byId: new Map(map.people.filter((p) => p.id).map((p) => [p.id!, p])),
        domains,
        directoryAddresses: new Set(directory.flatMap((d) => d.addresses)),
        directoryByAddress: new Map(
          directory.flatMap((d) =>
            [...d.addresses, ...(d.mail ? [d.mail] : [])].map((a) => [a.toLowerCase(), d] as const),
          ),
        ),
        directoryById: new Map(directory.map((d) => [d.id, d])),
      };
      if ((this.generation.get(key) ?? 0) !== startedAt) return e; // stale for later callers
      this.cache.delete(key);
      this.cache.set(key, e);
      while (this.cache.size > (this.opts.maxUsers ?? 500)) {
        const oldest = this.cache.keys().next().value;
        if (oldest === undefined) break;
        this.cache.delete(oldest);
      }
      return e;
    })().finally(() => {
      if (this.pending.get(key) === p) this.pending.delete(key);
    });
    this.pending.set(key, p);
    return p;
  }

  async map(tid: string, oid: string, o: { asOf?: Date; limit?: number } = {}): Promise<RelationshipMap> {
    const full = o.asOf ? await this.compute(tid, oid, o.asOf) : (await this.entry(tid, oid)).map;
    return { ...full, people: peopleWithinLimit(full.people, o.limit ?? 300) };
  }

  async personById(tid: string, oid: string, id: string): Promise<MapPerson | null> {
    return (await this.entry(tid, oid)).byId.get(id) ?? null;
  }

  async card(tid: string, oid: string, address: string): Promise<PersonCard> {
    const e = await this.entry(tid, oid);
    const a = address.toLowerCase();
    const internal = isInternalAddress(a, e.domains);
    return {
      address: a,
      internal,
      inDirectory: e.directoryAddresses.has(a),
      // Any of their addresses finds the one row the map keys them by.
      person: internal ? personByAddress(e, a) : null,
      asOf: e.map.asOf,
    };
  }

  /** Stores the map as of a month's end (or now, for the current month) under the model version. */
  /** The Outlook pane's cards for everyone on an email, in one answer from the cached map. */
  async cards(tid: string, oid: string, addresses: readonly string[]): Promise<PeopleCardsResponse> {
    const e = await this.entry(tid, oid);
    return paneCards({
      map: e.map,
      personOf: (a) => personByAddress(e, a),
      directoryByAddress: e.directoryByAddress,
      directoryById: e.directoryById,
      domains: e.domains,
      ownerId: oid,
      addresses,
    });
  }

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

  /**
   * A person's timeline (timeline.ts) — only for someone on the user's own map, null otherwise —
   * with meeting subjects only while the user keeps them.
   */
  async timeline(
    tid: string,
    oid: string,
    personId: string,
    page: { limit: number; before?: Date; timeZone?: string },
  ): Promise<Timeline | null> {
    const person = await this.personById(tid, oid, personId);
    if (!person) return null;
    const settings = await getUserSettings(this.db, tid, oid);
    return loadTimeline(this.db, tid, oid, person.address, {
      ...page,
      now: this.now(),
      subjects: settings.storeMeetingSubjects,
      timeZone: page.timeZone ?? 'UTC',
    });
  }

  /** Coverage per function and the internal share, from the current map. */
  async coverage(tid: string, oid: string) {
    const map = await this.map(tid, oid);
    return { asOf: map.asOf, functions: map.functions, internalShare: map.internalShare };
  }

  /** Each of the strongest 50's monthly series and trend, beside the internal share. */
  async trends(tid: string, oid: string) {
    const map = await this.map(tid, oid, { limit: 50 });
    return {
      asOf: map.asOf,
      internalShare: map.internalShare,
      people: map.people.map((p) => ({
        address: p.address,
        displayName: p.displayName,
        function: p.function,
        trend: p.health.trend,
        cooling: p.health.cooling,
        series: p.series,
      })),
    };
  }

  stakeholders(tid: string, oid: string): Promise<Stakeholder[]> {
    return loadStakeholders(this.db, tid, oid);
  }

  /**
   * Creates or changes a curated stakeholder. Colleagues only: an address outside the tenant's
   * domains is refused, and with `mustExist` (an update) so is someone not yet a stakeholder. The
   * directory id is looked up afresh, so a person added by address is linked to their entry.
   */
  async saveStakeholder(
    tid: string,
    oid: string,
    address: string,
    changes: Omit<StakeholderPatch, 'personId'>,
    o: { mustExist: boolean },
  ): Promise<{ refused: StakeholderRefusal } | { created: boolean; stakeholder: Stakeholder }> {
    if (!isInternalAddress(address, await loadTenantDomains(this.db, tid)))
      return { refused: 'not_a_colleague' };
    // Under the person's primary address whichever of theirs was given: one stakeholder per person.
    const who = await this.who(tid, address);
    address = who.address;
    if (o.mustExist && !(await this.isStakeholder(tid, oid, address))) return { refused: 'not_on_your_map' };
    const { created } = await upsertStakeholder(this.db, tid, oid, address, { ...changes, personId: who.id });
    this.invalidate(tid, oid);
    const stakeholder = (await loadStakeholders(this.db, tid, oid)).find((s) => s.address === address);
    if (!stakeholder) throw new Error('a stakeholder just saved is gone');
    return { created, stakeholder };
  }

  /** Removes a stakeholder and their appreciations; false when there was none. */
  async removeStakeholder(tid: string, oid: string, address: string): Promise<boolean> {
    const gone = await deleteStakeholder(this.db, tid, oid, (await this.who(tid, address)).address);
    if (gone) this.invalidate(tid, oid);
    return gone;
  }

  /** Logs an appreciation of a stakeholder; null when `address` is not one. */
  async appreciate(
    tid: string,
    oid: string,
    address: string,
    note: string,
    at?: Date,
  ): Promise<Appreciation | null> {
    address = (await this.who(tid, address)).address;
    if (!(await this.isStakeholder(tid, oid, address))) return null;
    const saved = await addAppreciation(this.db, tid, oid, address, note, at);
    this.invalidate(tid, oid);
    return saved;
  }

  /** Removes one of the user's appreciations; false when they have none with that id. */
  async removeAppreciation(tid: string, oid: string, id: string): Promise<boolean> {
    const gone = await deleteAppreciation(this.db, tid, oid, id);
    if (gone) this.invalidate(tid, oid);
    return gone;
  }

  /** The person an address belongs to (their primary address and id); itself when unknown. */
  private async who(tid: string, address: string): Promise<{ id: string | null; address: string }> {
    const a = address.toLowerCase();
    return (await resolvePeople(this.db, tid, [a])).get(a) ?? { id: null, address: a };
  }

  private async isStakeholder(tid: string, oid: string, address: string): Promise<boolean> {
    return (await loadStakeholders(this.db, tid, oid)).some((s) => s.address === address);
  }

  /** Addresses not counted as colleagues because they look automated (the current map's). */
  async automated(tid: string, oid: string): Promise<RelationshipMap['automated']> {
    return (await this.entry(tid, oid)).map.automated;
  }

  settings(tid: string, oid: string): Promise<UserSettings> {
    return getUserSettings(this.db, tid, oid);
  }

  /** Applies a settings patch (userSettings.ts); cadences, targets and exclusions change the map. */
  async updateSettings(tid: string, oid: string, patch: UserSettingsPatch): Promise<UserSettings> {
    const saved = await updateUserSettings(this.db, tid, oid, patch);
    this.invalidate(tid, oid);
    return saved;
  }

  /** The snapshots kept, without their payloads. */
  async snapshots(tid: string, oid: string) {
    return (await listSnapshots(this.db, tid, oid)).map(({ payload: _payload, ...rest }) => rest);
  }

  /** A month's snapshots (one per model version), payloads included. */
  async snapshotsOf(tid: string, oid: string, month: string) {
    return (await listSnapshots(this.db, tid, oid)).filter((s) => s.month === month);
  }

  /** The map as the template's table, everyone in it (up to the tab's maximum). */
  async exportCsv(tid: string, oid: string): Promise<string> {
    return mapToCsv(await this.map(tid, oid, { limit: 5000 }));
  }

  /** Everything Rapport holds about the user, as it is stored (the right of access). */
  async exportEverything(tid: string, oid: string) {
    const [settings, stakeholders, snapshots, interactions, sync, mailboxSettings] = await Promise.all([
      getUserSettings(this.db, tid, oid),
      loadStakeholders(this.db, tid, oid),
      listSnapshots(this.db, tid, oid),
      loadInteractions(this.db, tid, oid),
      this.opts.syncStatus?.(tid, oid) ?? null,
      loadMailboxSettings(this.db, tid, oid),
    ]);
    return {
      exportedAt: this.now().toISOString(),
      user: { tid, oid },
      settings,
      mailboxSettings,
      stakeholders,
      snapshots,
      sync,
      interactions,
    };
  }

  /** Deletes every row about the user (the caller also forgets their tokens); counts per table. */
  async deleteEverything(tid: string, oid: string): Promise<Record<string, number>> {
    const deleted = await deleteEverything(this.db, tid, oid);
    this.invalidate(tid, oid);
    return deleted;
  }
}
