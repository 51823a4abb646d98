import type { Kysely } from 'kysely';
import { describeGraphFailure, type GraphFailure } from '../graph/errors';
import type { Schema } from '../store/schema';

/**
 * A user's sync blocked by something only they or their IT can fix (consent withdrawn, a mailbox
 * Exchange Online does not serve), kept on each of their streams — rows created when the sync was
 * stopped before any existed, so the status can say why from the very first run.
 */
export async function recordBlocked(
  db: Kysely<Schema>,
  o: { tid: string; oid: string; streams: readonly string[]; failure: GraphFailure; now?: Date },
): Promise<void> {
  const detail = describeGraphFailure(o.failure);
  const at = o.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sync_streams')
      .values(
        o.streams.map((stream) => ({ tid: o.tid, oid: o.oid, stream, phase: 'failed', last_error: detail })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .updateTable('sync_streams')
      .set({ blocked_reason: o.failure.reason ?? 'accessDenied', blocked_detail: detail, blocked_at: at })
      .where('tid', '=', o.tid)
      .where('oid', '=', o.oid)
      .execute();
  });
}

/** A sync reached the mailbox again: whatever blocked it is gone. */
export async function clearBlocked(db: Kysely<Schema>, tid: string, oid: string): Promise<void> {
  await db
    .updateTable('sync_streams')
    .set({ blocked_reason: null, blocked_detail: null, blocked_at: null })
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .where('blocked_reason', 'is not', null)
    .execute();
}
