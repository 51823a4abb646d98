import type { InteractionKind } from '../../contract/vocabulary';

/**
 * An interaction: one internal (or per-domain external) counterpart of one meeting or message in a
 * user's mailbox. Sync produces them from Graph items, the insights read them; this module is the
 * noun both share, so neither depends on the other.
 */

// The kinds are on the wire (a timeline's entries), so the API's contract holds the list.
export { INTERACTION_KINDS, type InteractionKind } from '../../contract/vocabulary';

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
  /**
   * Received mail: whether the owner was named in To or Cc (false: it reached them through a list
   * or Bcc — evidence of a list or an automated sender). Null for meetings, sent mail and rows
   * stored before it was recorded.
   */
  ownerNamed?: boolean | null;
}
