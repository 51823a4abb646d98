import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { createLogger } from '../../server/logger';
import { type Database, openDatabase } from '../../server/store/db';

/**
 * Runs a suite on both databases Rapport supports: the embedded PostgreSQL (the default) and the
 * machine's server at 127.0.0.1:5432 (any DATABASE_URL). Each run gets a database of its own.
 * Without the machine's server the second target is skipped loudly — except in CI, where it fails.
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

/** A fresh database on the machine's server; returns its URL and a function that drops it. */
export async function freshMachineDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `rapport_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: MACHINE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(MACHINE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: MACHINE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function describeEachDatabase(
  name: string,
  fn: (db: () => Database, target: 'embedded' | 'machine') => void,
): void {
  describe(`${name} [embedded PostgreSQL]`, () => {
    let database: Database;
    let dir: string;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-db-'));
      database = await openDatabase({ dataDir: dir, logger });
    });
    afterAll(async () => {
      await database?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    fn(() => database, 'embedded');
  });

  if (!machineAvailable)
    console.warn(
      `\n*** SKIPPING "${name}" on the machine's PostgreSQL: ${MACHINE_URL} is not reachable ***\n`,
    );
  describe.skipIf(!machineAvailable)(`${name} [PostgreSQL at 127.0.0.1:5432]`, () => {
    let database: Database | undefined;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const fresh = await freshMachineDatabase();
      drop = fresh.drop;
      database = await openDatabase({ databaseUrl: fresh.url, dataDir: os.tmpdir(), logger });
    });
    afterAll(async () => {
      await database?.close();
      await drop?.();
    });
    fn(() => database!, 'machine');
  });
}
