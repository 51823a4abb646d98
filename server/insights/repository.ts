import { type Kysely, sql, type Transaction } from 'kysely';
import type { RoleTag, StakeholderStatus } from '../../contract/vocabulary';
import type { BusinessFunction } from '../domain/functions';
import { primaryAddress } from '../domain/identity';
import type { Interaction, InteractionKind } from '../domain/interaction';
import type { Schema, WorkingHours } from '../store/schema';
import type { Appreciation, Stakeholder } from './map';
import type { DirectoryEntry } from './org';

/** Reads and writes of the insights: every query filters on the caller's tenant and user. */
type Db = Kysely<Schema> | Transaction<Schema>;

export async function loadInteractions(db: Db, tid: string, oid: string): Promise<Interaction[]> {
  const rows = await db
    .selectFrom('interactions')
    .select([
      'source_type',
      'source_id',
      'counterpart',
      'counterpart_id',
      'kind',
      // Milliseconds as a number: parsing 60,000 timestamp strings into Dates is the slow part.
      sql<number>`(extract(epoch from at) * 1000)::float8`.as('at_ms'),
      'duration_minutes',
      'participants',
      'direction',
      'owner_is_organizer',
      'response',
      'internal',
      'conversation_id',
      'owner_named',
    ])
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .execute();
  return rows.map((r) => ({
    sourceType: r.source_type as Interaction['sourceType'],
    sourceId: r.source_id,
    counterpart: r.counterpart,
    counterpartId: r.counterpart_id,
    kind: r.kind as InteractionKind,
    at: new Date(r.at_ms),
    durationMinutes: r.duration_minutes,
    participants: r.participants,
    direction: r.direction as Interaction['direction'],
    ownerIsOrganizer: r.owner_is_organizer,
    response: r.response,
    internal: r.internal,
    subject: null,
    conversationId: r.conversation_id,
    ownerNamed: r.owner_named,
  }));
}

export async function loadDirectory(db: Db, tid: string): Promise<DirectoryEntry[]> {
  const rows = await db
    .selectFrom('directory_people')
    .select([
      'id',
      'mail',
      'addresses',
      'display_name',
      'job_title',
      'department',
      'office_location',
      'manager_id',
    ])
    .where('tid', '=', tid)
    .where('kind', '=', 'person')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    mail: r.mail,
    addresses: r.addresses,
    displayName: r.display_name,
    jobTitle: r.job_title,
    department: r.department,
    officeLocation: r.office_location,
    managerId: r.manager_id,
  }));
}

export async function loadTenantDomains(db: Db, tid: string): Promise<string[]> {
  const rows = await db.selectFrom('tenant_domains').select('domain').where('tid', '=', tid).execute();
  return rows.map((r) => r.domain);
}

/** The directory id of whoever has `address` among their addresses, or null. */
export async function findDirectoryPersonId(db: Db, tid: string, address: string): Promise<string | null> {
  return (await resolvePeople(db, tid, [address])).get(address.toLowerCase())?.id ?? null;
}

/**
 * Who each address is: the directory person having it among their addresses, with the primary
 * address Rapport keys them by (domain/identity.ts). Addresses the directory does not know are
 * absent — they stay themselves, never matched to anyone by name.
 */
export async function resolvePeople(
  db: Db,
  tid: string,
  addresses: readonly string[],
): Promise<Map<string, { id: string; address: string }>> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
  const out = new Map<string, { id: string; address: string }>();
  if (!wanted.length) return out;
  const rows = await db
    .selectFrom('directory_people')
    .select(['id', 'mail', 'addresses'])
    .where('tid', '=', tid)
    .where('kind', '=', 'person')
    .where(sql<boolean>`addresses && ${sql.val(wanted)}::text[]`)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const primary = primaryAddress(r);
    if (!primary) continue;
    for (const a of r.addresses)
      if (wanted.includes(a) && !out.has(a)) out.set(a, { id: r.id, address: primary });
  }
  return out;
}

export async function loadMailboxSettings(
  db: Db,
  tid: string,
  oid: string,
): Promise<{ timeZone: string | null; workingHours: WorkingHours | null } | null> {
  const row = await db
    .selectFrom('mailbox_settings')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .executeTakeFirst();
  return row ? { timeZone: row.time_zone, workingHours: row.working_hours } : null;
}

