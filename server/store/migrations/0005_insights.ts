import { type Kysely, sql } from 'kysely';

/**
 * The user's curated map (stakeholders with why they matter, role, notes, self-rating, cadence),
 * their appreciation log, and monthly snapshots of the computed map — kept per model version, so a
 * new model never rewrites history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stakeholders')
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('oid', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('accepted'))
    .addColumn('function_override', 'text')
    .addColumn('why', 'text')
    .addColumn('role_tag', 'text')
    .addColumn('priorities', 'text')
    .addColumn('challenges', 'text')
    .addColumn('notes', 'text')
    .addColumn('self_rating', 'smallint')
    .addColumn('cadence_days', 'integer')
    .addColumn('tension', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('stakeholders_pk', ['tid', 'oid', 'address'])
    .execute();
  await db.schema
    .createTable('appreciations')
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('oid', 'text', (c) => c.notNull())
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('appreciations_pk', ['tid', 'oid', 'id'])
    .execute();
  await db.schema
    .createTable('map_snapshots')
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('oid', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('map_snapshots_pk', ['tid', 'oid', 'month', 'model_version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('map_snapshots').execute();
  await db.schema.dropTable('appreciations').execute();
  await db.schema.dropTable('stakeholders').execute();
}
