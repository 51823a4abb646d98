import { z } from 'zod';
import { band, mapPerson } from './map';
import { automatedSender } from './settings';
import { instant } from './vocabulary';

/**
 * `POST /api/people/cards`: one answer for every person on the email being read or written (up to
 * 50 addresses, in the order asked, the user themself left out): a card per colleague from the
 * map, a marker per external (its domain only, never profiled), and a summary line for long lists.
 * Built by server/insights/paneCards.ts; read by the Outlook pane.
 */
const count = z.number().int().nonnegative();

export const paneColleagueCard = z.object({
  kind: z.literal('colleague'),
  address: z.string(),
  inDirectory: z.boolean(),
  /** The colleague on the user's map; null when Rapport has no evidence for them yet. */
  person: mapPerson.nullable(),
  /**
   * "Don't go over their head": this recipient manages a stakeholder of the user's whose health is
   * poor, and that stakeholder is not on the email.
   */
  managerOf: z.object({ address: z.string(), displayName: z.string(), band }).nullable(),
  /**
   * Not counted as a colleague because the address looks automated (a system, a list, a
   * broadcast …): the evidence, as Settings shows it; the user can count it as a colleague.
   */
  automated: automatedSender.pick({ reason: true, why: true }).nullable(),
});

export const paneExternalCard = z.object({
  kind: z.literal('external'),
  address: z.string(),
  domain: z.string(),
});

export const paneCard = z.discriminatedUnion('kind', [paneColleagueCard, paneExternalCard]);

export const peopleCardsResponse = z.object({
  asOf: instant,
  cards: z.array(paneCard),
  /** "12 colleagues: 3 on your map, 1 due". */
  summary: z.object({ colleagues: count, onMap: count, due: count, external: count }),
});

/** `POST /api/suggestions/bring-for-meeting`: colleagues free for a meeting being organised. */
export const meetingBringResponse = z.object({
  colleagues: z.array(
    z.object({
      address: z.string(),
      id: z.string().nullable(),
      displayName: z.string(),
      jobTitle: z.string().nullable(),
      function: z.string(),
      why: z.string(),
    }),
  ),
});

export type PaneCard = z.infer<typeof paneCard>;
export type PaneColleagueCard = z.infer<typeof paneColleagueCard>;
export type PeopleCardsResponse = z.infer<typeof peopleCardsResponse>;
export type MeetingBringResponse = z.infer<typeof meetingBringResponse>;
