import { createHash } from 'node:crypto';
import type { InvitePreview, SuggestionKind } from '../../contract';
import type { GraphTrackedEvent } from '../graph/schemas';
import { wallTime, type Zone } from './zone';

/**
 * The invitation itself: what the colleague reads (built from the kind and the two names only —
 * never the user's private notes, ratings or "why they matter"), the Graph event that carries it,
 * the transactionId that makes a retried send one event, and the colleague's answer read back
 * from the organiser's copy. Pure.
 */

export type InviteResponse =
  'none' | 'accepted' | 'tentativelyAccepted' | 'declined' | 'newTimeProposed' | 'cancelled';

/** Marks the events Rapport created (a category the user can see and filter on in Outlook). */
export const RAPPORT_CATEGORY = 'Rapport';

const TITLES: Record<SuggestionKind, string> = {
  lunch: 'Lunch',
  virtualCoffee: 'Virtual coffee',
  coffee: 'Coffee',
  oneOnOne: '1:1',
  mentorChat: 'Mentoring chat',
};
const OVER: Record<SuggestionKind, string> = {
  lunch: 'over lunch',
  virtualCoffee: 'over a virtual coffee',
  coffee: 'over a coffee',
  oneOnOne: 'in a 1:1',
  mentorChat: 'and learn from your experience',
};

const first = (name: string) => name.trim().split(/\s+/)[0] ?? name;

export interface InviteParties {
  kind: SuggestionKind;
  owner: { displayName: string; officeLocation: string | null };
  colleague: { address: string; displayName: string };
  /** The organiser's zone name as Graph takes it (Windows or IANA). */
  timeZone: string;
}

/** Exactly what the colleague receives. */
export function invitePreview(p: InviteParties): InvitePreview {
  const online =
    p.kind === 'virtualCoffee' || (p.kind !== 'lunch' && p.kind !== 'coffee' && !p.owner.officeLocation);
  const body = [
    `Hi ${first(p.colleague.displayName)},`,
    '',
    `I'd like to catch up ${OVER[p.kind]}. I'd love to hear:`,
    '- what your priorities are right now',
    '- the challenges you are working through',
    '- how we could work better together',
    '- anything in the way that I could help with',
    '',
    'If this time does not suit you, please propose another.',
    '',
    p.owner.displayName,
  ].join('\n');
  return {
    subject: `${TITLES[p.kind]}: ${first(p.owner.displayName)} and ${first(p.colleague.displayName)}`,
    body,
    location: online
      ? null
      : p.owner.officeLocation
        ? `${p.owner.officeLocation} (place to be agreed)`
        : null,
    online,
    timeZone: p.timeZone,
  };
}

/** Graph's dateTimeTimeZone for an instant, as wall time in the organiser's zone. */
export function dateTimeIn(
  zone: Zone,
  zoneName: string,
  utcMs: number,
): { dateTime: string; timeZone: string } {
  const w = wallTime(zone, utcMs);
  const hh = String(Math.floor(w.minutes / 60)).padStart(2, '0');
  const mm = String(w.minutes % 60).padStart(2, '0');
  return { dateTime: `${w.date}T${hh}:${mm}:00`, timeZone: zoneName };
}

/**
 * One id per suggestion and slot, stable across retries and server instances: Graph returns the
 * event it already created for it instead of a second one. GUID-shaped, as Graph's example is.
 */
export function transactionIdFor(tid: string, oid: string, suggestionId: string, startMs: number): string {
  const h = createHash('sha256').update(`${tid}\n${oid}\n${suggestionId}\n${startMs}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

/** The body of `POST /me/events`. */
export function eventBody(input: {
  preview: InvitePreview;
  colleague: { address: string; displayName: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  transactionId: string;
}): Record<string, unknown> {
  const { preview } = input;
  return {
    subject: preview.subject,
    body: { contentType: 'text', content: preview.body },
    start: input.start,
    end: input.end,
    attendees: [
      {
        emailAddress: { address: input.colleague.address, name: input.colleague.displayName },
        type: 'required',
      },
    ],
    ...(preview.location ? { location: { displayName: preview.location } } : {}),
    ...(preview.online ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : {}),
    showAs: 'busy',
    responseRequested: true,
    allowNewTimeProposals: true,
    categories: [RAPPORT_CATEGORY],
    transactionId: input.transactionId,
  };
}

/** An event as Rapport re-reads it to learn the answer. */
export type TrackedEvent = Pick<GraphTrackedEvent, 'isCancelled' | 'attendees'>;

/** The colleague's answer on the organiser's copy; a cancelled or deleted event is 'cancelled'. */
export function responseOf(
  event: TrackedEvent | null,
  address: string,
): { response: InviteResponse; proposedStart: string | null } {
  if (!event || event.isCancelled) return { response: 'cancelled', proposedStart: null };
  const a = event.attendees?.find((x) => x.emailAddress?.address?.toLowerCase() === address.toLowerCase());
  if (!a) return { response: 'cancelled', proposedStart: null }; // the user took them off it
  const proposed = a.proposedNewTime?.start?.dateTime ?? null;
  if (proposed) {
    // Rapport reads its events with Prefer: outlook.timezone="UTC", so a wall time here is UTC.
    const t = Date.parse(/z$|[+-]\d\d:\d\d$/i.test(proposed) ? proposed : `${proposed}Z`);
    return { response: 'newTimeProposed', proposedStart: Number.isNaN(t) ? null : new Date(t).toISOString() };
  }
  const r = a.status?.response ?? 'none';
  const known: Record<string, InviteResponse> = {
    accepted: 'accepted',
    tentativelyAccepted: 'tentativelyAccepted',
    declined: 'declined',
  };
  return { response: known[r] ?? 'none', proposedStart: null };
}

/** After the meeting's end: it took place when it was accepted or tentative and not cancelled. */
export function happened(response: InviteResponse, endMs: number, now: number): boolean | null {
  if (now < endMs) return null;
  return response === 'accepted' || response === 'tentativelyAccepted';
}