export async function loadStakeholders(db: Db, tid: string, oid: string): Promise<Stakeholder[]> {
  const [rows, thanks] = await Promise.all([
    db.selectFrom('stakeholders').selectAll().where('tid', '=', tid).where('oid', '=', oid).execute(),
    db
      .selectFrom('appreciations')
      .select(['id', 'address', 'at', 'note'])
      .where('tid', '=', tid)
      .where('oid', '=', oid)
      .orderBy('at', 'desc')
      .execute(),
  ]);
  const byAddress = new Map<string, Appreciation[]>();
  for (const t of thanks) {
    const list = byAddress.get(t.address) ?? [];
    list.push({ id: t.id, at: new Date(t.at).toISOString(), note: t.note });
    byAddress.set(t.address, list);
  }
  return rows.map((r) => ({
    address: r.address,
    personId: r.person_id,
    status: r.status as StakeholderStatus,
    functionOverride: r.function_override as BusinessFunction | null,
    why: r.why,
    roleTag: r.role_tag as RoleTag | null,
    priorities: r.priorities,
    challenges: r.challenges,
    notes: r.notes,
    selfRating: r.self_rating,
    cadenceDays: r.cadence_days,
    tension: r.tension,
    appreciations: byAddress.get(r.address) ?? [],
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

export interface StakeholderPatch {
  personId?: string | null;
  status?: StakeholderStatus;
  functionOverride?: BusinessFunction | null;
  why?: string | null;
  roleTag?: RoleTag | null;
  priorities?: string | null;
  challenges?: string | null;
  notes?: string | null;
  selfRating?: number | null;
  cadenceDays?: number | null;
  tension?: boolean;
}

const columns = (p: StakeholderPatch) => {
  const c: Record<string, unknown> = {};
  if (p.personId !== undefined) c.person_id = p.personId;
  if (p.status !== undefined) c.status = p.status;
  if (p.functionOverride !== undefined) c.function_override = p.functionOverride;
  if (p.why !== undefined) c.why = p.why;
  if (p.roleTag !== undefined) c.role_tag = p.roleTag;
  if (p.priorities !== undefined) c.priorities = p.priorities;
  if (p.challenges !== undefined) c.challenges = p.challenges;
  if (p.notes !== undefined) c.notes = p.notes;
  if (p.selfRating !== undefined) c.self_rating = p.selfRating;
  if (p.cadenceDays !== undefined) c.cadence_days = p.cadenceDays;
  if (p.tension !== undefined) c.tension = p.tension;
  return c;
};

/** Creates the stakeholder or changes the given fields; returns whether it existed before. */
export async function upsertStakeholder(
  db: Db,
  tid: string,
  oid: string,
  address: string,
  patch: StakeholderPatch,
): Promise<{ created: boolean }> {
  const set = columns(patch);
  const row = await db
    .insertInto('stakeholders')
    .values({ tid, oid, address, ...set })
    .onConflict((oc) => oc.columns(['tid', 'oid', 'address']).doUpdateSet({ ...set, updated_at: new Date() }))
    .returning(['created_at', 'updated_at'])
    .executeTakeFirstOrThrow();
  return { created: new Date(row.created_at).getTime() === new Date(row.updated_at).getTime() };
}

export async function deleteStakeholder(db: Db, tid: string, oid: string, address: string): Promise<boolean> {
  const r = await db
    .deleteFrom('stakeholders')
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('address', '=', address)
    .executeTakeFirst();
  await db
    .deleteFrom('appreciations')
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('address', '=', address)
    .execute();
  return Number(r.numDeletedRows) > 0;
}

export async function addAppreciation(
  db: Db,
  tid: string,
  oid: string,
  address: string,
  note: string,
  at?: Date,
): Promise<Appreciation> {
  const r = await db
    .insertInto('appreciations')
    .values({ tid, oid, address, note, ...(at ? { at } : {}) })
    .returning(['id', 'at', 'note'])
    .executeTakeFirstOrThrow();
  return { id: r.id, at: new Date(r.at).toISOString(), note: r.note };
}

export async function deleteAppreciation(db: Db, tid: string, oid: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('appreciations')
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function saveSnapshot(
  db: Db,
  tid: string,
  oid: string,
  month: string,
  modelVersion: string,
  payload: unknown,
): Promise<void> {
  const json = JSON.stringify(payload);
  await db
    .insertInto('map_snapshots')
    .values({ tid, oid, month, model_version: modelVersion, payload: json })
    .onConflict((oc) =>
      oc
        .columns(['tid', 'oid', 'month', 'model_version'])
        .doUpdateSet({ payload: json, created_at: new Date() }),
    )
    .execute();
}

export async function listSnapshots(
  db: Db,
  tid: string,
  oid: string,
): Promise<Array<{ month: string; modelVersion: string; createdAt: string; payload: unknown }>> {
  const rows = await db
    .selectFrom('map_snapshots')
    .select(['month', 'model_version', 'created_at', 'payload'])
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .orderBy('month', 'desc')
    .orderBy('model_version')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    modelVersion: r.model_version,
    createdAt: new Date(r.created_at).toISOString(),
    payload: r.payload,
  }));
}

/** Delete everything Rapport holds about one user (the caller also forgets their tokens). */
export async function deleteEverything(
  db: Kysely<Schema>,
  tid: string,
  oid: string,
): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const counts: Record<string, number> = {};
    for (const table of [
      'interactions',
      'sync_streams',
      'stakeholders',
      'appreciations',
      'map_snapshots',
      'suggestions',
      'suggestion_holds',
      'invites',
      'bring_suggestions',
      'suggestion_runs',
      'user_settings',
      'mailbox_settings',
      'signin_sessions',
      'app_users',
    ] as const) {
      const r = await trx.deleteFrom(table).where('tid', '=', tid).where('oid', '=', oid).executeTakeFirst();
      counts[table] = Number(r.numDeletedRows);
    }
    return counts;
  });
}
