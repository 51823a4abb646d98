import type { Kysely } from 'kysely';
import type { Schema } from './schema';

/** Records that a user used Rapport; the first sign-in is when their sync will start. */
export async function upsertAppUser(
  db: Kysely<Schema>,
  u: { tid: string; oid: string; displayName: string | null; upn: string | null },
): Promise<void> {
  await db
    .insertInto('app_users')
    .values({ tid: u.tid, oid: u.oid, display_name: u.displayName, user_principal_name: u.upn })
    .onConflict((oc) =>
      oc.columns(['tid', 'oid']).doUpdateSet({
        display_name: u.displayName,
        user_principal_name: u.upn,
        last_seen_at: new Date(),
      }),
    )
    .execute();
}
