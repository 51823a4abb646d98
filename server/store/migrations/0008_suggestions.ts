import { type Kysely, sql } from 'kysely';

/**
 * Suggested invites: the week's suggestions per user (kept so the preview is what is sent and a
 * snooze or dismissal holds), holds per person, the invites Rapport sent with how each was
 * answered, colleagues to bring to meetings with customers, each user's weekly run, and tenant
 * settings (the weekly cap on invites a colleague receives from everyone). The invites' recipient
 * index serves that cap across organisers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('suggestions')
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('oid', 'text', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('week', 'text', (c) => c.notNull()) // the local date of the week's Monday
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('person', 'jsonb', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('slots', 'jsonb', (c) => c.notNull())
    .addColumn('their_time_zone', 'text')
    .addColumn('preview', 'jsonb', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('snoozed_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('suggestions_pk', ['tid', 'oid', 'id'])
    .addUniqueConstraint('suggestions_week_person', ['tid', 'oid', 'week', 'address'])
    .execute();
  await db.schema
    .createTable('suggestion_holds')
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('oid', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('until', 'timestamptz') // null: dismissed for good
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('suggestion_holds_pk', ['tid', 'oid', 'address'])
    .execute();
  await db.schema
    .createTable('invites')
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('oid', 'text', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('suggestion_id', 'uuid')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_at', 'timestamptz', (c) => c.notNull())
    .addColumn('end_at', 'timestamptz', (c) => c.notNull())
    .addColumn('transaction_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // sending | sent | failed
    .addColumn('event_id', 'text')
    .addColumn('response', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('proposed_start', 'timestamptz')
    .addColumn('happened', 'boolean')
    .addColumn('auto', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('checked_at', 'timestamptz')
    .addPrimaryKeyConstraint('invites_pk', ['tid', 'oid', 'id'])
    .addUniqueConstraint('invites_transaction', ['tid', 'oid', 'transaction_id'])
    .execute();
  await db.schema
    .createIndex('invites_recipient')
    .on('invites')
    .columns(['tid', 'address', 'created_at'])
    .execute();
  await db.schema
    .createTable('bring_suggestions')
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('oid', 'text', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('meeting', 'jsonb', (c) => c.notNull())
    .addColumn('colleague', 'jsonb', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('bring_suggestions_pk', ['tid', 'oid', 'id'])
    .addUniqueConstraint('bring_suggestions_event', ['tid', 'oid', 'event_id'])
    .execute();
  await db.schema
    .createTable('suggestion_runs')
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('oid', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('notice', 'text')
    .addColumn('prepared_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('tracked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('suggestion_runs_pk', ['tid', 'oid', 'week'])
    .execute();
  await db.schema
    .createTable('tenant_settings')
    .addColumn('tid', 'text', (c) => c.primaryKey())
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'tenant_settings',
    'suggestion_runs',
    'bring_suggestions',
    'invites',
    'suggestion_holds',
    'suggestions',
  ])
    await db.schema.dropTable(t).execute();
}
