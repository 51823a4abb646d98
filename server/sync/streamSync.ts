import { GraphError } from '@microsoft/microsoft-graph-client';
import type { Client } from '@microsoft/microsoft-graph-client';
import { type Kysely, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Interaction } from '../domain/interaction';
import type { Schema } from '../store/schema';
import {
  eventInteractions,
  type ExtractionContext,
  graphEventSchema,
  graphMessageSchema,
  messageInteractions,
} from './interactions';

/**
 * One delta stream of one mailbox — the primary calendar's calendarView, or one mail folder —
 * synced page by page. Each page's interactions and the cursor that follows it commit in one
 * transaction, so a crash resumes from the last committed page with nothing lost or counted twice.
 * A 410 (expired delta token) resyncs the stream from scratch, replacing what it had.
 */
export type StreamName = 'calendar' | `mail:${string}`;

export interface StreamSyncOptions {
  db: Kysely<Schema>;
  graph: Client;
  tid: string;
  oid: string;
  stream: StreamName;
  context: ExtractionContext;
  now?: () => Date;
  /** Delta page size asked of Graph (`Prefer: odata.maxpagesize`). */
  pageSize?: number;
  /** The calendar window: months back and ahead of now. */
  monthsBack?: number;
  monthsAhead?: number;
  /** A mail folder's size when the caller already fetched it (batched with others); else asked here. */
  expectedItems?: number | null;
  /** Stop after this many pages (tests simulate a crash with it). */
  maxPages?: number;
  /** Called after each committed page, with the time spent waiting for Graph and writing (ms). */
  onPage?: (p: { waitMs: number; writeMs: number; items: number; interactions: number }) => void;
}

export interface StreamSyncResult {
  pages: number;
  items: number;
  skipped: number;
  removed: number;
  resynced: boolean;
  done: boolean;
  /** Another process (or call) was already syncing this stream: nothing was done. */
  busy: boolean;
}

const deltaPage = z.object({
  value: z.array(z.record(z.string(), z.unknown())),
  '@odata.nextLink': z.string().optional(),
  '@odata.deltaLink': z.string().optional(),
});

function initialUrl(stream: StreamName, windowStart: Date, windowEnd: Date): string {
  if (stream === 'calendar') {
    return `/me/calendarView/delta?startDateTime=${windowStart.toISOString()}&endDateTime=${windowEnd.toISOString()}`;
  }
  const folder = stream.slice('mail:'.length);
  // Metadata only: what relationship scoring needs, never bodies.
  const select =
    'id,subject,sentDateTime,receivedDateTime,conversationId,from,sender,toRecipients,ccRecipients,bccRecipients,isDraft';
  return `/me/mailFolders/${encodeURIComponent(folder)}/messages/delta?$select=${select}`;
}

/** Replaces the interactions of a page's items in two statements: delete theirs, insert the new. */
async function replacePage(
  trx: Transaction<Schema>,
  o: StreamSyncOptions,
  sourceIds: string[],
  list: Interaction[],
  firstRound: boolean,
): Promise<void> {
  if (!sourceIds.length) return;
  const sourceType = o.stream === 'calendar' ? 'event' : 'message';
  // Subjects are kept only while the setting is on *now*: the sync read it when it started, and the
  // user may have turned it off since (which cleared the stored ones). FOR SHARE makes a concurrent
  // change wait for this page, so its clearing sees these rows too. Taken before any row lock
  // below, in the same order as the settings change takes them (settings, then interactions).
  let keepSubjects = false;
  if (list.some((i) => i.subject)) {
    const r = await sql<{ keep: boolean | null }>`select (settings->>'storeMeetingSubjects')::boolean as keep
      from user_settings where tid = ${o.tid} and oid = ${o.oid} for share`.execute(trx);
    keepSubjects = r.rows[0]?.keep === true;
  }
  // In a stream's first round nothing of it is stored yet (a resync clears it first) and pages
  // commit atomically, so there is nothing to replace: no delete. Replays meet ON CONFLICT.
  if (!firstRound) {
    await trx
      .deleteFrom('interactions')
      .where('tid', '=', o.tid)
      .where('oid', '=', o.oid)
      .where('source_type', '=', sourceType)
      .where('source_id', 'in', sourceIds)
      .execute();
  }
  // A page may replay an item (Graph allows it): keep one row per key.
  const rows = [...new Map(list.map((i) => [`${i.sourceId}|${i.counterpart}`, i])).values()];
  if (!rows.length) return;
  // One array per column through unnest: 14 parameters for the whole page instead of 14 per row,
  // which is what serialising and parsing a 1,000-message page mostly cost.
  const col = <T>(f: (i: Interaction) => T) => rows.map(f);
  await sql`insert into interactions (tid, oid, stream, source_type, source_id, counterpart, counterpart_id,
      kind, at, duration_minutes, participants, direction, owner_is_organizer, response, internal, subject,
      conversation_id)
    select ${o.tid}::uuid, ${o.oid}::uuid, ${o.stream}, * from unnest(
      ${col((i) => i.sourceType)}::text[], ${col((i) => i.sourceId)}::text[],
      ${col((i) => i.counterpart)}::text[], ${col((i) => i.counterpartId)}::uuid[],
      ${col((i) => i.kind)}::text[], ${col((i) => i.at.toISOString())}::timestamptz[],
      ${col((i) => i.durationMinutes)}::int[], ${col((i) => i.participants)}::int[],
      ${col((i) => i.direction)}::text[], ${col((i) => i.ownerIsOrganizer)}::boolean[],
      ${col((i) => i.response)}::text[], ${col((i) => i.internal)}::boolean[],
      ${col((i) => (keepSubjects ? (i.subject ?? null) : null))}::text[], ${col((i) => i.conversationId ?? null)}::text[])
    on conflict do nothing`.execute(trx);
}

