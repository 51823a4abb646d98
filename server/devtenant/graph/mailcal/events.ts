import { createHash, randomUUID } from 'node:crypto';
import express, { type Request } from 'express';
import { z } from 'zod';
import type { MailboxStore, OpenExtension } from '../../mailbox/store';
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
  extensionId,
  extensionJson,
  MAX_PAGE,
  owner,
  parseEventExpand,
  who,
  zoneOf,
} from './shared';

/**
 * `/events`: list and read, create (invitations reach the attendees through the store, which
 * answers for them over time), update, cancel and delete — with Outlook's organizer semantics.
 */

/** itemBody: contentType text or html (Graph reads the enum case-insensitively; the docs send "HTML"). */
const itemBody = z.object({
  contentType: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(['text', 'html']))
    .default('text'),
  content: z.string().default(''),
});

/** An open extension created inline with the event: its type, its name and the client's own properties. */
const openExtension = z
  .object({
    '@odata.type': z
      .string()
      .refine(
        (t) => /^#?microsoft\.graph\.openTypeExtension$/i.test(t),
        'must be microsoft.graph.openTypeExtension',
      ),
    extensionName: z.string().min(1).max(256),
  })
  .passthrough();

const attendeeInput = z.object({
  emailAddress,
  type: z.enum(['required', 'optional', 'resource']).default('required'),
});

const newEventSchema = z.object({
  subject: z.string().max(255).default(''),
  body: itemBody.optional(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  location: z
    .object({ displayName: z.string().default('') })
    .partial()
    .optional(),
  attendees: z.array(attendeeInput).max(500).default([]),
  isOnlineMeeting: z.boolean().default(false),
  onlineMeetingProvider: z.string().optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).default('busy'),
  isAllDay: z.boolean().default(false),
  sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).default('normal'),
  importance: z.enum(['low', 'normal', 'high']).default('normal'),
  responseRequested: z.boolean().default(true),
  allowNewTimeProposals: z.boolean().default(true),
  transactionId: z.string().max(200).optional(),
  categories: z.array(z.string()).optional(),
  extensions: z.array(openExtension).optional(),
  recurrence: recurrenceSchema.optional(),
});

const eventPatchSchema = z.object({
  subject: z.string().max(255).optional(),
  body: itemBody.optional(),
  start: dateTimeTimeZone.optional(),
  end: dateTimeTimeZone.optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
  location: z.object({ displayName: z.string().optional() }).optional(),
  /** The whole new collection: Graph replaces attendees, it doesn't merge them. */
  attendees: z.array(attendeeInput).max(500).optional(),
  categories: z.array(z.string()).optional(),
  importance: z.enum(['low', 'normal', 'high']).optional(),
  sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).optional(),
  responseRequested: z.boolean().optional(),
  allowNewTimeProposals: z.boolean().optional(),
});

/** event: forward (api/event-forward.md); the docs send PascalCase keys, which Graph accepts. */
const forwardSchema = z.object({
  toRecipients: z.array(z.object({ emailAddress })).min(1),
  comment: z.string().default(''),
});

/** event: accept / tentativelyAccept / decline (api/event-accept.md, event-tentativelyaccept.md, event-decline.md). */
const answerSchema = z.object({
  comment: z.string().default(''),
  sendResponse: z.boolean().default(true),
  proposedNewTime: z.object({ start: dateTimeTimeZone, end: dateTimeTimeZone }).optional(),
});

/** Lower-cases the first letter of every key, as Graph's JSON reader ignores case. */
function camelKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).map(([k, x]) => [
      k.startsWith('@') ? k : k.charAt(0).toLowerCase() + k.slice(1),
      camelKeys(x),
    ]),
  );
}

const invalid = (error: z.ZodError) => {
  const i = error.issues[0]!;
  return new GraphError(400, 'ErrorInvalidRequest', `Invalid request: ${i.path.join('.')}: ${i.message}`);
};

