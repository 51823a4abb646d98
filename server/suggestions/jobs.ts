import type { Client } from '@microsoft/microsoft-graph-client';
import { type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { classifyGraphError, describeGraphFailure, isRetryable } from '../graph/errors';
import type { Logger } from '../logger';
import type { Schema } from '../store/schema';
import { zoneOf } from './schedule';
import type { SuggestionsService } from './service';
import { addDays, wallTime, type Zone } from './zone';

/**
 * The weekly job: on Monday morning in each user's own time zone, their week's suggestions are
 * prepared (and sent, for those who turned auto-send on). pg-boss on the same PostgreSQL, so every
 * server instance shares one queue and a user's week is prepared once: an hourly sweep enqueues
 * the users whose Monday 06:00 has come and whose week has no run yet (a server that was down on
 * Monday catches up later in the week).
 */

const WEEK = 'suggestions-week';
type WeekJob = { tid: string; oid: string; week: string };
const SWEEP = 'suggestions-sweep';
/** Local hour on Monday from which the week is prepared. */
export const PREPARE_FROM_HOUR = 6;

/** The local week (its Monday, YYYY-MM-DD) due for preparing at `now`; null before Monday 06:00. */
export function weekDue(zone: Zone, now: number): string | null {
  const w = wallTime(zone, now);
  const sinceMonday = (w.weekday + 6) % 7;
  if (sinceMonday === 0 && w.minutes < PREPARE_FROM_HOUR * 60) return null;
  return addDays(w.date, -sinceMonday);
}

export interface SuggestionJobs {
  /** Runs the sweep now: enqueues every user whose week is due; how many were enqueued. */
  sweep(now?: Date): Promise<number>;
  /** Resolves when no week job is queued or running (benchmarks, tests). */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSuggestionJobs(deps: {
  pool: pg.Pool;
  db: Kysely<Schema>;
  logger: Logger;
  service: SuggestionsService;
  graphFor: (tid: string, oid: string) => Promise<Client>;
  pollingIntervalSeconds?: number;
  /** Users prepared at once on this instance; Graph's own concurrency is the shared limiter's. */
  concurrency?: number;
  /** The sweep's cron; null: none (tests and benchmarks sweep by hand). */
  sweepCron?: string | null;
}): Promise<SuggestionJobs> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => deps.pool.query(text, values as unknown[]) },
    schema: 'pgboss',
  });
  boss.on('error', (err: Error) => deps.logger.warn({ err: err.message }, 'job queue error'));
  await boss.start();
  await boss.createQueue(WEEK, {
    name: WEEK,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 300,
    retryBackoff: true,
    expireInSeconds: 1800,
  });
  await boss.createQueue(SWEEP, { name: SWEEP, policy: 'singleton' });

  async function sweep(at = new Date()): Promise<number> {
    const now = at.getTime();
    const users = await deps.db
      .selectFrom('app_users as u')
      .leftJoin('mailbox_settings as m', (j) =>
        j.on(sql<boolean>`m.tid = u.tid::text and m.oid = u.oid::text`),
      )
      .select(['u.tid', 'u.oid', 'm.time_zone'])
      .execute();
    const runs = await deps.db
      .selectFrom('suggestion_runs')
      .select(['tid', 'oid', 'week'])
      .where('week', '>=', new Date(now - 9 * 86_400_000).toISOString().slice(0, 10))
      .execute();
    const done = new Set(runs.map((r) => `${r.tid}:${r.oid}:${r.week}`));
    let queued = 0;
    for (const u of users) {
      const zone = zoneOf({ name: u.time_zone ?? 'UTC' }) ?? zoneOf({ name: 'UTC' })!;
      const week = weekDue(zone, now);
      if (!week || done.has(`${u.tid}:${u.oid}:${week}`)) continue;
      const id = await boss.send(
        WEEK,
        { tid: u.tid, oid: u.oid, week },
        { singletonKey: `${u.tid}:${u.oid}:${week}` },
      );
      if (id) queued++;
    }
    return queued;
  }

  const work = async ([job]: Array<PgBoss.Job<WeekJob>>) => {
    if (!job) return;
    const { tid, oid } = job.data;
    try {
      await deps.service.prepare(tid, oid, await deps.graphFor(tid, oid));
    } catch (err) {
      const failure = classifyGraphError(err);
      if (isRetryable(failure)) throw err; // the one Graph policy: wait and try again
      deps.logger.warn({ tid, oid, graph: describeGraphFailure(failure) }, 'weekly suggestions not prepared');
      return { failed: describeGraphFailure(failure) };
    }
  };
  // pg-boss 10 runs one job per worker, and a worker sleeps out the rest of its polling interval
  // after each job even with the queue full (2 users/s with 4 workers, measured): so there are as
  // many workers as Graph has slots, and each is woken as soon as its job ends.
  for (let i = 0; i < (deps.concurrency ?? 16); i++) {
    const id: string = await boss.work<WeekJob>(
      WEEK,
      { batchSize: 1, pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        try {
          return await work(jobs);
        } finally {
          if (jobs.length) boss.notifyWorker(id); // the next job now; an empty fetch still waits
        }
      },
    );
  }
  await boss.work(SWEEP, async () => {
    await sweep();
  });
  if (deps.sweepCron === null) await boss.unschedule(SWEEP);
  else await boss.schedule(SWEEP, deps.sweepCron ?? '5 * * * *');

  return {
    sweep,
    drained: async () => {
      for (;;) {
        const n = await boss.getQueueSize(WEEK, { before: 'completed' });
        if (n === 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
