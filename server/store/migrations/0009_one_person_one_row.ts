import { type Kysely, sql } from 'kysely';
import { rekeyToPrimaryAddresses } from '../../sync/identityRekey';
import type { Schema } from '../schema';

/**
 * One person, one row for what was stored before sync resolved aliases: every tenant's
 * interactions, stakeholders and appreciations under one of a directory person's other addresses
 * move to their primary address (sync/identityRekey.ts, which the sync also runs; idempotent).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const typed = db as unknown as Kysely<Schema>;
  const tenants = await sql<{ tid: string }>`select distinct tid from directory_people`.execute(db);
  for (const { tid } of tenants.rows) await rekeyToPrimaryAddresses(typed, tid);
}

/** Nothing to undo: the rows keep their data under the person's primary address. */
export async function down(): Promise<void> {}
