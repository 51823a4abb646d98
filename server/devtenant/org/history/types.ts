import type { TieTruth } from '../../model';

/**
 * The generator's plan of twelve months of meetings and mail, before it becomes Graph items.
 * Recipients are numbers: an index into `people`, or `EXT + i` for external contact i.
 */
export const EXT = 1_000_000;

export interface Tie {
  a: number;
  b: number;
  monthly: number[];
  trend: TieTruth['trend'];
  confounders: string[];
}

export interface PlannedEvent {
  uid: number;
  kind: string;
  subject: string;
  start: number;
  minutes: number;
  organizer: number;
  attendees: number[];
  /** Response per attendee (same order). */
  responses: Array<'accepted' | 'tentativelyAccepted' | 'declined' | 'none'>;
  seriesMaster: number | null;
  isSeriesMaster: boolean;
  isAllDay: boolean;
  isCancelled: boolean;
  showAs: 'busy' | 'free' | 'oof' | 'tentative';
  online: boolean;
  created: number;
}

export interface PlannedMessage {
  uid: number;
  conversation: number;
  subject: string;
  from: number;
  /** Differs from `from` when an assistant sends for an executive. */
  sender: number;
  to: number[];
  cc: number[];
  sent: number;
  kind: string;
  /** A sender outside the directory (notifications, newsletters). */
  systemSender?: { name: string; address: string };
}

export interface History {
  ties: Tie[];
  events: PlannedEvent[];
  messages: PlannedMessage[];
  /** Per person: indices into events and messages. */
  eventsOf: number[][];
  messagesOf: number[][];
  monthStarts: number[];
}
