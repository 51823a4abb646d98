import { type Kysely, type Selectable, sql } from 'kysely';
import { z } from 'zod';
import type { Schema } from '../store/schema';
import { userSettingsSchema } from '../settings/userSettings';
import type { InviteResponse } from './invite';
import { coolDownUntil, type PastInvite, type Refusal, refusal } from './limits';

/**
 * Suggestions in PostgreSQL. Every row is keyed by tenant and user; the one read across users in
 * a tenant is what protects colleagues — their opt-out and the invites they received from anyone —
 * and it never leaves the server. `reserveInvite` is where budgets and caps hold under concurrent
 * clicks: one transaction, serialised per organiser and per recipient by advisory locks, counts
 * and inserts before anything reaches Graph.
 */

type Db = Kysely<Schema>;
const DAY = 86_400_000;

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

export interface InviteRow {
  id: string;
  suggestionId: string | null;
  address: string;
  displayName: string;
  kind: string;
  start: Date;
  end: Date;
  transactionId: string;
  state: string;
  eventId: string | null;
  response: InviteResponse;
  proposedStart: Date | null;
  happened: boolean | null;
  auto: boolean;
  createdAt: Date;
}

const toInvite = (r: {
  id: string;
  suggestion_id: string | null;
  address: string;
  display_name: string;
  kind: string;
  start_at: Date;
  end_at: Date;
  transaction_id: string;
  state: string;
  event_id: string | null;
  response: string;
  proposed_start: Date | null;
  happened: boolean | null;
  auto: boolean;
  created_at: Date;
}): InviteRow => ({
  id: r.id,
  suggestionId: r.suggestion_id,
  address: r.address,
  displayName: r.display_name,
  kind: r.kind,
  start: r.start_at,
  end: r.end_at,
  transactionId: r.transaction_id,
  state: r.state,
  eventId: r.event_id,
  response: r.response as InviteResponse,
  proposedStart: r.proposed_start,
  happened: r.happened,
  auto: r.auto,
  createdAt: r.created_at,
});

export async function inviteByTransaction(
  db: Db,
  tid: string,
  oid: string,
  transactionId: string,
): Promise<InviteRow | null> {
  const r = await db
    .selectFrom('invites')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('transaction_id', '=', transactionId)
    .executeTakeFirst();
  return r ? toInvite(r) : null;
}

/** Invites the user sent since `since` (failed ones left out), newest first. */
export async function invitesSince(db: Db, tid: string, oid: string, since: Date): Promise<InviteRow[]> {
  const rows = await db
    .selectFrom('invites')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('state', '!=', 'failed')
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toInvite);
}

export interface Reservation {
  suggestionId: string;
  address: string;
  recipientId: string | null;
  displayName: string;
  kind: string;
  start: Date;
  end: Date;
  transactionId: string;
  auto: boolean;
  /** The organiser's week for the budget. */
  weekStart: Date;
  weeklyBudget: number;
  now: Date;
}

/**
 * Claims one invite before Graph is called. Serialised per organiser (their budget) and per
 * recipient (the cap across organisers), so N concurrent clicks from any number of tabs and server
 * instances create at most what the rules allow. A second claim with the same transactionId is
 * the same invite (a retried click): it is returned, not counted again.
 */
