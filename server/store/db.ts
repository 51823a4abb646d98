import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger';
import { startEmbedded } from './embedded';
import { migrationProvider } from './migrations';
import type { Schema } from './schema';

export interface Database {
  db: Kysely<Schema>;
  pool: pg.Pool;
  /** The server's URL without its password, for logs. */
  url: string;
  embedded: boolean;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

/** Applies every pending migration; Kysely's lock makes concurrent starters safe. */
export async function migrate(db: Kysely<Schema>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** PostgreSQL at `databaseUrl`, or an embedded server under `dataDir`; migrated to the latest schema. */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  logger: Logger;
}): Promise<Database> {
  const embedded = opts.databaseUrl ? null : await startEmbedded(opts.dataDir, opts.logger);
  const url = opts.databaseUrl ?? embedded!.url;
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', (err) => opts.logger.warn({ err: err.message }, 'PostgreSQL connection error'));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    const applied = await migrate(db);
    if (applied.length) opts.logger.info({ applied }, 'database migrated');
  } catch (err) {
    await db.destroy().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw err;
  }
  let closed = false;
  return {
    db,
    pool,
    url: redactUrl(url),
    embedded: Boolean(embedded),
    ping: async () => {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      await embedded?.stop();
    },
  };
}
