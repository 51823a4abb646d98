import type { Client } from '@microsoft/microsoft-graph-client';
import pLimit, { type LimitFunction } from 'p-limit';
import { z } from 'zod';
import {
  type GraphScheduleInformation,
  type GraphTrackedEvent,
  graphPage,
  graphScheduleInformationSchema,
  graphTrackedEventSchema,
} from '../graph/schemas';
import {
  calendarViewUrl,
  EVENTS_URL,
  eventUrl,
  forwardEventUrl,
  GET_SCHEDULE_MAX_DAYS,
  GET_SCHEDULE_MAX_PEOPLE,
  GET_SCHEDULE_URL,
} from '../graph/urls';

/**
 * The Graph calls suggestions make, as the user: free/busy in batches Graph allows, the calendar
 * window that serves both bring-a-colleague and the answers to Rapport's invites, and the writes
 * (create, add an attendee, forward). Times are asked in UTC. Failures are Graph's errors, read by
 * the one policy in server/graph/errors.ts where they are caught.
 */

const UTC = { Prefer: 'outlook.timezone="UTC"' };

/**
 * Requests in flight to the user's own mailbox: getSchedule and the calendar window all go there,
 * and Outlook serves four at once per app and mailbox ("MailboxConcurrency") — more only earns
 * 429s and a second's Retry-After (measured: half of a run's attempts throttled without a limit,
 * and still one in three runs at four). Three, as the sync keeps to, leaves room for the sync of
 * the same mailbox running beside it.
 */
export const MAILBOX_CONCURRENCY = 3;
export const mailboxLimit = (): LimitFunction => pLimit(MAILBOX_CONCURRENCY);
const DAY = 86_400_000;
/**
 * Rapport reads the schedule items, never the availability view: the widest interval Graph allows
 * keeps that string (and Graph's work building it) to one digit a day.
 */
const VIEW_INTERVAL = 1440;

const utc = (ms: number) => ({ dateTime: new Date(ms).toISOString().slice(0, 19), timeZone: 'UTC' });

/**
 * Everyone's schedule over [from, to): one getSchedule request per 20 addresses, at most four in
 * flight for the mailbox (and the server's Graph limiter across users). Keyed by lower-case address.
 */
export async function readSchedules(
  graph: Client,
  addresses: readonly string[],
  from: number,
  to: number,
  mailbox: LimitFunction = mailboxLimit(),
): Promise<Map<string, GraphScheduleInformation>> {
  if (to - from >= GET_SCHEDULE_MAX_DAYS * DAY) throw new RangeError('getSchedule takes under 62 days');
  const unique = [...new Set(addresses.map((a) => a.toLowerCase()))];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += GET_SCHEDULE_MAX_PEOPLE)
    batches.push(unique.slice(i, i + GET_SCHEDULE_MAX_PEOPLE));
  const answers = await Promise.all(
    batches.map((schedules) =>
      mailbox(async () => {
        const raw: unknown = await graph
          .api(GET_SCHEDULE_URL)
          .headers(UTC)
          .post({
            schedules,
            startTime: utc(from),
            endTime: utc(to),
            availabilityViewInterval: VIEW_INTERVAL,
          });
        return graphPage(graphScheduleInformationSchema).parse(raw).value;
      }),
    ),
  );
  const out = new Map<string, GraphScheduleInformation>();
  for (const info of answers.flat()) out.set(info.scheduleId.toLowerCase(), info);
  return out;
}

/** The user's calendar over [from, to), every page, in UTC. */
export async function calendarWindow(graph: Client, from: number, to: number): Promise<GraphTrackedEvent[]> {
  const events: GraphTrackedEvent[] = [];
  let url: string | undefined = calendarViewUrl(new Date(from), new Date(to));
  while (url) {
    const raw: unknown = await graph.api(url).headers(UTC).get();
    const page = graphPage(graphTrackedEventSchema).parse(raw);
    events.push(...page.value);
    url = page['@odata.nextLink'];
  }
  return events;
}

const createdSchema = z.object({
  id: z.string().min(1),
  iCalUId: z.string().nullish(),
  webLink: z.string().nullish(),
});

/** Creates the event (Graph sends the invitations); the same transactionId returns the same event. */
export async function createEvent(
  graph: Client,
  body: Record<string, unknown>,
): Promise<z.infer<typeof createdSchema>> {
  const raw: unknown = await graph.api(EVENTS_URL).headers(UTC).post(body);
  return createdSchema.parse(raw);
}

/** One event as its organiser's copy says now; null when it is gone. */
export async function readEvent(graph: Client, id: string): Promise<GraphTrackedEvent | null> {
  try {
    const raw: unknown = await graph.api(eventUrl(id)).headers(UTC).get();
    return graphTrackedEventSchema.parse(raw);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

type Attendee = { emailAddress: { address: string; name?: string }; type: string };

/** The organiser adds someone: Graph replaces the attendee collection, so the whole list goes. */
export async function setAttendees(graph: Client, id: string, attendees: Attendee[]): Promise<void> {
  await graph.api(eventUrl(id)).patch({ attendees });
}

/** An attendee brings someone: the invitation is forwarded to them. */
export async function forwardEvent(
  graph: Client,
  id: string,
  to: { address: string; name: string },
  comment: string,
): Promise<void> {
  await graph.api(forwardEventUrl(id)).post({ toRecipients: [{ emailAddress: to }], comment });
}
