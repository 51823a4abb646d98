import { createHash, randomUUID } from 'node:crypto';
import express, { type Request } from 'express';
import { z } from 'zod';
import type { MailboxStore } from '../../mailbox/store';
import type { CalendarEvent, DirectoryUser } from '../../model';
import type { GraphContext } from '../context';
import { GraphError } from '../errors';
import { baseUrl, decodeToken, encodeToken, param, parseSelect, parseTop, pick, queryOption } from '../odata';
import { parseDateTimeTimeZone } from './format';
import { occurrencesOf, recurrenceSchema, seriesRecurrence } from './recurrence';
import {
  both,
  CAL_READ,
  CAL_WRITE,
  ctxUrl,
  dateTimeTimeZone,
  DEFAULT_PAGE,
  emailAddress,
  EVENT_PROPS,
  eventJson,
  MAX_PAGE,
  owner,
  who,
  zoneOf,
} from './shared';

/**
 * `/events`: list and read, create (invitations reach the attendees through the store, which
 * answers for them over time), update, cancel and delete — with Outlook's organizer semantics.
 */

const newEventSchema = z.object({
  subject: z.string().max(255).default(''),
  body: z.object({ contentType: z.string().optional(), content: z.string().optional() }).optional(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  location: z
    .object({ displayName: z.string().default('') })
    .partial()
    .optional(),
  attendees: z
    .array(z.object({ emailAddress, type: z.enum(['required', 'optional', 'resource']).default('required') }))
    .max(500)
    .default([]),
  isOnlineMeeting: z.boolean().default(false),
  onlineMeetingProvider: z.string().optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).default('busy'),
  isAllDay: z.boolean().default(false),
  sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).default('normal'),
  importance: z.enum(['low', 'normal', 'high']).default('normal'),
  responseRequested: z.boolean().default(true),
  allowNewTimeProposals: z.boolean().optional(),
  transactionId: z.string().max(200).optional(),
  categories: z.array(z.string()).optional(),
  recurrence: recurrenceSchema.optional(),
});

const eventPatchSchema = z.object({
  subject: z.string().max(255).optional(),
  start: dateTimeTimeZone.optional(),
  end: dateTimeTimeZone.optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
  location: z.object({ displayName: z.string().optional() }).optional(),
});

/** Graph returns `locations` with `location` even when only the latter is selected. */
const eventFields = (req: Request) => {
  const f = parseSelect(req, EVENT_PROPS, 'event');
  return f?.includes('location') && !f.includes('locations') ? [...f, 'locations'] : f;
};

/** A new meeting as its organizer's calendar keeps it; attendees start with no response. */
function newEvent(
  store: MailboxStore,
  u: DirectoryUser,
  input: z.infer<typeof newEventSchema>,
  start: number,
  end: number,
  now: string,
): CalendarEvent {
  const uid = createHash('sha1').update(`${u.id}|${randomUUID()}`).digest('base64url');
  return {
    uid,
    iCalUId: `040000008200E00074C5B7101A82E008${createHash('sha1').update(uid).digest('hex').toUpperCase()}`,
    subject: input.subject,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    originalStartTimeZone: input.start.timeZone,
    originalEndTimeZone: input.end.timeZone,
    isAllDay: input.isAllDay,
    isCancelled: false,
    showAs: input.showAs,
    type: 'singleInstance',
    seriesMasterUid: null,
    organizer: { name: u.displayName, address: u.mail! },
    attendees: input.attendees.map((a) => ({
      emailAddress: {
        name:
          a.emailAddress.name ??
          store.userByAddress(a.emailAddress.address)?.displayName ??
          a.emailAddress.address,
        address: a.emailAddress.address,
      },
      type: a.type,
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
    })),
    location: {
      displayName: input.location?.displayName ?? (input.isOnlineMeeting ? 'Microsoft Teams Meeting' : ''),
      locationType: 'default',
    },
    isOnlineMeeting: input.isOnlineMeeting,
    onlineMeetingProvider: input.isOnlineMeeting ? 'teamsForBusiness' : 'unknown',
    sensitivity: input.sensitivity,
    importance: input.importance,
    responseRequested: input.responseRequested,
    createdDateTime: now,
    lastModifiedDateTime: now,
    kind: 'created',
  };
}

