import { describeGraphFailure, type GraphFailure, isRetryable } from '../graph/errors';

/**
 * What a sync run's failures mean for its job — the one place that decides. Forbidden ends the job
 * at once and says why (retrying cannot bring consent back); throttled and transient failures are
 * retried with backoff; anything else is given up until the next sweep. Pure.
 */
export type SyncOutcome =
  | { kind: 'done' }
  | { kind: 'blocked'; failure: GraphFailure }
  | { kind: 'retry'; reason: string }
  | { kind: 'failed'; reason: string };

export interface RunFailure {
  /** A stream's name, or 'sync' when the run stopped before the streams. */
  where: string;
  failure: GraphFailure;
}

const list = (failures: RunFailure[]) =>
  failures.map((f) => `${f.where} (${f.failure.code}: ${describeGraphFailure(f.failure)})`).join(', ');

export function syncOutcome(failures: RunFailure[]): SyncOutcome {
  if (!failures.length) return { kind: 'done' };
  const forbidden = failures.find((f) => f.failure.code === 'forbidden');
  if (forbidden) return { kind: 'blocked', failure: forbidden.failure };
  if (failures.some((f) => isRetryable(f.failure)))
    return { kind: 'retry', reason: `sync failed: ${list(failures)}` };
  return { kind: 'failed', reason: `sync failed: ${list(failures)}` };
}
