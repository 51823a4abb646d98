import type { Client } from '@microsoft/microsoft-graph-client';
import { type Kysely, sql } from 'kysely';
import type { SyncBlocked, SyncPhase } from '../../contract';
import { batchGet, type BatchGet } from '../graph/batch';
import { classifyGraphError, type GraphFailure } from '../graph/errors';
import { mailboxSettingsSchema, mailFolderSchema } from '../graph/schemas';
import { MAILBOX_SETTINGS_URL, mailFolderSizeUrl } from '../graph/urls';
import { getUserSettings } from '../settings/userSettings';
import type { Schema } from '../store/schema';
import { extractionContext, syncDirectory } from './directorySync';
import { rekeyToPrimaryAddresses } from './identityRekey';
import { type StreamName, type StreamSyncResult, syncStream } from './streamSync';

/** A stream that failed: the error's message, and what it means. */
export interface StreamFailure {
  error: string;
  failure: GraphFailure;
}

/** The streams Rapport syncs by default: the primary calendar, Inbox and Sent Items. */
export const DEFAULT_STREAMS: StreamName[] = ['calendar', 'mail:inbox', 'mail:sentitems'];
const SETTINGS_MAX_AGE_MS = 24 * 3600 * 1000;

/**
 * One `$batch` before the streams: the mailbox settings when a day old, and the size of each mail
 * folder about to start a round (for progress and ETA) — one request instead of up to three.
 */
async function preflight(o: {
  db: Kysely<Schema>;
  graph: Client;
  tid: string;
  oid: string;
  streams: StreamName[];
  now: Date;
}): Promise<Map<StreamName, number | null>> {
  const [settings, states] = await Promise.all([
    o.db
      .selectFrom('mailbox_settings')
      .select('synced_at')
      .where('tid', '=', o.tid)
      .where('oid', '=', o.oid)
      .executeTakeFirst(),
    o.db
      .selectFrom('sync_streams')
      .select(['stream', 'delta_link', 'next_link'])
      .where('tid', '=', o.tid)
      .where('oid', '=', o.oid)
      .execute(),
  ]);
  const requests: BatchGet[] = [];
  const settingsDue =
    !settings || o.now.getTime() - new Date(settings.synced_at).getTime() > SETTINGS_MAX_AGE_MS;
  if (settingsDue) requests.push({ id: 'settings', url: MAILBOX_SETTINGS_URL });
  const starting = o.streams.filter((s) => {
    if (s === 'calendar') return false;
    const st = states.find((x) => x.stream === s);
    return !st || (!st.delta_link && !st.next_link);
  });
  for (const s of starting) requests.push({ id: s, url: mailFolderSizeUrl(s.slice('mail:'.length)) });
  const sizes = new Map<StreamName, number | null>();
  if (!requests.length) return sizes;
  const answers = await batchGet(o.graph, requests).catch(() => new Map<string, never>());
  for (const s of starting) {
    const a = answers.get(s);
    sizes.set(
      s,
      a?.status === 200 ? (mailFolderSchema.safeParse(a.body).data?.totalItemCount ?? null) : null,
    );
  }
  const a = answers.get('settings');
  const parsed = a?.status === 200 ? mailboxSettingsSchema.safeParse(a.body) : null;
  if (parsed?.success) {
    const row = {
      time_zone: parsed.data.timeZone ?? null,
      working_hours: parsed.data.workingHours ? JSON.stringify(parsed.data.workingHours) : null,
      synced_at: o.now,
    };
    await o.db
      .insertInto('mailbox_settings')
      .values({ tid: o.tid, oid: o.oid, ...row })
      .onConflict((oc) => oc.columns(['tid', 'oid']).doUpdateSet(row))
      .execute();
  }
  return sizes;
}

/**
 * Syncs one user: the tenant directory if it was never synced (a daily job refreshes it), the
 * mailbox settings and folder sizes in one batch, then every stream. Streams run side by side —
 * three requests at most in flight, under Outlook's four per mailbox — and one failing stream does
 * not stop the others.
 */
export async function syncUser(o: {
  db: Kysely<Schema>;
  graph: Client;
  tid: string;
  oid: string;
  streams?: StreamName[];
  pageSize?: number;
  now?: () => Date;
}): Promise<Record<string, StreamSyncResult | StreamFailure>> {
  const known = await o.db
    .selectFrom('directory_people')
    .select(sql<number>`1`.as('one'))
    .where('tid', '=', o.tid)
    .limit(1)
    .executeTakeFirst();
  if (!known) await syncDirectory(o.db, o.graph, o.tid);
  const streams = o.streams ?? DEFAULT_STREAMS;
  const [context, settings, sizes] = await Promise.all([
    extractionContext(o.db, o.tid, o.oid),
    getUserSettings(o.db, o.tid, o.oid),
    preflight({ ...o, streams, now: o.now?.() ?? new Date() }),
  ]);
  context.meetingSubjects = settings.storeMeetingSubjects;
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
        ...(sizes.has(stream) ? { expectedItems: sizes.get(stream) ?? null } : {}),
      }).catch((err: unknown): StreamFailure => ({
        error: err instanceof Error ? err.message : String(err),
        failure: classifyGraphError(err),
      })),
    ),
  );
  // Pages extracted with a directory older than today's (a resumed round) converge on one person.
  await rekeyToPrimaryAddresses(o.db, o.tid, o.oid);
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

/** Progress per stream for the tab's progress bar (`GET /api/sync/status`), and what blocks it. */
export async function syncStatus(
  db: Kysely<Schema>,
  tid: string,
  oid: string,
): Promise<{ phase: SyncPhase; streams: StreamStatus[]; blocked: SyncBlocked | null }> {
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
  const b = rows.find((r) => r.blocked_reason);
  const blocked = b
    ? {
        code: b.blocked_reason!,
        detail: b.blocked_detail ?? '',
        since: b.blocked_at ? new Date(b.blocked_at).toISOString() : null,
      }
    : null;
  return { phase, streams, blocked };
}
