import { z } from 'zod';
import { businessFunction, instant } from './vocabulary';

/**
 * `GET /api/suggestions` and its actions: this week's proposed lunches, coffees and 1:1s with the
 * people who are due, each with three mutual free slots and the exact invite the colleague would
 * receive; the invites sent and how each was answered; colleagues worth bringing to meetings with
 * customers. Built by server/suggestions/; read by the tab's Suggestions view and the person panel.
 */

const count = z.number().int().nonnegative();

/** lunch 60 min (same office), virtualCoffee 30 min with a Teams link, coffee/oneOnOne/mentorChat 30 min. */
export const SUGGESTION_KINDS = ['lunch', 'virtualCoffee', 'coffee', 'oneOnOne', 'mentorChat'] as const;
export const suggestionKind = z.enum(SUGGESTION_KINDS);
export type SuggestionKind = z.infer<typeof suggestionKind>;

/** Why this person, in the order of precedence. */
export const SUGGESTION_SOURCES = ['due', 'cooling', 'coverage', 'leader', 'mentor', 'asked'] as const;
export const suggestionSource = z.enum(SUGGESTION_SOURCES);

export const slot = z.object({ start: instant, end: instant });

export const suggestedPerson = z.object({
  address: z.string(),
  id: z.string().nullable(),
  displayName: z.string(),
  jobTitle: z.string().nullable(),
  officeLocation: z.string().nullable(),
  function: businessFunction,
});

/** Exactly what the colleague receives: nothing of the user's private notes, ratings or "why". */
export const invitePreview = z.object({
  subject: z.string(),
  /** Plain text, as the body of the invitation. */
  body: z.string(),
  /** A place for a lunch or coffee in person; null for a Teams meeting. */
  location: z.string().nullable(),
  /** A Teams meeting link is added. */
  online: z.boolean(),
  /** The organiser's zone the event is created in (IANA or Windows name). */
  timeZone: z.string(),
});

export const suggestion = z.object({
  id: z.string(),
  person: suggestedPerson,
  kind: suggestionKind,
  source: suggestionSource,
  /** One line: "last met 74 days ago; Legal has 1 of 3". */
  why: z.string(),
  durationMinutes: z.number().int().positive(),
  /** Up to three mutual free slots, earliest first; empty when none in the horizon. */
  slots: z.array(slot),
  /** The colleague's zone (IANA), so the tab can show their local time too; null when unknown. */
  theirTimeZone: z.string().nullable(),
  preview: invitePreview,
  state: z.enum(['proposed', 'snoozed']),
  snoozedUntil: instant.nullable(),
});

/** How the colleague answered, from the organiser's copy of the event. */
export const INVITE_RESPONSES = [
  'none',
  'accepted',
  'tentativelyAccepted',
  'declined',
  'newTimeProposed',
  'cancelled',
] as const;
export const inviteResponse = z.enum(INVITE_RESPONSES);

export const sentInvite = z.object({
  id: z.string(),
  suggestionId: z.string().nullable(),
  person: z.object({ address: z.string(), displayName: z.string() }),
  kind: suggestionKind,
  start: instant,
  end: instant,
  sentAt: instant,
  response: inviteResponse,
  /** When the colleague proposed another time: its start. */
  proposedStart: instant.nullable(),
  /** After its end: whether it took place (accepted or tentative, not cancelled); null before. */
  happened: z.boolean().nullable(),
  /** Sent by the auto-send mode rather than a click. */
  auto: z.boolean(),
});

/** A colleague worth bringing to an upcoming meeting with external attendees. */
export const bringSuggestion = z.object({
  id: z.string(),
  meeting: z.object({
    subject: z.string().nullable(),
    start: instant,
    end: instant,
    /** The external attendees' domains (never their names). */
    externalDomains: z.array(z.string()),
    /** The user organises it: adding updates the attendees; otherwise the invitation is forwarded. */
    isOrganizer: z.boolean(),
  }),
  colleague: suggestedPerson,
  why: z.string(),
  state: z.enum(['proposed', 'added']),
});

export const inviteBudget = z.object({ weekly: count, used: count, remaining: count });

export const suggestionsResponse = z.object({
  /** Monday 00:00 of this week in the user's zone. */
  weekOf: instant,
  preparedAt: instant.nullable(),
  /** The user's zone (IANA) as their mailbox says; slots are shown in it. */
  timeZone: z.string(),
  budget: inviteBudget,
  autoSend: z.boolean(),
  suggestions: z.array(suggestion),
  bring: z.array(bringSuggestion),
  /** Newest first: the last eight weeks. */
  sent: z.array(sentInvite),
  /** Why there are no suggestions at all (the calendar cannot be read, no one is due); null otherwise. */
  notice: z.string().nullable(),
});

/** `POST /api/suggestions/:id/send`: the invite as created (201). */
export const sendResponse = z.object({ invite: sentInvite, budget: inviteBudget });

/** `POST /api/suggestions/:id/another` and the 409 of a send whose slot is gone: fresh slots. */
export const slotsResponse = z.object({ suggestion });

/** `POST /api/suggestions/for/:address`: a suggestion for one person, on demand (the person panel). */
export const personSuggestionResponse = z.object({ suggestion });

export const bringResponse = z.object({ bring: bringSuggestion });

export type Slot = z.infer<typeof slot>;
export type SuggestedPerson = z.infer<typeof suggestedPerson>;
export type InvitePreview = z.infer<typeof invitePreview>;
export type Suggestion = z.infer<typeof suggestion>;
export type SentInvite = z.infer<typeof sentInvite>;
export type BringSuggestion = z.infer<typeof bringSuggestion>;
export type SuggestionsResponse = z.infer<typeof suggestionsResponse>;
export type InviteResponse = z.infer<typeof inviteResponse>;
