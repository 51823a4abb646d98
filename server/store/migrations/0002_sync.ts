import { type Kysely, sql } from 'kysely';

/** Sync state per stream, the directory per tenant, and the interactions insights read. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_streams')
    .addColumn('tid', 'uuid', (c) => c.notNull())
    .addColumn('oid', 'uuid', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('next_link', 'text') // mid-round: the page to fetch next (committed per page)
    .addColumn('delta_link', 'text') // between rounds: where the next round starts
    .addColumn('window_start', 'timestamptz')
    .addColumn('window_end', 'timestamptz')
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo('idle'))
    .addColumn('rounds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resyncs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('round_started_at', 'timestamptz')
    .addColumn('last_synced_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sync_streams_pk', ['tid', 'oid', 'stream'])
    .execute();
  await db.schema
    .createTable('interactions')
    .addColumn('tid', 'uuid', (c) => c.notNull())
    .addColumn('oid', 'uuid', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('counterpart', 'text', (c) => c.notNull())
    .addColumn('counterpart_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('participants', 'integer', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('owner_is_organizer', 'boolean', (c) => c.notNull())
    .addColumn('response', 'text')
    .addPrimaryKeyConstraint('interactions_pk', ['tid', 'oid', 'source_type', 'source_id', 'counterpart'])
    .execute();
  await db.schema
    .createIndex('interactions_owner_at')
    .on('interactions')
    .columns(['tid', 'oid', 'at'])
    .execute();
  await db.schema
    .createTable('directory_people')
    .addColumn('tid', 'uuid', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('mail', 'text')
    .addColumn('user_principal_name', 'text', (c) => c.notNull())
    .addColumn('addresses', sql`text[]`, (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('job_title', 'text')
    .addColumn('department', 'text')
    .addColumn('office_location', 'text')
    .addColumn('manager_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_enabled', 'boolean', (c) => c.notNull())
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('directory_people_pk', ['tid', 'id'])
    .execute();
  await db.schema
    .createTable('tenant_domains')
    .addColumn('tid', 'uuid', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tenant_domains_pk', ['tid', 'domain'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['tenant_domains', 'directory_people', 'interactions', 'sync_streams'])
    await db.schema.dropTable(t).execute();
}
