import type { BringSuggestion, BusinessFunction, SuggestedPerson } from '../../contract';
import { domainOf, isInternalAddress } from '../domain/address';
import type { GraphTrackedEvent } from '../graph/schemas';
import { isAcceptedStakeholder, type MapPerson } from '../insights/map';
import { freeSlots, type PersonSchedule } from './slots';

/**
 * Bring a colleague (the seed: "bring internal staff on sales calls"): for the user's upcoming
 * meetings with external attendees, the stakeholder worth bringing who is free for the whole
 * meeting — from another function than the user's (they bring what the user cannot), strongest
 * tie first. External people are named by their domain only. Pure.
 */

const MAX_MEETINGS = 5;

export interface BringInput {
  events: readonly GraphTrackedEvent[];
  now: number;
  horizonEnd: number;
  domains: readonly string[];
  ownerAddress: string;
  ownerFunction: BusinessFunction;
  people: readonly MapPerson[];
  /** The person's schedule as getSchedule gave it; null when unknown (then not proposed). */
  schedule: (address: string) => PersonSchedule | null;
  /** People not to propose (opted out, held, cooling down). */
  excluded: (address: string) => boolean;
}

export interface BringRowInput {
  eventId: string;
  meeting: BringSuggestion['meeting'];
  colleague: SuggestedPerson;
  why: string;
}

const instant = (dt: { dateTime: string }) =>
  Date.parse(/z$|[+-]\d\d:\d\d$/i.test(dt.dateTime) ? dt.dateTime : `${dt.dateTime}Z`);

export function bringCandidates(input: BringInput): BringRowInput[] {
  const stakeholders = input.people
    .filter(isAcceptedStakeholder)
    .filter((p) => p.function !== input.ownerFunction && p.function !== 'Other')
    .sort((a, b) => b.strength - a.strength);
  const out: BringRowInput[] = [];
  const events = [...input.events].sort((a, b) => instant(a.start) - instant(b.start));
  for (const e of events) {
    if (out.length >= MAX_MEETINGS) break;
    const start = instant(e.start);
    const end = instant(e.end);
    if (
      e.isCancelled ||
      e.isAllDay ||
      e.type === 'seriesMaster' ||
      !(start > input.now) ||
      start >= input.horizonEnd
    )
      continue;
    const addresses = (e.attendees ?? []).flatMap((a) =>
      a.emailAddress?.address ? [a.emailAddress.address.toLowerCase()] : [],
    );
    const external = [
      ...new Set(addresses.filter((a) => !isInternalAddress(a, input.domains)).map(domainOf)),
    ];
    if (external.length === 0) continue;
    const organizer = e.organizer?.emailAddress?.address?.toLowerCase() ?? null;
    const present = new Set([...addresses, input.ownerAddress, ...(organizer ? [organizer] : [])]);
    const pick = stakeholders.find((p) => {
      const a = p.address.toLowerCase();
      if (present.has(a) || input.excluded(a)) return false;
      const s = input.schedule(a);
      if (!s) return false;
      return (
        freeSlots({
          people: [s],
          from: start,
          to: end,
          durationMinutes: Math.round((end - start) / 60_000),
          lunch: false,
          stepMinutes: 1,
        }).length > 0
      );
    });
    if (!pick) continue;
    out.push({
      eventId: e.id,
      meeting: {
        subject: e.subject ?? null,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        externalDomains: external,
        isOrganizer: e.isOrganizer ?? false,
      },
      colleague: {
        address: pick.address.toLowerCase(),
        id: pick.id,
        displayName: pick.displayName,
        jobTitle: pick.jobTitle,
        officeLocation: pick.officeLocation,
        function: pick.function,
      },
      why: `${pick.function} beside you with ${external.join(', ')}: free then, and your strongest tie there`,
    });
  }
  return out;
}
