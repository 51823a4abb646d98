import { type Kysely, sql } from 'kysely';
import type { Schema } from '../store/schema';
import type { InviteResponse } from './invite';
import { coolDownUntil, type Refusal, refusal } from './limits';
import { colleaguePrefs, inviteHistory, tenantSettings } from './repository';

/**
 * The invites Rapport sent, in PostgreSQL: claimed before Graph is called (`reserveInvite`, where
 * budgets and caps hold under concurrent clicks), marked as Graph answers, counted for the budget
 * and for each colleague's weekly cap across organisers.
 */

type Db = Kysely<Schema>;
const DAY = 86_400_000;

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