/** The attendee list as stored, with display names filled in from the directory. */
const attendeesOf = (store: MailboxStore, list: Array<z.infer<typeof attendeeInput>>) =>
  list.map((a) => ({
    emailAddress: {
      name:
        a.emailAddress.name ??
        store.userByAddress(a.emailAddress.address)?.displayName ??
        a.emailAddress.address,
      address: a.emailAddress.address,
    },
    type: a.type,
  }));

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
    attendees: attendeesOf(store, input.attendees).map((a) => ({
      ...a,
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
    allowNewTimeProposals: input.allowNewTimeProposals,
    ...(input.body ? { body: input.body } : {}),
    createdDateTime: now,
    lastModifiedDateTime: now,
    kind: 'created',
  };
}

export function createEventsRouter(ctx: GraphContext, store: MailboxStore): express.Router {
  const router = express.Router();
  const ALWAYS = (expand: unknown) => ['@odata.etag', 'id', ...(expand ? ['extensions'] : [])];

  router.get(both('/events'), (req, res) => {
    const u = owner(ctx, req, res, CAL_READ);
    const zone = zoneOf(req, res);
    const fields = eventFields(req);
    const skip = queryOption(req, 'skiptoken');
    const st = skip
      ? decodeToken<{ off: number; ps: number; ex?: { filter: string | null } | null }>(skip)
      : null;
    const expand = st ? (st.ex ?? null) : parseEventExpand(req);
    const ps = st?.ps ?? parseTop(req, MAX_PAGE) ?? DEFAULT_PAGE;
    const off = st?.off ?? 0;
    const items = store
      .calendar(u.id)
      .filter((i) => !i.deleted && (i.event.type === 'singleInstance' || i.event.type === 'seriesMaster'));
    const body: Record<string, unknown> = {
      '@odata.context': ctxUrl(req, `users('${u.id}')/events`),
      value: items
        .slice(off, off + ps)
        .map((i) => pick(eventJson(store, i, u, zone, expand), fields, ALWAYS(expand))),
    };
    if (off + ps < items.length)
      body['@odata.nextLink'] =
        `${baseUrl(req)}/${who(u, req)}/events?$skiptoken=${encodeToken({ off: off + ps, ps, ex: expand })}`;
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
    const expand = parseEventExpand(req);
    res.json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/events/$entity`),
      ...pick(
        eventJson(store, findEvent(u, param(req, 'eventId')), u, zoneOf(req, res), expand),
        parseSelect(req, EVENT_PROPS, 'event'),
        ALWAYS(expand),
      ),
    });
  });

  // Open extensions of one event (api/opentypeextension-get.md): the collection, or one by id or name.
  router.get(both('/events/:eventId/extensions'), (req, res) => {
    const u = owner(ctx, req, res, CAL_READ);
    const item = findEvent(u, param(req, 'eventId'));
    res.json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/events('${item.graphId}')/extensions`),
      value: (item.extensions ?? []).map(extensionJson),
    });
  });
  router.get(both('/events/:eventId/extensions/:extensionId'), (req, res) => {
    const u = owner(ctx, req, res, CAL_READ);
    const item = findEvent(u, param(req, 'eventId'));
    const want = (param(req, 'extensionId') ?? '').toLowerCase();
    const ext = (item.extensions ?? []).find(
      (x) => x.extensionName.toLowerCase() === want || extensionId(x.extensionName).toLowerCase() === want,
    );
    if (!ext)
      throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    res.json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/events('${item.graphId}')/extensions/$entity`),
      ...extensionJson(ext),
    });
  });

  router.post(both('/events'), express.json(), (req, res) => {
    const u = owner(ctx, req, res, CAL_WRITE);
    const parsed = newEventSchema.safeParse(req.body);
    if (!parsed.success) throw invalid(parsed.error);
    const input = parsed.data;
    // A repeated transactionId from the same mailbox returns the event it created the first time
    // (Graph's idempotency for client retries) instead of creating and sending a second one.
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
    const names = new Set<string>();
    for (const x of input.extensions ?? []) {
      if (names.has(x.extensionName.toLowerCase()))
        throw new GraphError(
          400,
          'ErrorInvalidRequest',
          `An extension named '${x.extensionName}' is given twice.`,
        );
      names.add(x.extensionName.toLowerCase());
    }
    const extensions = (input.extensions ?? []).map(
      ({ '@odata.type': _t, id: _id, ...rest }) => rest as OpenExtension,
    );
    const event = newEvent(store, u, input, start, end, ctx.clock().toISOString());
    if (input.recurrence) {
      event.type = 'seriesMaster';
      event.recurrence = seriesRecurrence(input.recurrence, input.start.timeZone);
      for (const occurrence of occurrencesOf(event, start, end, input.recurrence))
        store.createEvent(u.id, occurrence);
    }
    const item = store.createEvent(u.id, event, input.transactionId, {
      ...(input.categories ? { categories: input.categories } : {}),
      ...(input.extensions ? { extensions } : {}),
    });
    res.status(201).json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/events/$entity`),
      ...eventJson(store, item, u, zoneOf(req, res), input.extensions ? { filter: null } : null),
    });
  });

  router.patch(both('/events/:eventId'), express.json(), (req, res) => {
    const u = owner(ctx, req, res, CAL_WRITE);
    const item = findEvent(u, param(req, 'eventId'));
    const parsed = eventPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw invalid(parsed.error);
    const patch = parsed.data;
    const isOrganizer = item.response.response === 'organizer';
    if (patch.attendees && !isOrganizer)
      // No documented code for this; modelled on the cancel action's organizer-only error.
      throw new GraphError(
        400,
        'ErrorAccessDenied',
        "Your request can't be completed. You need to be an organizer to change the attendees of a meeting.",
      );
    const start = patch.start ? parseDateTimeTimeZone(patch.start) : Date.parse(item.event.start);
    const end = patch.end ? parseDateTimeTimeZone(patch.end) : Date.parse(item.event.end);
    if (Number.isNaN(start) || Number.isNaN(end) || end < start)
      throw new GraphError(400, 'ErrorInvalidRequest', 'The end of the event must be after its start.');
    const change = (e: CalendarEvent): CalendarEvent => ({
      ...e,
      ...(patch.subject !== undefined ? { subject: patch.subject } : {}),
      ...(patch.body ? { body: patch.body } : {}),
      ...(patch.start
        ? { start: new Date(start).toISOString(), originalStartTimeZone: patch.start.timeZone }
        : {}),
      ...(patch.end ? { end: new Date(end).toISOString(), originalEndTimeZone: patch.end.timeZone } : {}),
      ...(patch.showAs ? { showAs: patch.showAs } : {}),
      ...(patch.location?.displayName !== undefined
        ? { location: { displayName: patch.location.displayName, locationType: 'default' } }
        : {}),
      ...(patch.importance ? { importance: patch.importance } : {}),
      ...(patch.sensitivity ? { sensitivity: patch.sensitivity } : {}),
      ...(patch.responseRequested !== undefined ? { responseRequested: patch.responseRequested } : {}),
      ...(patch.allowNewTimeProposals !== undefined
        ? { allowNewTimeProposals: patch.allowNewTimeProposals }
        : {}),
      lastModifiedDateTime: ctx.clock().toISOString(),
    });
    // The organizer's change reaches every copy; an attendee changes only their own.
    if (isOrganizer) store.updateEvent(item.event.uid, change, u.id);
    else store.updateOwnCopy(u.id, item.graphId, change);
    // Then the new attendee list: new invitees get the updated meeting, removed ones a cancellation.
    if (patch.attendees) store.replaceAttendees(u.id, item.graphId, attendeesOf(store, patch.attendees));
    // Categories are personal to this copy.
    if (patch.categories) store.updateItem(u.id, item.graphId, { categories: patch.categories });
    res.json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/events/$entity`),
      ...eventJson(store, findEvent(u, item.graphId), u, zoneOf(req, res)),
    });
  });

  // The docs list Calendars.Read as the least privileged permission for forward (api/event-forward.md).
  router.post(both('/events/:eventId/forward'), express.json(), (req, res) => {
    const u = owner(ctx, req, res, CAL_READ);
    const item = findEvent(u, param(req, 'eventId'));
    const parsed = forwardSchema.safeParse(camelKeys(req.body ?? {}));
    if (!parsed.success) throw invalid(parsed.error);
    store.forwardEvent(
      u.id,
      item.graphId,
      parsed.data.toRecipients.map((r) => ({
        name: r.emailAddress.name ?? '',
        address: r.emailAddress.address,
      })),
      parsed.data.comment,
    );
    res.status(202).end();
  });

  // An attendee answers their invitation; the organizer can't (ErrorInvalidRequest in Graph too).
  for (const [action, response] of [
    ['accept', 'accepted'],
    ['tentativelyAccept', 'tentativelyAccepted'],
    ['decline', 'declined'],
  ] as const) {
    router.post(both(`/events/:eventId/${action}`), express.json(), (req, res) => {
      const u = owner(ctx, req, res, CAL_WRITE);
      const item = findEvent(u, param(req, 'eventId'));
      const parsed = answerSchema.safeParse(camelKeys(req.body ?? {}));
      if (!parsed.success) throw invalid(parsed.error);
      if (item.response.response === 'organizer')
        throw new GraphError(
          400,
          'ErrorInvalidRequest',
          "Your request can't be completed. You can't respond to a meeting you organized.",
        );
      const p = parsed.data.proposedNewTime;
      if (p && response === 'accepted')
        throw new GraphError(
          400,
          'ErrorInvalidRequest',
          'Invalid request: proposedNewTime is not a parameter of accept.',
        );
      if (p && item.event.allowNewTimeProposals === false)
        // Undocumented code; the organizer turned proposals off (allowNewTimeProposals: false).
        throw new GraphError(
          400,
          'ErrorInvalidRequest',
          'The organizer does not allow new time proposals for this meeting.',
        );
      if (p && !parsed.data.sendResponse)
        throw new GraphError(
          400,
          'ErrorInvalidRequest',
          'A new time can only be proposed with sendResponse true.',
        );
      const proposed = p
        ? {
            start: new Date(parseDateTimeTimeZone(p.start)).toISOString(),
            end: new Date(parseDateTimeTimeZone(p.end)).toISOString(),
          }
        : undefined;
      store.respondAs(u.id, item.graphId, response, {
        ...(proposed ? { proposedNewTime: proposed } : {}),
        sendResponse: parsed.data.sendResponse,
      });
      res.status(202).end();
    });
  }

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
