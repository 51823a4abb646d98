import { useCallback, useEffect, useState } from 'react';
import { syncQueuedResponse, type SyncStatusResponse, syncStatusResponse } from '../../../contract/sync';
import { ApiError, apiFetch, type TokenSource } from '../../lib/api';

/** `GET /api/sync/status`, as the wire contract (contract/sync.ts) has it. */
export type SyncStatus = SyncStatusResponse;

export const POLL_MS = 2000;
const FIRST_POLL_MS = 250;

/**
 * Polls `GET /api/sync/status` until the phase is 'ready' (then stops): soon at first — a small
 * mailbox is ready within a second or two — then every 2 s. A first sync that has not started is
 * asked for once (`POST /api/sync`); if that needs consent (or a fresh sign-in), polling stops and
 * `blocked` says so until `retry`, which asks for a sync again whatever the phase (the user has
 * just consented or signed in).
 */
export function useSyncStatus(getToken: TokenSource): {
  status: SyncStatus | null;
  error: Error | null;
  /** Set when starting the sync needs the user: consent to Graph, or signing in again. */
  blocked: ApiError | null;
  /** Ask for a sync again (after the user consented or signed in). */
  retry: () => void;
} {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [blocked, setBlocked] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After a retry the user has acted: start a sync even if an earlier one failed or was blocked.
    let asked = false;
    const start = attempt > 0;
    let delay = FIRST_POLL_MS;
    setBlocked(null);
    const poll = async () => {
      try {
        const s = await apiFetch(getToken, '/api/sync/status', syncStatusResponse);
        if (!live) return;
        setStatus(s);
        setError(null);
        if ((s.phase === 'not-started' || start) && !asked) {
          asked = true;
          try {
            await apiFetch(getToken, '/api/sync', syncQueuedResponse, { method: 'POST' });
          } catch (e) {
            // Without consent the sync can never start: stop polling and let the user act.
            if (e instanceof ApiError && (e.needsConsent || e.needsInteraction)) {
              if (live) setBlocked(e);
              return;
            }
          }
        }
        if (s.phase === 'ready') return;
      } catch (e) {
        if (!live) return;
        setError(e instanceof Error ? e : new Error(String(e)));
      }
      if (live) timer = setTimeout(() => void poll(), delay);
      delay = Math.min(POLL_MS, delay * 1.6);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [getToken, attempt]);
  return { status, error, blocked, retry: useCallback(() => setAttempt((n) => n + 1), []) };
}
