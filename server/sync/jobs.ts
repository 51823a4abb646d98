import type { Client } from '@microsoft/microsoft-graph-client';
import type { Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from '../logger';
import type { Schema } from '../store/schema';
import { classifyGraphError, describeGraphFailure, isRetryable } from '../graph/errors';
import { clearBlocked, recordBlocked } from './blocked';
import { syncDirectory } from './directorySync';
import { type RunFailure, syncOutcome } from './jobOutcome';
import { DEFAULT_STREAMS, syncUser } from './userSync';

/**
 * Sync jobs in PostgreSQL (pg-boss): every server instance works the same queue, one job per user
 * at a time ("stately" queue keyed by user). Throttled and transient failures are retried with
 * backoff; a forbidden one ends the job at once and is recorded on the user's sync status, until a
 * sync gets through again (see `syncOutcome`). A sweep every few minutes enqueues the users
 * active in the last hour and everyone not synced for a day.
 */
const SYNC = 'sync-user';
const SWEEP = 'sync-sweep';
/** The tenant directory (people, managers, verified domains), refreshed daily per tenant. */
const DIRECTORY = 'sync-directory';
const DIRECTORY_SWEEP = 'sync-directory-sweep';
/** Monthly snapshots of every user's map. */
const SNAPSHOTS = 'map-snapshots';

export interface SyncJobs {
  enqueue(tid: string, oid: string): Promise<string | null>;
  /** A sync job's state, how often it was retried and what it returned (null once archived). */
  job(id: string): Promise<{ state: string; retryCount: number; output: unknown } | null>;
  /** Runs the sweep now (what the schedule does every few minutes). */
  sweep(): Promise<number>;
  /** Refreshes one tenant's directory now, acting for its most recently active user who can. */
  refreshDirectory(tid: string): Promise<{ people: number } | null>;
  stop(): Promise<void>;
}

export async function startSyncJobs(deps: {
  pool: pg.Pool;
  db: Kysely<Schema>;
  logger: Logger;
  /** A Graph client acting for the user without them: MSAL's cached refresh token. */
  graphFor: (tid: string, oid: string) => Promise<Client>;
  /** Minutes between sweeps (1–30); 0 turns the periodic sweep off. */
  sweepEveryMinutes?: number;
  pollingIntervalSeconds?: number;
  /** Seconds before a failed sync is tried again (doubling each time); tests shorten it. */
  retryDelaySeconds?: number;
  /** Called after a user's sync finished (the map's cache drops their entry). */
  onSynced?: (tid: string, oid: string) => void;
  /** Stores a user's map as of a month's end; run on the 1st of each month for the month before. */
  snapshot?: (tid: string, oid: string, month: string) => Promise<unknown>;
}): Promise<SyncJobs> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => deps.pool.query(text, values as unknown[]) },
    schema: 'pgboss',
  });
  boss.on('error', (err: Error) => deps.logger.warn({ err: err.message }, 'job queue error'));
  await boss.start();
  await boss.createQueue(SYNC, {
    name: SYNC,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: deps.retryDelaySeconds ?? 30,
    retryBackoff: true,
    expireInSeconds: 3600,
  });
  await boss.createQueue(SWEEP, { name: SWEEP, policy: 'singleton' });
  await boss.createQueue(DIRECTORY, {
    name: DIRECTORY,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 300,
    retryBackoff: true,
    expireInSeconds: 3600,
  });
  await boss.createQueue(DIRECTORY_SWEEP, { name: DIRECTORY_SWEEP, policy: 'singleton' });

  const enqueue = (tid: string, oid: string) =>
    boss.send(SYNC, { tid, oid }, { singletonKey: `${tid}:${oid}` });

  async function sweep(): Promise<number> {
    const hourAgo = new Date(Date.now() - 3600_000);
    const dayAgo = new Date(Date.now() - 24 * 3600_000);
    const users = await deps.db
      .selectFrom('app_users as u')
      .leftJoin('sync_streams as s', (j) => j.onRef('s.tid', '=', 'u.tid').onRef('s.oid', '=', 'u.oid'))
      .select(['u.tid', 'u.oid'])
      .groupBy(['u.tid', 'u.oid', 'u.last_seen_at'])
      .having((eb) =>
        eb.or([
          eb('u.last_seen_at', '>', hourAgo),
          eb(eb.fn.max('s.last_synced_at'), '<', dayAgo),
          eb(eb.fn.max('s.last_synced_at'), 'is', null),
        ]),
      )
      .execute();
    for (const u of users) await enqueue(u.tid, u.oid);
    return users.length;
  }

  async function refreshDirectory(tid: string): Promise<{ people: number } | null> {
    const users = await deps.db
      .selectFrom('app_users')
      .select('oid')
      .where('tid', '=', tid)
      .orderBy('last_seen_at', 'desc')
      .limit(5)
      .execute();
    let lastError: unknown = null;
    for (const u of users) {
      try {
        const graph = await deps.graphFor(tid, u.oid);
        return await syncDirectory(deps.db, graph, tid);
      } catch (err) {
        lastError = err; // this user's token may be gone: try the next one
      }
    }
    if (lastError) throw lastError;
    return null;
  }

  /** One sync of a user, its failures classified; `reached` when some stream got through. */
  async function run(tid: string, oid: string): Promise<{ failures: RunFailure[]; reached: boolean }> {
    try {
      const graph = await deps.graphFor(tid, oid);
      const result = await syncUser({ db: deps.db, graph, tid, oid });
      const failures = Object.entries(result).flatMap(([where, r]) =>
        'error' in r ? [{ where, failure: r.failure }] : [],
      );
      return { failures, reached: failures.length < Object.keys(result).length };
    } catch (err) {
      // Stopped before the streams: no token, or the directory could not be read.
      return { failures: [{ where: 'sync', failure: classifyGraphError(err) }], reached: false };
    }
  }

  await boss.work<{ tid: string; oid: string }>(
    SYNC,
    { batchSize: 1, pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 2 },
    async ([job]) => {
      if (!job) return;
      const { tid, oid } = job.data;
      const { failures, reached } = await run(tid, oid);
      deps.onSynced?.(tid, oid);
      const outcome = syncOutcome(failures);
      if (outcome.kind === 'blocked') {
        const { failure } = outcome;
        await recordBlocked(deps.db, { tid, oid, streams: DEFAULT_STREAMS, failure });
        deps.logger.warn(
          { tid, oid, reason: failure.reason, graph: describeGraphFailure(failure) },
          'sync blocked',
        );
        return { blocked: failure.reason }; // completed: pg-boss does not retry it
      }
      if (reached) await clearBlocked(deps.db, tid, oid);
      if (outcome.kind === 'retry') throw new Error(outcome.reason);
      if (outcome.kind === 'failed') {
        deps.logger.warn({ tid, oid, reason: outcome.reason }, 'sync failed; not retried');
        return { failed: outcome.reason };
      }
    },
  );
  await boss.work(SWEEP, async () => {
    await sweep();
  });
  const every = deps.sweepEveryMinutes ?? 5;
  if (every > 0) await boss.schedule(SWEEP, `*/${every} * * * *`);
  else await boss.unschedule(SWEEP); // 0: no periodic sweep (benchmarks measuring a quiet server)
  await boss.work<{ tid: string }>(DIRECTORY, { batchSize: 1 }, async ([job]) => {
    if (!job) return;
    try {
      await refreshDirectory(job.data.tid);
    } catch (err) {
      const failure = classifyGraphError(err);
      if (isRetryable(failure)) throw err; // the same policy as a user's sync
      deps.logger.warn(
        { tid: job.data.tid, graph: describeGraphFailure(failure) },
        'directory refresh failed',
      );
      return { failed: describeGraphFailure(failure) };
    }
  });
  await boss.work(DIRECTORY_SWEEP, async () => {
    const tenants = await deps.db.selectFrom('app_users').select('tid').distinct().execute();
    for (const t of tenants) await boss.send(DIRECTORY, { tid: t.tid }, { singletonKey: t.tid });
  });
  await boss.schedule(DIRECTORY_SWEEP, '17 3 * * *'); // daily, off the hour
  const snapshot = deps.snapshot;
  if (snapshot) {
    await boss.createQueue(SNAPSHOTS, { name: SNAPSHOTS, policy: 'singleton' });
    await boss.work(SNAPSHOTS, async () => {
      const d = new Date();
      const month = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
      const users = await deps.db.selectFrom('app_users').select(['tid', 'oid']).execute();
      for (const u of users)
        await snapshot(u.tid, u.oid, month).catch((err: unknown) =>
          deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'snapshot failed'),
        );
    });
    await boss.schedule(SNAPSHOTS, '7 4 1 * *'); // the 1st of each month: last month's map
  }

  return {
    enqueue,
    job: async (id) => {
      const j = await boss.getJobById(SYNC, id);
      return j ? { state: j.state, retryCount: j.retryCount, output: j.output } : null;
    },
    sweep,
    refreshDirectory,
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
