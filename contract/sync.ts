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

/** Why the sync cannot go on without the user (consent, sign-in) or their IT (the mailbox), since when. */
export const syncBlocked = z.object({
  /** A forbidden reason: consentRequired, signInRequired, accessDenied, mailboxUnavailable. */
  code: z.string(),
  /** Graph's code and status, for IT: "MailboxNotEnabledForRESTAPI (404)". */
  detail: z.string(),
  since: instant.nullable(),
});

/** `GET /api/sync/status`: the user's sync progress, overall and per stream, and what stops it. */
export const syncStatusResponse = z.object({
  phase: syncPhase,
  streams: z.array(streamStatus),
  blocked: syncBlocked.nullable(),
});

/** `POST /api/sync` (202): a sync is queued. */
export const syncQueuedResponse = z.object({ queued: z.literal(true) });

export type SyncPhase = z.infer<typeof syncPhase>;
export type SyncBlocked = z.infer<typeof syncBlocked>;
export type SyncStatusResponse = z.infer<typeof syncStatusResponse>;
