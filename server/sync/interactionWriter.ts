import { sql, type Transaction } from 'kysely';
import type { Schema } from '../store/schema';
import type { StreamKey } from './cursorRepository';
import type { Interaction } from '../domain/interaction';

/**
 * A stream's interaction rows: each page's replace what its items had, and a resync forgets them
 * all. Both run in the caller's transaction, beside the cursor's update.
 */

/** Replaces the interactions of a page's items in two statements: delete theirs, insert the new. */
export async function replacePage(
  trx: Transaction<Schema>,
  o: StreamKey,
  sourceIds: string[],
  list: Interaction[],
  firstRound: boolean,
): Promise<void> {
  if (!sourceIds.length) return;
  const sourceType = o.stream === 'calendar' ? 'event' : 'message';
  // Subjects are kept only while the setting is on *now*: the sync read it when it started, and the
  // user may have turned it off since (which cleared the stored ones). FOR SHARE makes a concurrent
  // change wait for this page, so its clearing sees these rows too. Taken before any row lock
  // below, in the same order as the settings change takes them (settings, then interactions).
  let keepSubjects = false;
  if (list.some((i) => i.subject)) {
    const r = await sql<{ keep: boolean | null }>`select (settings->>'storeMeetingSubjects')::boolean as keep
      from user_settings where tid = ${o.tid} and oid = ${o.oid} for share`.execute(trx);
    keepSubjects = r.rows[0]?.keep === true;
  }
  // In a stream's first round nothing of it is stored yet (a resync clears it first) and pages
  // commit atomically, so there is nothing to replace: no delete. Replays meet ON CONFLICT.
  if (!firstRound) {
    await trx
      .deleteFrom('interactions')
      .where('tid', '=', o.tid)
      .where('oid', '=', o.oid)
      .where('source_type', '=', sourceType)
      .where('source_id', 'in', sourceIds)
      .execute();
  }
  // A page may replay an item (Graph allows it): keep one row per key.
  const rows = [...new Map(list.map((i) => [`${i.sourceId}|${i.counterpart}`, i])).values()];
  if (!rows.length) return;
  // One array per column through unnest: 15 parameters for the whole page instead of 15 per row,
  // which is what serialising and parsing a 1,000-message page mostly cost.
  const col = <T>(f: (i: Interaction) => T) => rows.map(f);
  await sql`insert into interactions (tid, oid, stream, source_type, source_id, counterpart, counterpart_id,
      kind, at, duration_minutes, participants, direction, owner_is_organizer, response, internal, subject,
      conversation_id, owner_named)
    select ${o.tid}::uuid, ${o.oid}::uuid, ${o.stream}, * from unnest(
      ${col((i) => i.sourceType)}::text[], ${col((i) => i.sourceId)}::text[],
      ${col((i) => i.counterpart)}::text[], ${col((i) => i.counterpartId)}::uuid[],
      ${col((i) => i.kind)}::text[], ${col((i) => i.at.toISOString())}::timestamptz[],
      ${col((i) => i.durationMinutes)}::int[], ${col((i) => i.participants)}::int[],
      ${col((i) => i.direction)}::text[], ${col((i) => i.ownerIsOrganizer)}::boolean[],
      ${col((i) => i.response)}::text[], ${col((i) => i.internal)}::boolean[],
      ${col((i) => (keepSubjects ? (i.subject ?? null) : null))}::text[], ${col((i) => i.conversationId ?? null)}::text[],
      ${col((i) => i.ownerNamed ?? null)}::boolean[])
    on conflict do nothing`.execute(trx);
}

/** Forgets every interaction of the stream (its delta token expired: a full round follows). */
export async function deleteStreamInteractions(trx: Transaction<Schema>, o: StreamKey): Promise<void> {
  await trx
    .deleteFrom('interactions')
    .where('tid', '=', o.tid)
    .where('oid', '=', o.oid)
    .where('stream', '=', o.stream)
    .execute();
}
