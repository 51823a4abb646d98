import type { Client } from '@microsoft/microsoft-graph-client';
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { extractionContext, syncDirectory } from './directorySync';
import { type StreamName, type StreamSyncResult, syncStream } from './streamSync';

/** The streams Rapport syncs by default: the primary calendar, Inbox and Sent Items. */
export const DEFAULT_STREAMS: StreamName[] = ['calendar', 'mail:inbox', 'mail:sentitems'];
const DIRECTORY_MAX_AGE_MS = 24 * 3600 * 1000;

/**
 * Syncs one user: the tenant directory when it is older than a day, then every stream. Streams run
 * side by side — three requests at most in flight, under Outlook's four per mailbox — and one
 * failing stream does not stop the others.
 */
export async function syncUser(o: {
  db: Kysely<Schema>;
  graph: Client;
  tid: string;
  oid: string;
  streams?: StreamName[];
  pageSize?: number;
  now?: () => Date;
}): Promise<Record<string, StreamSyncResult | { error: string }>> {
  const fresh = await o.db
    .selectFrom('directory_people')
    .select((eb) => eb.fn.max('synced_at').as('at'))
    .where('tid', '=', o.tid)
    .executeTakeFirst();
  if (!fresh?.at || Date.now() - new Date(fresh.at).getTime() > DIRECTORY_MAX_AGE_MS)
    await syncDirectory(o.db, o.graph, o.tid);
  const context = await extractionContext(o.db, o.tid, o.oid);
  const streams = o.streams ?? DEFAULT_STREAMS;
  const results = await Promise.all(
    streams.map((stream) =>
      syncStream({
        db: o.db,
        graph: o.graph,
        tid: o.tid,
        oid: o.oid,
        stream,
        context,
        pageSize: o.pageSize,
        now: o.now,
      }).catch((err: unknown) => ({
        error: err instanceof Error ? err.message : String(err),
      })),
    ),
  );
  return Object.fromEntries(streams.map((s, i) => [s, results[i]!]));
}

export interface StreamStatus {
  stream: string;
  phase: string;
  items: number;
  skipped: number;
  pages: number;
  rounds: number;
  resyncs: number;
  lastError: string | null;
  lastSyncedAt: string | null;
  updatedAt: string;
  /** During a backfill with a known size: 0–99; 100 once a round has completed; null when unknown. */
  percent: number | null;
  /** Seconds left in the backfill, from its pace so far; null when unknown. */
  etaSeconds: number | null;
}

function progress(r: {
  phase: string;
  rounds: number;
  expected_items: number | null;
  round_items: number;
  round_started_at: Date | null;
}): { percent: number | null; etaSeconds: number | null } {
  const backfilling = r.phase === 'backfill' || r.phase === 'resync';
  if (!backfilling) return { percent: r.rounds > 0 ? 100 : null, etaSeconds: r.rounds > 0 ? 0 : null };
  if (!r.expected_items) return { percent: null, etaSeconds: null };
  const done = Math.min(r.round_items, r.expected_items);
  const percent = Math.min(99, Math.floor((done / r.expected_items) * 100));
  const elapsed = r.round_started_at ? (Date.now() - new Date(r.round_started_at).getTime()) / 1000 : 0;
  const etaSeconds =
    done > 0 && elapsed > 0 ? Math.round((elapsed / done) * (r.expected_items - done)) : null;
  return { percent, etaSeconds };
}

/** Progress per stream for the tab's progress bar (`GET /api/sync/status`). */
export async function syncStatus(
  db: Kysely<Schema>,
  tid: string,
  oid: string,
): Promise<{ phase: string; streams: StreamStatus[] }> {
  const rows = await db
    .selectFrom('sync_streams')
    .selectAll()
    .where('tid', '=', tid)
    .where('oid', '=', oid)
    .orderBy('stream')
    .execute();
  const streams = rows.map((r) => ({
    stream: r.stream,
    phase: r.phase,
    items: r.items,
    skipped: r.skipped,
    pages: r.pages,
    rounds: r.rounds,
    resyncs: r.resyncs,
    lastError: r.last_error,
    lastSyncedAt: r.last_synced_at ? new Date(r.last_synced_at).toISOString() : null,
    updatedAt: new Date(r.updated_at).toISOString(),
    ...progress(r),
  }));
  const phase = !streams.length
    ? 'not-started'
    : streams.some((s) => s.phase === 'failed')
      ? 'failed'
      : streams.some((s) => s.phase === 'backfill' || s.phase === 'resync')
        ? 'backfill'
        : streams.every((s) => s.rounds > 0)
          ? 'ready'
          : 'syncing';
  return { phase, streams };
}
