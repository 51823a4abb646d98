import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('msal_token_cache')
    .addColumn('partition_key', 'text', (c) => c.primaryKey())
    .addColumn('ciphertext', 'bytea', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('app_users')
    .addColumn('tid', 'uuid', (c) => c.notNull())
    .addColumn('oid', 'uuid', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('user_principal_name', 'text')
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('app_users_pk', ['tid', 'oid'])
    .execute();
  await db.schema
    .createTable('signin_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tid', 'uuid', (c) => c.notNull())
    .addColumn('oid', 'uuid', (c) => c.notNull())
    .addColumn('home_account_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('signin_sessions_expires_at')
    .on('signin_sessions')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('signin_sessions').execute();
  await db.schema.dropTable('app_users').execute();
  await db.schema.dropTable('msal_token_cache').execute();
}
