import type { Kysely } from 'kysely';
import type { TokenCacheStore } from '../auth/types';
import type { Schema } from './schema';

/** The encrypted MSAL token cache in PostgreSQL, one row per partition. */
export class PgTokenCacheStore implements TokenCacheStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async load(partitionKey: string): Promise<Buffer | null> {
    const row = await this.db
      .selectFrom('msal_token_cache')
      .select('ciphertext')
      .where('partition_key', '=', partitionKey)
      .executeTakeFirst();
    return row?.ciphertext ?? null;
  }

  async save(partitionKey: string, ciphertext: Buffer): Promise<void> {
    await this.db
      .insertInto('msal_token_cache')
      .values({ partition_key: partitionKey, ciphertext })
      .onConflict((oc) => oc.column('partition_key').doUpdateSet({ ciphertext, updated_at: new Date() }))
      .execute();
  }

  async delete(partitionKey: string): Promise<void> {
    await this.db.deleteFrom('msal_token_cache').where('partition_key', '=', partitionKey).execute();
  }
}