export async function reserveInvite(
  db: Db,
  tid: string,
  oid: string,
  r: Reservation,
): Promise<{ ok: true; invite: InviteRow; repeat: boolean } | { ok: false; refusal: Refusal }> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(1, hashtext(${`${tid}:${oid}`}))`.execute(trx);
    await sql`select pg_advisory_xact_lock(2, hashtext(${`${tid}:${r.address}`}))`.execute(trx);
    const existing = await inviteByTransaction(trx, tid, oid, r.transactionId);
    if (existing && existing.state !== 'failed') return { ok: true as const, invite: existing, repeat: true };
    const [sent, received, history, prefs, cap] = await Promise.all([
      trx
        .selectFrom('invites')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tid', '=', tid)
        .where('oid', '=', oid)
        .where('state', '!=', 'failed')
        .where('created_at', '>=', r.weekStart)
        .executeTakeFirstOrThrow(),
      trx
        .selectFrom('invites')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tid', '=', tid)
        .where('address', '=', r.address)
        .where('state', '!=', 'failed')
        .where('created_at', '>', new Date(r.now.getTime() - 7 * DAY))
        .executeTakeFirstOrThrow(),
      inviteHistory(trx, tid, oid),
      colleaguePrefs(trx, tid, r.recipientId ? [r.recipientId] : [], [r.address]),
      tenantSettings(trx, tid),
    ]);
    const p = (r.recipientId ? prefs.byId.get(r.recipientId) : undefined) ?? prefs.byAddress.get(r.address);
    const why = refusal({
      now: r.now.getTime(),
      optedOut: p?.optedOut ?? false,
      coolDownUntil: coolDownUntil(history.get(r.address) ?? []),
      sentThisWeek: Number(sent.n),
      weeklyBudget: r.weeklyBudget,
      receivedThisWeek: Number(received.n),
      receiveCap: cap.weeklyReceiveCap,
    });
    if (why) return { ok: false as const, refusal: why };
    const values = {
      tid,
      oid,
      suggestion_id: r.suggestionId,
      address: r.address,
      display_name: r.displayName,
      kind: r.kind,
      start_at: r.start,
      end_at: r.end,
      transaction_id: r.transactionId,
      state: 'sending',
      auto: r.auto,
      created_at: r.now,
    };
    const row = existing
      ? await trx
          .updateTable('invites')
          .set({ ...values, event_id: null, response: 'none' })
          .where('tid', '=', tid)
          .where('oid', '=', oid)
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await trx.insertInto('invites').values(values).returningAll().executeTakeFirstOrThrow();
    return { ok: true as const, invite: toInvite(row), repeat: false };
  });
}

export async function markInvite(
  db: Db,
  tid: string,
  oid: string,
  id: string,
  patch: {
    state?: 'sent' | 'failed';
    eventId?: string;
    response?: InviteResponse;
    proposedStart?: Date | null;
    happened?: boolean | null;
    checkedAt?: Date;
  },
): Promise<void> {
  await db
    .updateTable('invites')
    .set({
      ...(patch.state ? { state: patch.state } : {}),
      ...(patch.state === 'sent' ? { sent_at: new Date() } : {}),
      ...(patch.eventId ? { event_id: patch.eventId } : {}),
      ...(patch.response ? { response: patch.response } : {}),
      ...(patch.proposedStart !== undefined ? { proposed_start: patch.proposedStart } : {}),
      ...(patch.happened !== undefined ? { happened: patch.happened } : {}),
      ...(patch.checkedAt ? { checked_at: patch.checkedAt } : {}),
    })
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('id', '=', id)
    .execute();
}

/** Invites the user sent this week (the budget's count), whatever their answer. */
export async function sentSince(db: Db, tid: string, oid: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('invites')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('state', '!=', 'failed')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** How many Rapport invites each address received in the last week, from anyone in the tenant. */
export async function receivedCounts(
  db: Db,
  tid: string,
  addresses: readonly string[],
  now: Date,
): Promise<Map<string, number>> {
  if (addresses.length === 0) return new Map();
  const rows = await db
    .selectFrom('invites')
    .select(['address', (eb) => eb.fn.countAll<string>().as('n')])
    .where('tid', '=', tid)
    .where('address', '=', sql<string>`any(${sql.val([...addresses])}::text[])`)
    .where('state', '!=', 'failed')
    .where('created_at', '>', new Date(now.getTime() - 7 * DAY))
    .groupBy('address')
    .execute();
  return new Map(rows.map((r) => [r.address, Number(r.n)]));
}

export interface RunRow {
  week: string;
  timeZone: string;
  notice: string | null;
  preparedAt: Date;
  trackedAt: Date;
}

export async function run(db: Db, tid: string, oid: string, week: string): Promise<RunRow | null> {
  const r = await db
    .selectFrom('suggestion_runs')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('week', '=', week)
    .executeTakeFirst();
  return r
    ? {
        week: r.week,
        timeZone: r.time_zone,
        notice: r.notice,
        preparedAt: r.prepared_at,
        trackedAt: r.tracked_at,
      }
    : null;
}

export async function saveRun(
  db: Db,
  tid: string,
  oid: string,
  r: { week: string; timeZone: string; notice: string | null; prepared: boolean; at: Date },
): Promise<void> {
  await db
    .insertInto('suggestion_runs')
    .values({
      tid,
      oid,
      week: r.week,
      time_zone: r.timeZone,
      notice: r.notice,
      prepared_at: r.at,
      tracked_at: r.at,
    })
    .onConflict((oc) =>
      oc.columns(['tid', 'oid', 'week']).doUpdateSet({
        time_zone: r.timeZone,
        tracked_at: r.at,
        ...(r.prepared ? { notice: r.notice, prepared_at: r.at } : {}),
      }),
    )
    .execute();
}

export interface BringRow {
  id: string;
  eventId: string;
  meeting: unknown;
  colleague: unknown;
  why: string;
  state: string;
}

export async function replaceBring(
  db: Db,
  tid: string,
  oid: string,
  week: string,
  rows: Array<Omit<BringRow, 'id' | 'state'>>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('bring_suggestions')
      .where('tid', '=', tid)
      .where('oid', '=', oid)
      .where('state', '=', 'proposed')
      .execute();
    const added = new Set(
      (
        await trx
          .selectFrom('bring_suggestions')
          .select('event_id')
          .where('tid', '=', tid)
          .where('oid', '=', oid)
          .execute()
      ).map((r) => r.event_id),
    );
    const fresh = rows.filter((r) => !added.has(r.eventId));
    if (fresh.length)
      await trx
        .insertInto('bring_suggestions')
        .values(
          fresh.map((r) => ({
            tid,
            oid,
            week,
            event_id: r.eventId,
            meeting: JSON.stringify(r.meeting),
            colleague: JSON.stringify(r.colleague),
            why: r.why,
          })),
        )
        .execute();
  });
}

export async function bringList(db: Db, tid: string, oid: string, after: Date): Promise<BringRow[]> {
  const rows = await db
    .selectFrom('bring_suggestions')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where(sql<boolean>`(meeting->>'end')::timestamptz > ${after}`)
    .orderBy(sql`(meeting->>'start')::timestamptz`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    meeting: r.meeting,
    colleague: r.colleague,
    why: r.why,
    state: r.state,
  }));
}

export async function bringById(db: Db, tid: string, oid: string, id: string): Promise<BringRow | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const r = await db
    .selectFrom('bring_suggestions')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        eventId: r.event_id,
        meeting: r.meeting,
        colleague: r.colleague,
        why: r.why,
        state: r.state,
      }
    : null;
}

export async function markBringAdded(db: Db, tid: string, oid: string, id: string): Promise<void> {
  await db
    .updateTable('bring_suggestions')
    .set({ state: 'added' })
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('id', '=', id)
    .execute();
}
