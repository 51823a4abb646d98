import { useCallback, useState } from 'react';
import { z } from 'zod';
import { apiFetch, type TokenSource } from '../../lib/api';
import { useApi } from '../../lib/useApi';

/** `GET /api/people/:id/timeline` (server/insights/timeline.ts), as the person panel reads it. */
const entry = z.object({
  at: z.string(),
  // A string, not an enum: a kind added on the server must not break the whole list.
  kind: z.string(),
  channel: z.enum(['meeting', 'mail']),
  direction: z.enum(['outbound', 'inbound', 'mutual']),
  participants: z.number(),
  durationMinutes: z.number().nullable(),
  subject: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof entry>;

const month = z.object({ month: z.string(), meetings: z.number(), mail: z.number() });
export type TimelineMonth = z.infer<typeof month>;

export const timelineSchema = z.object({
  entries: z.array(entry),
  nextBefore: z.string().nullable(),
  total: z.number(),
  months: z.array(month),
});
export type TimelinePage = z.infer<typeof timelineSchema>;

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
  const { result, reload } = useApi(getToken, pathOf(id), timelineSchema);
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
      const page = await apiFetch(getToken, pathOf(id, cursor), timelineSchema);
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
