import type { Kysely } from 'kysely';

/**
 * Why a user's sync cannot go on without them or their IT (consent withdrawn, mailbox not served
 * by Exchange Online): recorded on each of their streams, so deleting the streams forgets it too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sync_streams')
    .addColumn('blocked_reason', 'text')
    .addColumn('blocked_detail', 'text')
    .addColumn('blocked_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sync_streams')
    .dropColumn('blocked_at')
    .dropColumn('blocked_detail')
    .dropColumn('blocked_reason')
    .execute();
}
