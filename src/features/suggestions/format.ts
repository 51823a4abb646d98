import type {
  BringSuggestion,
  InviteResponse,
  SentInvite,
  Slot,
  Suggestion,
  SuggestionKind,
} from '../../../contract/suggestions';

/**
 * The Suggestions view's words and times, pure so they are tested apart from React: kinds, the
 * budget, slots in the user's zone and in the colleague's, the answers to sent invites, and why
 * Send is disabled.
 */

export const KIND_LABEL: Record<SuggestionKind, string> = {
  lunch: 'Lunch',
  virtualCoffee: 'Virtual coffee',
  coffee: 'Coffee',
  oneOnOne: '1:1',
  mentorChat: 'Mentor chat',
};

/** "Lunch · 60 min", "Virtual coffee · 30 min with Teams". */
export function kindLine(s: Pick<Suggestion, 'kind' | 'durationMinutes'> & { preview: { online: boolean } }) {
  return `${KIND_LABEL[s.kind]} · ${s.durationMinutes} min${s.preview.online ? ' with Teams' : ''}`;
}

export const SOURCE_LABEL: Record<Suggestion['source'], string> = {
  due: 'Due',
  cooling: 'Cooling',
  coverage: 'Coverage gap',
  leader: 'Leader',
  mentor: 'Mentor',
  asked: 'You asked',
};

/** "1 of 2 invites left this week". */
export function budgetLabel(b: { weekly: number; remaining: number }): string {
  if (b.weekly === 0) return 'Your weekly invite budget is 0: no invites can be sent (change it in Settings)';
  return `${b.remaining} of ${b.weekly} ${b.weekly === 1 ? 'invite' : 'invites'} left this week`;
}

/** An Intl zone, or the browser's own when the name is unknown to this browser. */
function safeZone(zone: string | null | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

const dayFormat = (zone: string | undefined, locale?: string) =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone });
const timeFormat = (zone: string | undefined, locale?: string) =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone });
const zoneName = (at: Date, zone: string | undefined, locale?: string) =>
  new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone: zone })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value ?? '';

/** "Tue, 12 May · 12:00–13:00" in `zone` (the end's day added when it is another day). */
export function formatSlot(slot: Slot, zone: string | null, locale?: string): string {
  const z = safeZone(zone);
  const start = new Date(slot.start);
  const end = new Date(slot.end);
  const day = dayFormat(z, locale);
  const time = timeFormat(z, locale);
  const endDay = day.format(end);
  return `${day.format(start)} · ${time.format(start)}–${endDay !== day.format(start) ? `${endDay} ` : ''}${time.format(end)}`;
}

/**
 * The slot in the colleague's zone, "09:00–10:00 their time (EDT)" (with the day when it is not the
 * user's day), or null when they have no known zone or their clock reads the same as the user's.
 */
export function theirTime(
  slot: Slot,
  zone: string | null,
  theirZone: string | null,
  locale?: string,
): string | null {
  const theirs = safeZone(theirZone);
  if (!theirs) return null;
  const mine = safeZone(zone);
  const start = new Date(slot.start);
  const end = new Date(slot.end);
  const wall = (z: string | undefined) =>
    `${dayFormat(z, locale).format(start)} ${timeFormat(z, locale).format(start)}`;
  if (wall(mine) === wall(theirs)) return null;
  const sameDay = dayFormat(mine, locale).format(start) === dayFormat(theirs, locale).format(start);
  const time = timeFormat(theirs, locale);
  const name = zoneName(start, theirs, locale);
  return `${sameDay ? '' : `${dayFormat(theirs, locale).format(start)} · `}${time.format(start)}–${time.format(end)} their time${name ? ` (${name})` : ''}`;
}

/** A date and time in `zone`: "Tue, 12 May · 14:30". */
export function formatInstant(iso: string, zone: string | null, locale?: string): string {
  const z = safeZone(zone);
  const at = new Date(iso);
  return `${dayFormat(z, locale).format(at)} · ${timeFormat(z, locale).format(at)}`;
}

/** A day in `zone`: "Tue, 12 May". */
export function formatDay(iso: string, zone: string | null, locale?: string): string {
  return dayFormat(safeZone(zone), locale).format(new Date(iso));
}

export const RESPONSE_LABEL: Record<InviteResponse, string> = {
  none: 'Awaiting answer',
  accepted: 'Accepted',
  tentativelyAccepted: 'Tentative',
  declined: 'Declined',
  newTimeProposed: 'New time proposed',
  cancelled: 'Cancelled',
};

export type AnswerTone = 'success' | 'warning' | 'danger' | 'informative' | 'subtle';

/** How a sent invite stands: the answer, or whether it took place once it is over. */
export function answerOf(
  i: Pick<SentInvite, 'response' | 'happened' | 'proposedStart'>,
  zone: string | null,
  locale?: string,
): { label: string; tone: AnswerTone } {
  if (i.happened === true) return { label: 'Took place', tone: 'success' };
  if (i.happened === false && i.response !== 'cancelled' && i.response !== 'declined')
    return { label: 'Did not take place', tone: 'subtle' };
  const label = RESPONSE_LABEL[i.response];
  switch (i.response) {
    case 'accepted':
      return { label, tone: 'success' };
    case 'tentativelyAccepted':
      return { label, tone: 'warning' };
    case 'declined':
    case 'cancelled':
      return { label, tone: 'danger' };
    case 'newTimeProposed':
      return {
        label: i.proposedStart ? `${label}: ${formatInstant(i.proposedStart, zone, locale)}` : label,
        tone: 'warning',
      };
    default:
      return { label, tone: 'informative' };
  }
}

/** Why Send cannot be pressed now, or null when it can. */
export function sendBlocked(
  s: Pick<Suggestion, 'slots' | 'state'>,
  chosen: string | null,
  budget: { weekly: number; remaining: number },
): string | null {
  if (!s.slots.length) return 'No mutual free time found: try Another time, or later this week.';
  if (budget.remaining <= 0)
    return budget.weekly === 0
      ? 'Your weekly invite budget is 0: raise it in Settings to send.'
      : 'Your weekly invite budget is used up: sending opens again next week.';
  if (!chosen || !s.slots.some((x) => x.start === chosen)) return 'Choose a time first.';
  return null;
}

/** The chosen slot: the one picked while it is still offered, else the earliest. */
export function chosenSlot(slots: readonly Slot[], picked: string | null): string | null {
  if (picked && slots.some((s) => s.start === picked)) return picked;
  return slots[0]?.start ?? null;
}

/** The bring-a-colleague meeting's name: its subject, or "Meeting with contoso.com". */
export function meetingName(b: Pick<BringSuggestion, 'meeting'>): string {
  if (b.meeting.subject?.trim()) return b.meeting.subject;
  const domains = b.meeting.externalDomains;
  return domains.length ? `Meeting with ${domains.join(', ')}` : 'Meeting with a customer';
}

/** The week's list without the suggestion asked for (shown on its own, first) or its person's other one. */
export function withoutAsked(list: readonly Suggestion[], asked: Suggestion | null): Suggestion[] {
  if (!asked) return [...list];
  const person = asked.person.address.toLowerCase();
  return list.filter((s) => s.id !== asked.id && s.person.address.toLowerCase() !== person);
}

/** The snooze shown on a snoozed card: "Snoozed until Tue, 19 May". */
export function snoozedLabel(s: Pick<Suggestion, 'snoozedUntil'>, zone: string | null, locale?: string) {
  return s.snoozedUntil ? `Snoozed until ${formatDay(s.snoozedUntil, zone, locale)}` : 'Snoozed';
}
