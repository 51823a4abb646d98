import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { createLogger } from '../../server/logger';
import { type Database, openDatabase } from '../../server/store/db';
import { type EmbeddedServer, startEmbedded } from '../../server/store/embedded';

/**
 * Runs suites on both databases Rapport supports: the embedded PostgreSQL (the default, one server
 * per test file) and the machine's server at 127.0.0.1:5432 (standing in for any DATABASE_URL).
 * Every suite gets a database of its own, dropped afterwards. Without the machine's server that
 * target is skipped loudly — except in CI, where its absence fails the run.
 */
export const MACHINE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const logger = createLogger({ level: 'silent' });

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** Whether the machine's server answers; in CI its absence is an error, elsewhere a loud skip. */
export const machineAvailable = await reachable(MACHINE_URL);
if (!machineAvailable && process.env.CI) throw new Error(`CI needs PostgreSQL at ${MACHINE_URL}`);

export interface FreshDatabase {
  url: string;
  /** 'database' normally; 'schema' where the role may not CREATE DATABASE. */
  isolation: 'database' | 'schema';
  drop(): Promise<void>;
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/**
 * A new, empty database `rapport_t_<random>` on the server at `serverUrl`. Where CREATE DATABASE is
 * not allowed (managed servers, restricted roles), a new schema in the URL's database instead,
 * selected for every connection through the URL's `options=-c search_path=…`.
 */
export async function freshDatabaseOn(serverUrl: string): Promise<FreshDatabase> {
  const name = `rapport_t_${randomBytes(5).toString('hex')}`;
  const u = new URL(serverUrl);
  try {
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42501') throw err; // insufficient_privilege
    await adminQuery(serverUrl, `CREATE SCHEMA ${name}`);
    u.searchParams.set('options', `-c search_path=${name}`);
    return {
      url: u.toString(),
      isolation: 'schema',
      drop: () => adminQuery(serverUrl, `DROP SCHEMA IF EXISTS ${name} CASCADE`),
    };
  }
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    isolation: 'database',
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** A fresh database on the machine's server (callers check `machineAvailable` first). */
export const freshMachineDatabase = () => freshDatabaseOn(MACHINE_URL);

/** The embedded server of this test file, started on first use under a temporary folder. */
let embedded: Promise<{ server: EmbeddedServer; dir: string }> | undefined;
let stopRegistered = false;
export function embeddedServer(): Promise<EmbeddedServer> {
  embedded ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-db-'));
    return { server: await startEmbedded(dir, logger), dir };
  })();
  return embedded.then((e) => e.server);
}

/** Stops the file's embedded server after all its tests (registered while the file is collected). */
function stopEmbeddedAfterFile(): void {
  if (stopRegistered) return;
  stopRegistered = true;
  afterAll(async () => {
    const e = await embedded;
    embedded = undefined;
    if (!e) return;
    await e.server.stop();
    fs.rmSync(e.dir, { recursive: true, force: true });
  });
}

export interface DatabaseTarget {
  name: 'embedded' | 'machine';
  label: string;
  available: boolean;
  /** The server's URL, for an administrative connection (creating databases). */
  serverUrl(): Promise<string>;
}

export const databases: DatabaseTarget[] = [
  {
    name: 'embedded',
    label: 'embedded PostgreSQL',
    available: true,
    serverUrl: async () => (await embeddedServer()).url,
  },
  {
    name: 'machine',
    label: 'PostgreSQL at 127.0.0.1:5432',
    available: machineAvailable,
    serverUrl: async () => MACHINE_URL,
  },
];

/**
 * Declares `fn`'s tests once per database target, each with a migrated database of its own.
 * `getDb()` is valid inside tests and hooks (after the suite's beforeAll). Call it at the top level
 * of a test file: the file's embedded server stops after the file.
 */
export function describeEachDatabase(
  name: string,
  fn: (getDb: () => Database, target: DatabaseTarget['name']) => void,
): void {
  stopEmbeddedAfterFile();
  for (const target of databases) {
    if (!target.available)
      console.warn(`\n*** SKIPPING "${name}" on ${target.label}: ${MACHINE_URL} is not reachable ***\n`);
    describe.skipIf(!target.available)(`${name} [${target.label}]`, () => {
      let database: Database | undefined;
      let fresh: FreshDatabase | undefined;
      beforeAll(async () => {
        fresh = await freshDatabaseOn(await target.serverUrl());
        database = await openDatabase({ databaseUrl: fresh.url, dataDir: os.tmpdir(), logger });
      });
      afterAll(async () => {
        await database?.close();
        await fresh?.drop();
      });
      fn(() => {
        if (!database) throw new Error('the database is opened in beforeAll: use getDb() inside tests');
        return database;
      }, target.name);
    });
  }
}
