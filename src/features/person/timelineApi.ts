import { useCallback, useState } from 'react';
import { type TimelineEntry, timelineResponse } from '../../../contract/person';
import { apiFetch, type TokenSource } from '../../lib/api';
import { useApi } from '../../lib/useApi';

/** `GET /api/people/:id/timeline`, as the wire contract (contract/person.ts) has it. */
export type {
  TimelineEntry,
  TimelineMonth,
  TimelineResponse as TimelinePage,
} from '../../../contract/person';

/** Entries per request: a page that fits the drawer beside the rest of the person. */
export const TIMELINE_PAGE = 10;

// The strip counts the months the list groups by: the browser's own.
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const pathOf = (id: string, before?: string) =>
  `/api/people/${encodeURIComponent(id)}/timeline?limit=${TIMELINE_PAGE}&tz=${encodeURIComponent(zone())}` +
  (before ? `&before=${encodeURIComponent(before)}` : '');

/**
 * The first page through useApi (skeleton, error, retry), then older pages appended with the
 * cursor. Mount it keyed by person id so another person starts afresh.
 */
export function useTimeline(getToken: TokenSource, id: string) {
  const { result, reload } = useApi(getToken, pathOf(id), timelineResponse);
  const [older, setOlder] = useState<{ entries: TimelineEntry[]; nextBefore: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error | null>(null);
  const first = result.state === 'ready' ? result.data : null;
  const cursor = older ? older.nextBefore : (first?.nextBefore ?? null);
  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await apiFetch(getToken, pathOf(id, cursor), timelineResponse);
      setOlder((o) => ({ entries: [...(o?.entries ?? []), ...page.entries], nextBefore: page.nextBefore }));
    } catch (e) {
      setMoreError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setLoadingMore(false);
    }
  }, [getToken, id, cursor]);
  return {
    result,
    reload,
    entries: first ? [...first.entries, ...(older?.entries ?? [])] : [],
    hasMore: cursor !== null,
    loadMore,
    loadingMore,
    moreError,
  };
}
