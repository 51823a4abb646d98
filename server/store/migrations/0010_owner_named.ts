import type { Kysely } from 'kysely';

/**
 * Received mail records whether the owner was named in To or Cc: mail that reaches them only
 * through a list or Bcc is evidence of a list or an automated sender (insights/automated.ts).
 * Rows stored before stay null (unknown), which is no evidence either way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interactions').addColumn('owner_named', 'boolean').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interactions').dropColumn('owner_named').execute();
}
