import { z } from 'zod';
import { mapPerson } from './map';
import { direction, instant, interactionKind } from './vocabulary';

/** `GET /api/people/by-email/{address}`: the Outlook pane's card; externals are marked external. */
export const personCardResponse = z.object({
  /** Lower-cased. */
  address: z.string(),
  internal: z.boolean(),
  inDirectory: z.boolean(),
  /** The colleague on the user's map; null for externals and for colleagues not on it. */
  person: mapPerson.nullable(),
  asOf: instant,
});

export const timelineEntry = z.object({
  at: instant,
  // Any string, not only today's kinds: a tab still open when a kind is added labels it by channel.
  kind: z.union([interactionKind, z.string()]),
  channel: z.enum(['meeting', 'mail']),
  direction,
  /** People involved, the user included. */
  participants: z.number().int(),
  /** Meetings only; null for mail. */
  durationMinutes: z.number().int().nullable(),
  subject: z.string().optional().describe('meetings only, and only when you chose to store subjects'),
});

export const timelineMonth = z.object({
  /** YYYY-MM in the requested time zone. */
  month: z.string(),
  meetings: z.number().int(),
  mail: z.number().int(),
});

/** `GET /api/people/{id}/timeline`: your meetings and mail with one person, newest first. */
export const timelineResponse = z.object({
  entries: z.array(timelineEntry),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: instant.nullable(),
  /** All entries up to now, for "n of total". */
  total: z.number().int(),
  /** The last 12 calendar months, oldest first. */
  months: z.array(timelineMonth),
});

export type PersonCardResponse = z.infer<typeof personCardResponse>;
export type TimelineEntry = z.infer<typeof timelineEntry>;
export type TimelineMonth = z.infer<typeof timelineMonth>;
export type TimelineResponse = z.infer<typeof timelineResponse>;
