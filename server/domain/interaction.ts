/**
 * An interaction: one internal (or per-domain external) counterpart of one meeting or message in a
 * user's mailbox. Sync produces them from Graph items, the insights read them; this module is the
 * noun both share, so neither depends on the other.
 */

export const INTERACTION_KINDS = [
  'meeting_1on1',
  'meeting_small',
  'meeting_large',
  'mail_sent',
  'mail_received',
  'mail_cc',
  'mail_reply',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export interface Interaction {
  sourceType: 'event' | 'message';
  sourceId: string;
  /** Normalised address of the counterpart. */
  counterpart: string;
  counterpartId: string | null;
  kind: InteractionKind;
  at: Date;
  durationMinutes: number;
  /** People involved, the owner included (rooms and lists excluded). */
  participants: number;
  direction: 'outbound' | 'inbound' | 'mutual';
  ownerIsOrganizer: boolean;
  /** The owner's own response to a meeting, or null for mail. */
  response: string | null;
  /** False for people outside the tenant's verified domains; those are kept per domain, not per person. */
  internal: boolean;
  /** A meeting's subject, only when the user has asked for subjects to be kept; never mail subjects. */
  subject?: string | null;
  /** A message's conversation (Graph's conversationId): what reply latency is measured within. */
  conversationId?: string | null;
}
