import { type Kysely, type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { Schema } from '../store/schema';
import { userSettingsSchema } from '../settings/userSettings';
import type { InviteResponse } from './invite';
import type { PastInvite } from './limits';

/**
 * Suggestions in PostgreSQL. Every row is keyed by tenant and user; the one read across users in
 * a tenant is what protects colleagues — their opt-out and the invites they received from anyone —
 * and it never leaves the server. The invites (and `reserveInvite`, where budgets and caps hold
 * under concurrent clicks) are in invitesRepository.ts, the runs and bring-a-colleague in
 * runsRepository.ts; this module re-exports both.
 */

type Db = Kysely<Schema>;

export const tenantSettingsSchema = z.object({
  /** At most this many Rapport invites a week reach one colleague, from every organiser together. */
  weeklyReceiveCap: z.number().int().min(0).max(20).default(2),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export async function tenantSettings(db: Db, tid: string): Promise<TenantSettings> {
  const row = await db
    .selectFrom('tenant_settings')
    .select('settings')
    .where('tid', '=', tid)
    .executeTakeFirst();
  const parsed = tenantSettingsSchema.safeParse(row?.settings ?? {});
  return parsed.success ? parsed.data : tenantSettingsSchema.parse({});
}

export async function saveTenantSettings(
  db: Db,
  tid: string,
  s: Partial<TenantSettings>,
): Promise<TenantSettings> {
  const next = tenantSettingsSchema.parse({ ...(await tenantSettings(db, tid)), ...s });
  await db
    .insertInto('tenant_settings')
    .values({ tid, settings: JSON.stringify(next) })
    .onConflict((oc) =>
      oc.column('tid').doUpdateSet({ settings: JSON.stringify(next), updated_at: sql`now()` }),
    )
    .execute();
  return next;
}

/** What a colleague who uses Rapport has set that concerns others: their opt-out, their lunch window. */
export interface ColleaguePrefs {
  optedOut: boolean;
  lunchWindow: { start: string; end: string };
}

/** The prefs of the Rapport users among `ids` (directory ids are Entra object ids) or `addresses`. */
export async function colleaguePrefs(
  db: Db,
  tid: string,
  ids: readonly string[],
  addresses: readonly string[],
): Promise<{ byId: Map<string, ColleaguePrefs>; byAddress: Map<string, ColleaguePrefs> }> {
  const byId = new Map<string, ColleaguePrefs>();
  const byAddress = new Map<string, ColleaguePrefs>();
  if (ids.length === 0 && addresses.length === 0) return { byId, byAddress };
  const rows = await db
    .selectFrom('user_settings as s')
    .leftJoin('app_users as u', (j) => j.on(sql<boolean>`u.tid::text = s.tid and u.oid::text = s.oid`))
    .select(['s.oid', 's.settings', 'u.user_principal_name'])
    .where('s.tid', '=', tid)
    .where((eb) =>
      eb.or([
        eb(sql`s.oid::text`, '=', sql<string>`any(${sql.val([...ids])}::text[])`),
        eb(
          sql`lower(u.user_principal_name)`,
          '=',
          sql<string>`any(${sql.val(addresses.map((a) => a.toLowerCase()))}::text[])`,
        ),
      ]),
    )
    .execute();
  for (const r of rows) {
    const s = userSettingsSchema.safeParse(r.settings);
    const prefs: ColleaguePrefs = s.success
      ? { optedOut: s.data.doNotSuggestMe, lunchWindow: s.data.lunchWindow }
      : {
          optedOut: (r.settings as { doNotSuggestMe?: unknown }).doNotSuggestMe === true,
          lunchWindow: { start: '11:30', end: '13:30' },
        };
    byId.set(r.oid, prefs);
    if (r.user_principal_name) byAddress.set(r.user_principal_name.toLowerCase(), prefs);
  }
  return { byId, byAddress };
}

/** Snoozed (until a date) and dismissed (until null) people. */
export async function holds(db: Db, tid: string, oid: string, now: Date): Promise<Map<string, Date | null>> {
  const rows = await db
    .selectFrom('suggestion_holds')
    .select(['address', 'until'])
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
    .execute();
  return new Map(rows.map((r) => [r.address, r.until]));
}

export async function hold(
  db: Db,
  tid: string,
  oid: string,
  address: string,
  until: Date | null,
): Promise<void> {
  await db
    .insertInto('suggestion_holds')
    .values({ tid, oid, address, until })
    .onConflict((oc) => oc.columns(['tid', 'oid', 'address']).doUpdateSet({ until }))
    .execute();
}

/** This organiser's invites per person that reached Graph, for the cool-down. */
export async function inviteHistory(db: Db, tid: string, oid: string): Promise<Map<string, PastInvite[]>> {
  const rows = await db
    .selectFrom('invites')
    .select(['address', 'created_at', 'response'])
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('state', '!=', 'failed')
    .execute();
  const out = new Map<string, PastInvite[]>();
  for (const r of rows) {
    const list = out.get(r.address) ?? [];
    list.push({ sentAt: r.created_at.getTime(), response: r.response as InviteResponse });
    out.set(r.address, list);
  }
  return out;
}

export interface SuggestionRow {
  id: string;
  week: string;
  address: string;
  person: unknown;
  kind: string;
  source: string;
  why: string;
  durationMinutes: number;
  slots: Array<{ start: string; end: string }>;
  theirTimeZone: string | null;
  preview: unknown;
  rank: number;
  state: string;
  snoozedUntil: Date | null;
}

const toSuggestion = (r: Selectable<Schema['suggestions']>): SuggestionRow => ({
  id: r.id,
  week: r.week,
  address: r.address,
  person: r.person,
  kind: r.kind,
  source: r.source,
  why: r.why,
  durationMinutes: r.duration_minutes,
  slots: r.slots as SuggestionRow['slots'],
  theirTimeZone: r.their_time_zone,
  preview: r.preview,
  rank: r.rank,
  state: r.state,
  snoozedUntil: r.snoozed_until,
});

type NewSuggestion = Omit<SuggestionRow, 'id' | 'week' | 'state' | 'snoozedUntil'>;

/** A suggestion as its row is written. */
const suggestionValues = (tid: string, oid: string, week: string, r: NewSuggestion) => ({
  tid,
  oid,
  week,
  address: r.address,
  person: JSON.stringify(r.person),
  kind: r.kind,
  source: r.source,
  why: r.why,
  duration_minutes: r.durationMinutes,
  slots: JSON.stringify(r.slots),
  their_time_zone: r.theirTimeZone,
  preview: JSON.stringify(r.preview),
  rank: r.rank,
});

/**
 * The week's suggestions replaced by a new run: a suggestion already sent, snoozed or dismissed this
 * week keeps its state (a new run never brings back what the user put away); proposals no longer
 * made are removed.
 */
export async function replaceWeek(
  db: Db,
  tid: string,
  oid: string,
  week: string,
  rows: Array<Omit<SuggestionRow, 'id' | 'week' | 'state' | 'snoozedUntil'>>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const kept = new Set(
      (
        await trx
          .selectFrom('suggestions')
          .select('address')
          .where('tid', '=', tid)
          .where('oid', '=', oid)
          .where('week', '=', week)
          .where('state', '!=', 'proposed')
          .execute()
      ).map((r) => r.address),
    );
    await trx
      .deleteFrom('suggestions')
      .where('tid', '=', tid)
      .where('oid', '=', oid)
      .where('week', '=', week)
      .where('state', '=', 'proposed')
      .execute();
    const fresh = rows.filter((r) => !kept.has(r.address));
    if (fresh.length)
      await trx
        .insertInto('suggestions')
        .values(fresh.map((r) => suggestionValues(tid, oid, week, r)))
        .execute();
  });
}

/** One suggestion for a person asked about now, kept in the week beside the others. */
export async function upsertOne(
  db: Db,
  tid: string,
  oid: string,
  week: string,
  r: Omit<SuggestionRow, 'id' | 'week' | 'state' | 'snoozedUntil'>,
): Promise<SuggestionRow> {
  const row = await db
    .insertInto('suggestions')
    .values(suggestionValues(tid, oid, week, r))
    .onConflict((oc) =>
      oc.columns(['tid', 'oid', 'week', 'address']).doUpdateSet({
        kind: r.kind,
        why: r.why,
        duration_minutes: r.durationMinutes,
        slots: JSON.stringify(r.slots),
        their_time_zone: r.theirTimeZone,
        preview: JSON.stringify(r.preview),
        state: 'proposed',
        snoozed_until: null,
        updated_at: sql`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSuggestion(row);
}

export async function weekSuggestions(
  db: Db,
  tid: string,
  oid: string,
  week: string,
): Promise<SuggestionRow[]> {
  const rows = await db
    .selectFrom('suggestions')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('week', '=', week)
    .orderBy('rank')
    .execute();
  return rows.map(toSuggestion);
}

export async function suggestionById(
  db: Db,
  tid: string,
  oid: string,
  id: string,
): Promise<SuggestionRow | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const r = await db
    .selectFrom('suggestions')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toSuggestion(r) : null;
}

export async function setSuggestion(
  db: Db,
  tid: string,
  oid: string,
  id: string,
  patch: { state?: string; snoozedUntil?: Date | null; slots?: SuggestionRow['slots'] },
): Promise<void> {
  await db
    .updateTable('suggestions')
    .set({
      ...(patch.state ? { state: patch.state } : {}),
      ...(patch.snoozedUntil !== undefined ? { snoozed_until: patch.snoozedUntil } : {}),
      ...(patch.slots ? { slots: JSON.stringify(patch.slots) } : {}),
      updated_at: sql`now()`,
    })
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('id', '=', id)
    .execute();
}

export * from './invitesRepository';
export * from './runsRepository';
