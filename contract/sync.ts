import { z } from 'zod';
import { instant } from './vocabulary';

/** One delta stream of the user's mailbox (the calendar, or a mail folder). */
export const streamStatus = z.object({
  stream: z.string(),
  phase: z.string(),
  items: z.number().int(),
  skipped: z.number().int(),
  pages: z.number().int(),
  rounds: z.number().int(),
  resyncs: z.number().int(),
  lastError: z.string().nullable(),
  lastSyncedAt: instant.nullable(),
  updatedAt: instant,
  /** During a backfill with a known size: 0–99; 100 once a round has completed; null when unknown. */
  percent: z.number().nullable(),
  /** Seconds left in the backfill, from its pace so far; null when unknown. */
  etaSeconds: z.number().nullable(),
});

export const syncPhase = z.enum(['not-started', 'backfill', 'syncing', 'ready', 'failed']);

/** `GET /api/sync/status`: the user's sync progress, overall and per stream. */
export const syncStatusResponse = z.object({ phase: syncPhase, streams: z.array(streamStatus) });

/** `POST /api/sync` (202): a sync is queued. */
export const syncQueuedResponse = z.object({ queued: z.literal(true) });

export type SyncPhase = z.infer<typeof syncPhase>;
export type SyncStatusResponse = z.infer<typeof syncStatusResponse>;
