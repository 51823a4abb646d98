import type { Kysely } from 'kysely';

/** A message's conversation id, so reply latency can be measured within a thread. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interactions').addColumn('conversation_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interactions').dropColumn('conversation_id').execute();
}
