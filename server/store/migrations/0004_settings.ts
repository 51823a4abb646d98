import { type Kysely, sql } from 'kysely';

/**
 * Mailbox settings (time zone, working hours) synced from Graph; the user's own Rapport settings;
 * interactions learn whether the counterpart is internal (externals are kept per domain) and,
 * by setting, a meeting's subject.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('interactions')
    .addColumn('internal', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('subject', 'text')
    .execute();
  await db.schema
    .createTable('mailbox_settings')
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('oid', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('working_hours', 'jsonb')
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('mailbox_settings_pk', ['tid', 'oid'])
    .execute();
  await db.schema
    .createTable('user_settings')
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('oid', 'text', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('user_settings_pk', ['tid', 'oid'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_settings').execute();
  await db.schema.dropTable('mailbox_settings').execute();
  await db.schema.alterTable('interactions').dropColumn('subject').dropColumn('internal').execute();
}