/** Roll the calendar window forward when its end is closer than this. */
const ROLL_MARGIN_MS = 45 * 24 * 3600 * 1000;

const isGone = (err: unknown) =>
  err instanceof GraphError &&
  (err.statusCode === 410 || /syncstatenotfound|resyncrequired/i.test(err.code ?? ''));

/**
 * Syncs the stream while holding a PostgreSQL advisory lock on it, so several server instances (or
 * overlapping triggers) never work on one stream at once: the second one returns `busy`.
 */
export async function syncStream(o: StreamSyncOptions): Promise<StreamSyncResult> {
  return o.db.connection().execute(async (conn) => {
    const key = `rapport-sync|${o.tid}|${o.oid}|${o.stream}`;
    const lock = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as ok`.execute(conn);
    if (!lock.rows[0]?.ok)
      return { pages: 0, items: 0, skipped: 0, removed: 0, resynced: false, done: false, busy: true };
    try {
      return await syncStreamLocked(o);
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(conn);
    }
  });
}

async function syncStreamLocked(o: StreamSyncOptions): Promise<StreamSyncResult> {
  const now = o.now ?? (() => new Date());
  const result: StreamSyncResult = {
    pages: 0,
    items: 0,
    skipped: 0,
    removed: 0,
    resynced: false,
    done: false,
    busy: false,
  };
  const key = { tid: o.tid, oid: o.oid, stream: o.stream };
  await o.db
    .insertInto('sync_streams')
    .values(key)
    .onConflict((oc) => oc.doNothing())
    .execute();
  const prefer = `odata.maxpagesize=${o.pageSize ?? 100}, IdType="ImmutableId", outlook.timezone="UTC"`;
  // The next page is requested while this one is written: Graph's latency and the database overlap.
  let prefetched: { url: string; promise: Promise<unknown> } | null = null;

  for (;;) {
    const state = await o.db
      .selectFrom('sync_streams')
      .selectAll()
      .where('tid', '=', o.tid)
      .where('oid', '=', o.oid)
      .where('stream', '=', o.stream)
      .executeTakeFirstOrThrow();
    // The calendar window is locked in its delta token: when its end comes near, start a new round
    // with a window from now. Interactions already stored stay (past meetings remain history);
    // the new round replaces what it sees.
    const windowEnd = state.window_end ? new Date(state.window_end).getTime() : null;
    if (
      o.stream === 'calendar' &&
      state.delta_link &&
      !state.next_link &&
      windowEnd !== null &&
      windowEnd - now().getTime() < ROLL_MARGIN_MS
    ) {
      await o.db
        .updateTable('sync_streams')
        .set({ delta_link: null, phase: 'roll', updated_at: now() })
        .where('tid', '=', o.tid)
        .where('oid', '=', o.oid)
        .where('stream', '=', o.stream)
        .execute();
      continue;
    }
    let url = state.next_link ?? state.delta_link;
    // Nothing of the stream is stored before its first completed round (a resync clears it).
    const firstRound = state.delta_link === null && state.rounds === 0;
    if (!url) {
      const start = new Date(now());
      start.setUTCMonth(start.getUTCMonth() - (o.monthsBack ?? 12));
      const end = new Date(now());
      end.setUTCMonth(end.getUTCMonth() + (o.monthsAhead ?? 3));
      url = initialUrl(o.stream, start, end);
      // A mail folder knows its size: the backfill's progress and ETA come from it.
      let expected: number | null = o.expectedItems ?? null;
      if (o.stream !== 'calendar' && o.expectedItems === undefined) {
        const folder = await o.graph
          .api(`/me/mailFolders/${encodeURIComponent(o.stream.slice('mail:'.length))}`)
          .select('totalItemCount')
          .get()
          .catch(() => null);
        expected = z.object({ totalItemCount: z.number() }).safeParse(folder).data?.totalItemCount ?? null;
      }
      await o.db
        .updateTable('sync_streams')
        .set({
          window_start: start,
          window_end: end,
          phase: 'backfill',
          expected_items: expected,
          round_items: 0,
          round_started_at: now(),
          updated_at: now(),
        })
        .where('tid', '=', o.tid)
        .where('oid', '=', o.oid)
        .where('stream', '=', o.stream)
        .execute();
    } else if (!state.next_link) {
      await o.db
        .updateTable('sync_streams')
        .set({
          phase: 'incremental',
          round_started_at: now(),
          round_items: 0,
          expected_items: null,
          updated_at: now(),
        })
        .where('tid', '=', o.tid)
        .where('oid', '=', o.oid)
        .where('stream', '=', o.stream)
        .execute();
    }
    let raw: unknown;
    const waitStarted = performance.now();
    try {
      const ahead = prefetched?.url === url ? prefetched.promise : null;
      prefetched = null;
      raw = await (ahead ?? o.graph.api(url).header('Prefer', prefer).get());
    } catch (err) {
      if (isGone(err) && !result.resynced) {
        // The delta token expired: forget the stream's items and cursor, then start a full round.
        await o.db.transaction().execute(async (trx) => {
          await trx
            .deleteFrom('interactions')
            .where('tid', '=', o.tid)
            .where('oid', '=', o.oid)
            .where('stream', '=', o.stream)
            .execute();
          await trx
            .updateTable('sync_streams')
            .set({
              next_link: null,
              delta_link: null,
              resyncs: sql`resyncs + 1`,
              rounds: 0,
              phase: 'resync',
              updated_at: now(),
            })
            .where('tid', '=', o.tid)
            .where('oid', '=', o.oid)
            .where('stream', '=', o.stream)
            .execute();
        });
        result.resynced = true;
        continue;
      }
      const message = err instanceof Error ? err.message : String(err);
      await o.db
        .updateTable('sync_streams')
        .set({ last_error: message.slice(0, 500), phase: 'failed', updated_at: now() })
        .where('tid', '=', o.tid)
        .where('oid', '=', o.oid)
        .where('stream', '=', o.stream)
        .execute();
      throw err;
    }
    const waitMs = performance.now() - waitStarted;
    const page = deltaPage.parse(raw);
    const nextUrl = page['@odata.nextLink'];
    if (nextUrl && (o.maxPages === undefined || result.pages + 1 < o.maxPages)) {
      const promise = o.graph.api(nextUrl).header('Prefer', prefer).get() as Promise<unknown>;
      promise.catch(() => {}); // awaited (and its error handled) on the next turn
      prefetched = { url: nextUrl, promise };
    }
    // Parse and extract outside the transaction: it holds only the database work.
    const folder = o.stream === 'calendar' ? '' : o.stream.slice('mail:'.length);
    let items = 0;
    let skipped = 0;
    let removed = 0;
    const touched: string[] = [];
    const fresh: Interaction[] = [];
    for (const item of page.value) {
      const id = typeof item.id === 'string' ? item.id : null;
      if (!id) {
        skipped++;
        continue;
      }
      touched.push(id);
      if (item['@removed']) {
        removed++;
        continue;
      }
      if (o.stream === 'calendar') {
        const e = graphEventSchema.safeParse(item);
        if (!e.success) {
          skipped++;
          continue;
        }
        fresh.push(...eventInteractions(e.data, o.context));
      } else {
        const m = graphMessageSchema.safeParse(item);
        if (!m.success) {
          skipped++;
          continue;
        }
        fresh.push(...messageInteractions(m.data, folder, o.context));
      }
      items++;
    }
    const pageInteractions = fresh.length;
    const writeStarted = performance.now();
    await o.db.transaction().execute(async (trx) => {
      // A page and its cursor commit together; if a crash loses the last pages' commits, both are
      // lost and the next run fetches those pages again. So no need to wait for the disk flush.
      await sql`set local synchronous_commit to off`.execute(trx);
      await replacePage(trx, o, touched, fresh, firstRound);
      const next = page['@odata.nextLink'] ?? null;
      const delta = page['@odata.deltaLink'] ?? null;
      await trx
        .updateTable('sync_streams')
        .set({
          next_link: next,
          ...(delta
            ? { delta_link: delta, phase: 'idle', last_synced_at: now(), rounds: sql`rounds + 1` }
            : {}),
          items: sql`items + ${items}`,
          skipped: sql`skipped + ${skipped}`,
          pages: sql`pages + 1`,
          round_items: sql`round_items + ${items}`,
          last_error: null,
          updated_at: now(),
        })
        .where('tid', '=', o.tid)
        .where('oid', '=', o.oid)
        .where('stream', '=', o.stream)
        .execute();
    });
    o.onPage?.({ waitMs, writeMs: performance.now() - writeStarted, items, interactions: pageInteractions });
    result.pages++;
    result.items += items;
    result.skipped += skipped;
    result.removed += removed;
    if (!page['@odata.nextLink']) {
      result.done = true;
      return result;
    }
    if (o.maxPages !== undefined && result.pages >= o.maxPages) return result;
  }
}
