import type { Directory } from '../directory';
import type { Rng } from '../random';
import { sampleAbsences } from './absences';
import { planCustomerTraffic } from './customers';
import { HistoryPlan } from './plan';
import { buildRoster } from './roster';
import { planRoutine } from './routine';
import { planStandingMeetings } from './standingMeetings';
import { sampleTies } from './ties';
import { planTieTraffic } from './tieTraffic';
import { buildTimeline } from './timeline';
import { observableTies } from './truth';
import { EXT, type History, type PlannedEvent, type PlannedMessage } from './types';

/**
 * Twelve months of meetings and mail, sampled from a latent truth: every tie between two people
 * has a monthly strength (0..1) and a trend, and interactions are drawn from Poisson rates of that
 * month's strength. Confounders make raw counts mislead, as they do in real mailboxes: weekly team
 * meetings and monthly all-hands put weakly tied people together, a weekly pipeline review gathers
 * leaders, threads carry CCs, assistants send for their executives, out-of-office weeks silence
 * everyone, and notification mail floods inboxes.
 *
 * The phases draw from one random stream in a fixed order (ties, absences, standing meetings, tie
 * traffic, customers, routine): reordering them would change every generated organisation.
 */

export { EXT, type History, type PlannedEvent, type PlannedMessage, type Tie } from './types';

export function buildHistory(
  rng: Rng,
  dir: Directory,
  now: number,
  months: number,
  heavy: Set<number>,
): History {
  const roster = buildRoster(dir);
  const timeline = buildTimeline(now, months);
  const ties = sampleTies(rng, roster, months);
  const absences = sampleAbsences(rng, roster.people, timeline.weeks, timeline.end);
  const plan = new HistoryPlan(rng, roster.people, timeline.weeks, absences.available);
  planStandingMeetings(rng, plan, roster, ties, timeline);
  planTieTraffic(rng, plan, roster, ties.ties, timeline, absences);
  planCustomerTraffic(rng, plan, roster, dir.externals, timeline, absences);
  planRoutine(rng, plan, roster, dir.domain, timeline, absences, heavy);
  const { events, messages } = plan;
  withoutOrganizerAsAttendee(events);
  return {
    // The reported truth: what the events can show (a new hire's ties start when they join).
    ties: observableTies(ties.ties, absences, timeline),
    events,
    messages,
    ...whoIsIn(roster.people.length, events, messages),
    monthStarts: timeline.monthStarts,
  };
}

/** An event's attendee list never contains its organizer (some draws pick the organizer). */
function withoutOrganizerAsAttendee(events: PlannedEvent[]): void {
  for (const e of events) {
    if (e.attendees.includes(e.organizer)) {
      const keep = e.attendees
        .map((a, k) => [a, e.responses[k]!] as const)
        .filter(([a]) => a !== e.organizer);
      e.attendees = keep.map(([a]) => a);
      e.responses = keep.map(([, r]) => r);
    }
  }
}

/** Per person: the events they organise or attend, and the messages they send, get or are CC'd on. */
function whoIsIn(people: number, events: PlannedEvent[], messages: PlannedMessage[]) {
  const eventsOf: number[][] = Array.from({ length: people }, () => []);
  events.forEach((e, k) => {
    if (e.organizer < EXT) eventsOf[e.organizer]!.push(k);
    for (const a of e.attendees) if (a < EXT) eventsOf[a]!.push(k);
  });
  const messagesOf: number[][] = Array.from({ length: people }, () => []);
  messages.forEach((m, k) => {
    const seen = new Set<number>();
    for (const x of [m.sender, m.from, ...m.to, ...m.cc]) {
      if (x >= 0 && x < EXT && !seen.has(x)) {
        seen.add(x);
        messagesOf[x]!.push(k);
      }
    }
  });
  return { eventsOf, messagesOf };
}