export function createEventsRouter(ctx: GraphContext, store: MailboxStore): express.Router {
  const router = express.Router();

  router.get(both('/events'), (req, res) => {
    const u = owner(ctx, req, res, CAL_READ);
    const zone = zoneOf(req, res);
    const fields = eventFields(req);
    const skip = queryOption(req, 'skiptoken');
    const st = skip ? decodeToken<{ off: number; ps: number }>(skip) : null;
    const ps = st?.ps ?? parseTop(req, MAX_PAGE) ?? DEFAULT_PAGE;
    const off = st?.off ?? 0;
    const items = store
      .calendar(u.id)
      .filter((i) => !i.deleted && (i.event.type === 'singleInstance' || i.event.type === 'seriesMaster'));
    const body: Record<string, unknown> = {
      '@odata.context': ctxUrl(req, `users('${u.id}')/events`),
      value: items
        .slice(off, off + ps)
        .map((i) => pick(eventJson(store, i, u, zone), fields, ['@odata.etag', 'id'])),
    };
    if (off + ps < items.length)
      body['@odata.nextLink'] =
        `${baseUrl(req)}/${who(u, req)}/events?$skiptoken=${encodeToken({ off: off + ps, ps })}`;
    res.json(body);
  });

  const findEvent = (u: DirectoryUser, id: string | undefined) => {
    const item = id ? store.calendarItem(u.id, id) : undefined;
    if (!item)
      throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    return item;
  };
  router.get(both('/events/:eventId'), (req, res) => {
    const u = owner(ctx, req, res, CAL_READ);
    res.json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/events/$entity`),
      ...pick(
        eventJson(store, findEvent(u, param(req, 'eventId')), u, zoneOf(req, res)),
        parseSelect(req, EVENT_PROPS, 'event'),
        ['@odata.etag', 'id'],
      ),
    });
  });

  router.post(both('/events'), express.json(), (req, res) => {
    const u = owner(ctx, req, res, CAL_WRITE);
    const parsed = newEventSchema.safeParse(req.body);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new GraphError(400, 'ErrorInvalidRequest', `Invalid request: ${i.path.join('.')}: ${i.message}`);
    }
    const input = parsed.data;
    // A repeated transactionId returns the event it created the first time (Graph's idempotency).
    if (input.transactionId) {
      const existing = store.findByTransaction(u.id, input.transactionId);
      if (existing) {
        res.status(201).json({
          '@odata.context': ctxUrl(req, `users('${u.id}')/events/$entity`),
          ...eventJson(store, existing, u, zoneOf(req, res)),
        });
        return;
      }
    }
    const start = parseDateTimeTimeZone(input.start);
    const end = parseDateTimeTimeZone(input.end);
    if (Number.isNaN(start) || Number.isNaN(end))
      throw new GraphError(400, 'ErrorInvalidRequest', 'Invalid start or end dateTime.');
    if (end < start)
      throw new GraphError(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
    const event = newEvent(store, u, input, start, end, ctx.clock().toISOString());
    if (input.recurrence) {
      event.type = 'seriesMaster';
      event.recurrence = seriesRecurrence(input.recurrence, input.start.timeZone);
      for (const occurrence of occurrencesOf(event, start, end, input.recurrence))
        store.createEvent(u.id, occurrence);
    }
    const item = store.createEvent(u.id, event, input.transactionId);
    res.status(201).json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/events/$entity`),
      ...eventJson(store, item, u, zoneOf(req, res)),
    });
  });

  router.patch(both('/events/:eventId'), express.json(), (req, res) => {
    const u = owner(ctx, req, res, CAL_WRITE);
    const item = findEvent(u, param(req, 'eventId'));
    const parsed = eventPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new GraphError(400, 'ErrorInvalidRequest', `Invalid request: ${i.path.join('.')}: ${i.message}`);
    }
    const patch = parsed.data;
    const start = patch.start ? parseDateTimeTimeZone(patch.start) : Date.parse(item.event.start);
    const end = patch.end ? parseDateTimeTimeZone(patch.end) : Date.parse(item.event.end);
    if (Number.isNaN(start) || Number.isNaN(end) || end < start)
      throw new GraphError(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
    const change = (e: CalendarEvent): CalendarEvent => ({
      ...e,
      ...(patch.subject !== undefined ? { subject: patch.subject } : {}),
      ...(patch.start
        ? { start: new Date(start).toISOString(), originalStartTimeZone: patch.start.timeZone }
        : {}),
      ...(patch.end ? { end: new Date(end).toISOString(), originalEndTimeZone: patch.end.timeZone } : {}),
      ...(patch.showAs ? { showAs: patch.showAs } : {}),
      ...(patch.location?.displayName !== undefined
        ? { location: { displayName: patch.location.displayName, locationType: 'default' } }
        : {}),
      lastModifiedDateTime: ctx.clock().toISOString(),
    });
    // The organizer's change reaches every copy; an attendee changes only their own.
    if (item.response.response === 'organizer') store.updateEvent(item.event.uid, change, u.id);
    else store.updateOwnCopy(u.id, item.graphId, change);
    res.json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/events/$entity`),
      ...eventJson(store, findEvent(u, item.graphId), u, zoneOf(req, res)),
    });
  });
  router.post(both('/events/:eventId/cancel'), express.json(), (req, res) => {
    const u = owner(ctx, req, res, CAL_WRITE);
    const item = findEvent(u, param(req, 'eventId'));
    if (item.response.response !== 'organizer')
      throw new GraphError(
        400,
        'ErrorAccessDenied',
        "Your request can't be completed. You need to be an organizer to cancel a meeting.",
      );
    store.cancelEvent(u.id, item.graphId);
    res.status(202).end();
  });
  router.delete(both('/events/:eventId'), (req, res) => {
    const u = owner(ctx, req, res, CAL_WRITE);
    const item = findEvent(u, param(req, 'eventId'));
    // An organizer deleting a meeting cancels it for the attendees (Outlook semantics).
    if (item.response.response === 'organizer') store.cancelEvent(u.id, item.graphId);
    else store.deleteEvent(u.id, item.graphId);
    res.status(204).end();
  });

  return router;
}
