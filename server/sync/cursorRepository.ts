import { type Kysely, sql, type Transaction } from 'kysely';
import type { Schema } from '../store/schema';
import type { StreamName } from './streamSync';

/** One stream of one mailbox: the key of its row in `sync_streams`, and of its interactions. */
export interface StreamKey {
  tid: string;
  oid: string;
  stream: StreamName;
}

/** Where a stream stands: mid-round (`nextLink`), between rounds (`deltaLink`), or neither. */
export interface StreamCursor {
  nextLink: string | null;
  deltaLink: string | null;
  /** The calendar window's end, fixed in its delta token. */
  windowEnd: Date | null;
  rounds: number;
}

/**
 * A stream's cursor and progress in `sync_streams`: every write the stream sync makes to it. The
 * page commit takes the caller's transaction, so a page's rows and the cursor after it commit
 * together.
 */
export class CursorRepository {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly key: StreamKey,
    private readonly now: () => Date,
  ) {}

  private update(trx: Kysely<Schema> | Transaction<Schema> = this.db) {
    return trx
      .updateTable('sync_streams')
      .where('tid', '=', this.key.tid)
      .where('oid', '=', this.key.oid)
      .where('stream', '=', this.key.stream);
  }

  async ensure(): Promise<void> {
    await this.db
      .insertInto('sync_streams')
      .values(this.key)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async load(): Promise<StreamCursor> {
    const r = await this.db
      .selectFrom('sync_streams')
      .select(['next_link', 'delta_link', 'window_end', 'rounds'])
      .where('tid', '=', this.key.tid)
      .where('oid', '=', this.key.oid)
      .where('stream', '=', this.key.stream)
      .executeTakeFirstOrThrow();
    return {
      nextLink: r.next_link,
      deltaLink: r.delta_link,
      windowEnd: r.window_end ? new Date(r.window_end) : null,
      rounds: r.rounds,
    };
  }

  /** Drops the delta link: the next round starts afresh with a new calendar window. */
  async startRoll(): Promise<void> {
    await this.update().set({ delta_link: null, phase: 'roll', updated_at: this.now() }).execute();
  }

  /** A first (or fresh) round: its window, and the folder's size when known, for progress. */
  async startBackfill(o: {
    windowStart: Date;
    windowEnd: Date;
    expectedItems: number | null;
  }): Promise<void> {
    await this.update()
      .set({
        window_start: o.windowStart,
        window_end: o.windowEnd,
        phase: 'backfill',
        expected_items: o.expectedItems,
        round_items: 0,
        round_started_at: this.now(),
        updated_at: this.now(),
      })
      .execute();
  }

  /** A round from the last delta link: the changes since. */
  async startIncremental(): Promise<void> {
    await this.update()
      .set({
        phase: 'incremental',
        round_started_at: this.now(),
        round_items: 0,
        expected_items: null,
        updated_at: this.now(),
      })
      .execute();
  }

  /** After an expired delta token: no cursor, no rounds; the caller forgets the rows too. */
  async reset(trx: Transaction<Schema>): Promise<void> {
    await this.update(trx)
      .set({
        next_link: null,
        delta_link: null,
        resyncs: sql`resyncs + 1`,
        rounds: 0,
        phase: 'resync',
        updated_at: this.now(),
      })
      .execute();
  }

  /** One page done: the cursor after it, and the counters; a delta link ends the round. */
  async commitPage(
    trx: Transaction<Schema>,
    p: { nextLink: string | null; deltaLink: string | null; items: number; skipped: number },
  ): Promise<void> {
    await this.update(trx)
      .set({
        next_link: p.nextLink,
        ...(p.deltaLink
          ? { delta_link: p.deltaLink, phase: 'idle', last_synced_at: this.now(), rounds: sql`rounds + 1` }
          : {}),
        items: sql`items + ${p.items}`,
        skipped: sql`skipped + ${p.skipped}`,
        pages: sql`pages + 1`,
        round_items: sql`round_items + ${p.items}`,
        last_error: null,
        updated_at: this.now(),
      })
      .execute();
  }

  async fail(message: string): Promise<void> {
    await this.update()
      .set({ last_error: message.slice(0, 500), phase: 'failed', updated_at: this.now() })
      .execute();
  }
}
