import type { Client } from '@microsoft/microsoft-graph-client';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { classifyGraphError } from '../graph/errors';
import type { Schema } from '../store/schema';
import { graphPage, mailFolderSchema } from '../graph/schemas';
import { calendarDeltaUrl, mailDeltaUrl, mailFolderSizeUrl } from '../graph/urls';
import { CursorRepository, type StreamCursor } from './cursorRepository';
import { deleteStreamInteractions, replacePage } from './interactionWriter';
import type { ExtractionContext } from './interactions';
import { ingestPage } from './pageIngest';

/**
 * One delta stream of one mailbox — the primary calendar's calendarView, or one mail folder —
 * synced page by page. Each page's interactions and the cursor that follows it commit in one
 * transaction, so a crash resumes from the last committed page with nothing lost or counted twice.
 * A 410 (expired delta token) resyncs the stream from scratch, replacing what it had.
 *
 * This module is the loop; the cursor lives in cursorRepository.ts, a page's items become rows in
 * pageIngest.ts (pure) and are written by interactionWriter.ts.
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

const deltaPage = graphPage(z.record(z.string(), z.unknown()));

const initialUrl = (stream: StreamName, windowStart: Date, windowEnd: Date): string =>
  stream === 'calendar'
    ? calendarDeltaUrl(windowStart, windowEnd)
    : mailDeltaUrl(stream.slice('mail:'.length));

/** Roll the calendar window forward when its end is closer than this. */
const ROLL_MARGIN_MS = 45 * 24 * 3600 * 1000;

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

/** Whether the calendar's window must roll forward: its end is near, and a round just ended. */
function windowEnding(stream: StreamName, c: StreamCursor, now: Date): boolean {
  return (
    stream === 'calendar' &&
    c.deltaLink !== null &&
    c.nextLink === null &&
    c.windowEnd !== null &&
    c.windowEnd.getTime() - now.getTime() < ROLL_MARGIN_MS
  );
}

/** Delta pages from Graph; the next one can be asked for while the current one is written. */
function pageSource(graph: Client, pageSize: number) {
  const prefer = `odata.maxpagesize=${pageSize}, IdType="ImmutableId", outlook.timezone="UTC"`;
  const get = (url: string) => graph.api(url).header('Prefer', prefer).get() as Promise<unknown>;
  let ahead: { url: string; page: Promise<unknown> } | null = null;
  return {
    next(url: string): Promise<unknown> {
      const page = ahead?.url === url ? ahead.page : get(url);
      ahead = null;
      return page;
    },
    prefetch(url: string): void {
      const page = get(url);
      page.catch(() => {}); // awaited (and its error handled) by next()
      ahead = { url, page };
    },
  };
}

async function syncStreamLocked(o: StreamSyncOptions): Promise<StreamSyncResult> {
  const now = o.now ?? (() => new Date());
  const key = { tid: o.tid, oid: o.oid, stream: o.stream };
  const cursors = new CursorRepository(o.db, key, now);
  const pages = pageSource(o.graph, o.pageSize ?? 100);
  const result: StreamSyncResult = {
    pages: 0,
    items: 0,
    skipped: 0,
    removed: 0,
    resynced: false,
    done: false,
    busy: false,
  };
  await cursors.ensure();
  for (;;) {
    const cursor = await cursors.load();
    // The calendar window is locked in its delta token: when its end comes near, start a new round
    // with a window from now. Interactions already stored stay (past meetings remain history);
    // the new round replaces what it sees.
    if (windowEnding(o.stream, cursor, now())) {
      await cursors.startRoll();
      continue;
    }
    // Nothing of the stream is stored before its first completed round (a resync clears it).
    const firstRound = cursor.deltaLink === null && cursor.rounds === 0;
    let url = cursor.nextLink ?? cursor.deltaLink;
    if (!url) url = await startRound(o, cursors, now());
    else if (!cursor.nextLink) await cursors.startIncremental();

    const waitStarted = performance.now();
    let raw: unknown;
    try {
      raw = await pages.next(url);
    } catch (err) {
      if (classifyGraphError(err).code === 'cursorExpired' && !result.resynced) {
        // The delta token expired: forget the stream's items and cursor, then start a full round.
        await o.db.transaction().execute(async (trx) => {
          await deleteStreamInteractions(trx, key);
          await cursors.reset(trx);
        });
        result.resynced = true;
        continue;
      }
      await cursors.fail(err instanceof Error ? err.message : String(err));
      throw err;
    }
    const waitMs = performance.now() - waitStarted;
    const page = deltaPage.parse(raw);
    const nextLink = page['@odata.nextLink'] ?? null;
    if (nextLink && (o.maxPages === undefined || result.pages + 1 < o.maxPages)) pages.prefetch(nextLink);
    const ingest = ingestPage(page.value, o.stream, o.context);

    const writeStarted = performance.now();
    await o.db.transaction().execute(async (trx) => {
      // A page and its cursor commit together; if a crash loses the last pages' commits, both are
      // lost and the next run fetches those pages again. So no need to wait for the disk flush.
      await sql`set local synchronous_commit to off`.execute(trx);
      await replacePage(trx, key, ingest.touched, ingest.interactions, firstRound);
      await cursors.commitPage(trx, {
        nextLink,
        deltaLink: page['@odata.deltaLink'] ?? null,
        items: ingest.items,
        skipped: ingest.skipped,
      });
    });
    o.onPage?.({
      waitMs,
      writeMs: performance.now() - writeStarted,
      items: ingest.items,
      interactions: ingest.interactions.length,
    });
    result.pages++;
    result.items += ingest.items;
    result.skipped += ingest.skipped;
    result.removed += ingest.removed;
    if (!nextLink) {
      result.done = true;
      return result;
    }
    if (o.maxPages !== undefined && result.pages >= o.maxPages) return result;
  }
}

/** A round from scratch: its window (12 months back, 3 ahead by default) and, for mail, its size. */
async function startRound(o: StreamSyncOptions, cursors: CursorRepository, now: Date): Promise<string> {
  const windowStart = new Date(now);
  windowStart.setUTCMonth(windowStart.getUTCMonth() - (o.monthsBack ?? 12));
  const windowEnd = new Date(now);
  windowEnd.setUTCMonth(windowEnd.getUTCMonth() + (o.monthsAhead ?? 3));
  // A mail folder knows its size: the backfill's progress and ETA come from it.
  let expectedItems: number | null = o.expectedItems ?? null;
  if (o.stream !== 'calendar' && o.expectedItems === undefined) {
    const folder = await o.graph
      .api(mailFolderSizeUrl(o.stream.slice('mail:'.length)))
      .get()
      .catch(() => null);
    expectedItems = mailFolderSchema.safeParse(folder).data?.totalItemCount ?? null;
  }
  await cursors.startBackfill({ windowStart, windowEnd, expectedItems });
  return initialUrl(o.stream, windowStart, windowEnd);
}
