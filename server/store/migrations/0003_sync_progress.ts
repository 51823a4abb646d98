import type { Kysely } from 'kysely';

/** How many items a backfill expects (a mail folder's totalItemCount), for percent and ETA. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_streams').addColumn('expected_items', 'integer').execute();
  await db.schema
    .alterTable('sync_streams')
    .addColumn('round_items', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_streams').dropColumn('round_items').dropColumn('expected_items').execute();
}
