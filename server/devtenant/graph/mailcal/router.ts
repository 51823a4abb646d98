import { createHash, randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { CalendarItem, MailboxStore, MailItem } from '../../mailbox/store';
import type { CalendarEvent, DirectoryUser, MailFolderName } from '../../model';
import type { GraphPrincipal } from '../../principal';
import type { GraphContext } from '../context';
import { GraphError } from '../errors';
import {
  baseUrl,
  decodeToken,
  encodeToken,
  param,
  parsePrefer,
  parseSelect,
  parseTop,
  pick,
  queryOption,
} from '../odata';
import { type Availability, busyItems, statusOver, VIEW_DIGIT, withinWorkingHours } from './availability';
import { type DeltaStream, deltaState, serveDeltaPage } from './delta';
import {
  BODY_PROPS,
  graphEvent,
  graphMessage,
  ianaZone,
  MESSAGE_PROPS,
  parseDateTimeTimeZone,
  wallTime,
} from './format';

/**
 * Mail and calendar for `/me/...` and `/users/{id}/...`: calendarView (+ delta), events (create,
 * update, cancel, delete), message lists and per-folder message delta, getSchedule and
 * findMeetingTimes — with Graph's paging, Prefer headers, scopes and errors.
 */

const WELL_KNOWN: MailFolderName[] = ['inbox', 'sentitems', 'archive', 'deleteditems'];
const DEFAULT_PAGE = 10;
const FILTERED_DELTA_LIMIT = 5_000;
const MAX_PAGE = 1000;
const EVENT_PROPS = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'transactionId',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'iCalUId',
  'uid',
  'reminderMinutesBeforeStart',
  'isReminderOn',
  'hasAttachments',
  'subject',
  'bodyPreview',
  'importance',
  'sensitivity',
  'isAllDay',
  'isCancelled',
  'isOrganizer',
  'responseRequested',
  'seriesMasterId',
  'showAs',
  'type',
  'webLink',
  'onlineMeetingUrl',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'allowNewTimeProposals',
  'occurrenceId',
  'isDraft',
  'hideAttendees',
  'responseStatus',
  'body',
  'start',
  'end',
  'location',
  'locations',
  'recurrence',
  'attendees',
  'organizer',
  'onlineMeeting',
] as const;

const has = (p: GraphPrincipal, anyOf: string[]) => {
  const all = new Set([...p.scopes, ...p.roles].map((s) => s.toLowerCase()));
  return anyOf.some((s) => all.has(s.toLowerCase()));
};
const CAL_READ = [
  'Calendars.Read',
  'Calendars.ReadWrite',
  'Calendars.ReadBasic',
  'Calendars.Read.Shared',
  'Calendars.ReadWrite.Shared',
];
const CAL_WRITE = ['Calendars.ReadWrite', 'Calendars.ReadWrite.Shared'];
const MAIL_READ = ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite', 'Mail.ReadBasic.All', 'Mail.Read.Shared'];
const denied = () =>
  new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');

const dateTimeTimeZone = z.object({ dateTime: z.string().min(10), timeZone: z.string().default('UTC') });
const emailAddress = z.object({ address: z.string().min(3), name: z.string().optional() });
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
  recurrence: z
    .object({
      pattern: z.object({
        type: z.enum([
          'daily',
          'weekly',
          'absoluteMonthly',
          'relativeMonthly',
          'absoluteYearly',
          'relativeYearly',
        ]),
        interval: z.number().int().min(1).max(99).default(1),
        month: z.number().int().default(0),
        dayOfMonth: z.number().int().default(0),
        daysOfWeek: z.array(z.string().transform((d) => d.toLowerCase())).default([]),
        firstDayOfWeek: z.string().default('sunday'),
        index: z.string().default('first'),
      }),
      range: z.object({
        type: z.enum(['endDate', 'noEnd', 'numbered']),
        startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        endDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        recurrenceTimeZone: z.string().optional(),
        numberOfOccurrences: z.number().int().min(0).default(0),
      }),
    })
    .optional(),
});

const eventPatchSchema = z.object({
  subject: z.string().max(255).optional(),
  start: dateTimeTimeZone.optional(),
  end: dateTimeTimeZone.optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
  location: z.object({ displayName: z.string().optional() }).optional(),
});

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Occurrence starts of a daily or weekly series (other patterns keep just the master); at most 260. */
function occurrenceStarts(
  start: number,
  rec: NonNullable<z.infer<typeof newEventSchema>['recurrence']>,
): number[] {
  const { pattern, range } = rec;
  if (pattern.type !== 'daily' && pattern.type !== 'weekly') return [];
  const timeOfDay = start - Math.floor(start / 86_400_000) * 86_400_000;
  const first = Date.parse(`${range.startDate}T00:00:00Z`);
  const last =
    range.type === 'endDate' && range.endDate
      ? Date.parse(`${range.endDate}T00:00:00Z`)
      : first + 366 * 86_400_000;
  const limit = range.type === 'numbered' && range.numberOfOccurrences > 0 ? range.numberOfOccurrences : 260;
  const out: number[] = [];
  for (let day = first; day <= last && out.length < limit; day += 86_400_000) {
    const n = Math.round((day - first) / 86_400_000);
    const dow = DAYS[new Date(day).getUTCDay()]!;
    const ok =
      pattern.type === 'daily'
        ? n % pattern.interval === 0
        : pattern.daysOfWeek.includes(dow) && Math.floor(n / 7) % pattern.interval === 0;
    if (ok) out.push(day + timeOfDay);
  }
  return out;
}

const FIND_KEYS = [
  'attendees',
  'type',
  'emailAddress',
  'address',
  'name',
  'timeConstraint',
  'activityDomain',
  'timeSlots',
  'start',
  'end',
  'dateTime',
  'timeZone',
  'meetingDuration',
  'maxCandidates',
  'isOrganizerOptional',
  'returnSuggestionReasons',
  'minimumAttendeePercentage',
  'locationConstraint',
];

/** Renames object keys to their canonical spelling, ignoring case (as Graph's JSON reader does). */
function canonicalKeys(value: unknown, known: readonly string[]): unknown {
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [
        byLower.get(k.toLowerCase()) ?? k,
        walk(x),
      ]),
    );
  };
  return walk(value);
}

export function createMailCalendarRouter(ctx: GraphContext, store: MailboxStore): express.Router {
  const router = express.Router();
  const both = (suffix: string) => [`/me${suffix}`, `/users/:id${suffix}`];

  /** The mailbox a request addresses; delegated tokens may only reach their own. */
  function owner(req: Request, res: Response, scopes: string[]): DirectoryUser {
    const principal = res.locals.principal!;
    const key = param(req, 'id') ?? 'me';
    const u = ctx.resolveUser(key, principal);
    if (!u)
      throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    if (!has(principal, scopes)) throw denied();
    if (principal.scopes.length && u.id !== principal.oid) throw denied();
    if (u.userType !== 'Member' || !u.mail)
      throw new GraphError(
        404,
        'MailboxNotEnabledForRESTAPI',
        'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
      );
    return u;
  }
  const zoneOf = (req: Request, res: Response) => {
    const tz = parsePrefer(req).timeZone;
    const iana = ianaZone(tz);
    if (tz && iana) res.setHeader('Preference-Applied', `outlook.timezone="${tz}"`);
    return tz && iana ? tz : 'UTC';
  };
  const seriesId = (item: CalendarItem, u: DirectoryUser) =>
    item.event.seriesMasterUid ? store.graphId(item.event.seriesMasterUid, u.id) : null;
  const eventJson = (item: CalendarItem, u: DirectoryUser, zone: string) =>
    graphEvent(item, u.mail!, zone, seriesId(item, u));
  /** Graph returns `locations` with `location` even when only the latter is selected. */
  const eventFields = (req: Request) => {
    const f = parseSelect(req, EVENT_PROPS, 'event');
    return f?.includes('location') && !f.includes('locations') ? [...f, 'locations'] : f;
  };
  const pageSize = (req: Request, fallback = DEFAULT_PAGE) =>
    Math.min(MAX_PAGE, parsePrefer(req).maxPageSize ?? parseTop(req, MAX_PAGE) ?? fallback);
  const requireWindow = (req: Request): [number, number] => {
    const s = queryOption(req, 'startDateTime') ?? queryOption(req, 'startdatetime');
    const e = queryOption(req, 'endDateTime') ?? queryOption(req, 'enddatetime');
    const start = s ? Date.parse(s) : Number.NaN;
    const end = e ? Date.parse(e) : Number.NaN;
    if (Number.isNaN(start) || Number.isNaN(end)) {
      throw new GraphError(
        400,
        'ErrorInvalidParameter',
        'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
      );
    }
    if (end <= start)
      throw new GraphError(400, 'ErrorInvalidParameter', 'The EndDateTime must be after the StartDateTime.');
    return [start, end];
  };
  const overlaps = (item: CalendarItem, [from, to]: [number, number]) =>
    Date.parse(item.event.start) < to && Date.parse(item.event.end) > from;
  const who = (u: DirectoryUser, req: Request) => (param(req, 'id') ? `users/${u.id}` : 'me');
  const ctxUrl = (req: Request, what: string) => `${baseUrl(req)}/$metadata#${what}`;

  // ---------- calendarView ----------
  router.get(both('/calendarView'), (req, res) => {
    const u = owner(req, res, CAL_READ);
    const zone = zoneOf(req, res);
    const fields = parseSelect(req, EVENT_PROPS, 'event');
    const skip = queryOption(req, 'skiptoken');
    const st = skip
      ? decodeToken<{ w: [number, number]; off: number; ps: number; sel: string[] | null }>(skip)
      : null;
    const window = st?.w ?? requireWindow(req);
    const ps = st?.ps ?? pageSize(req);
    const off = st?.off ?? 0;
    const items = store
      .calendar(u.id)
      .filter((i) => !i.deleted && i.event.type !== 'seriesMaster' && overlaps(i, window))
      .sort((a, b) => a.event.start.localeCompare(b.event.start));
    const page = items.slice(off, off + ps);
    const body: Record<string, unknown> = {
      '@odata.context': ctxUrl(req, `users('${u.id}')/calendarView`),
      value: page.map((i) => pick(eventJson(i, u, zone), st?.sel ?? fields, ['@odata.etag', 'id'])),
    };
    if (off + ps < items.length)
      body['@odata.nextLink'] =
        `${baseUrl(req)}/${who(u, req)}/calendarView?$skiptoken=${encodeToken({ w: window, off: off + ps, ps, sel: st?.sel ?? fields })}`;
    res.json(body);
  });

  // ---------- calendarView/delta (v1.0: primary calendar, window locked in the token) ----------
  router.get(both('/calendarView/delta'), (req, res) => {
    const u = owner(req, res, CAL_READ);
    const zone = zoneOf(req, res);
    for (const opt of ['select', 'filter', 'orderby', 'expand', 'search']) {
      if (queryOption(req, opt) !== undefined)
        throw new GraphError(
          400,
          'ErrorInvalidUrlQuery',
          `The following parameters are not supported with change tracking over the 'CalendarView' resource: '$${opt}'.`,
        );
    }
    const calendar = store.mailbox(u.id).calendar;
    const spec: DeltaStream = {
      stream: 'calendar',
      linkPath: `${who(u, req)}/calendarView/delta`,
      entity: 'event',
      restartUrl: (prev) =>
        prev?.w
          ? `${baseUrl(req)}/${who(u, req)}/calendarView/delta?startDateTime=${new Date(prev.w[0]).toISOString()}&endDateTime=${new Date(prev.w[1]).toISOString()}&$deltatoken=`
          : `${baseUrl(req)}/${who(u, req)}/calendarView/delta?$deltatoken=`,
      initial: (r) => ({ w: requireWindow(r) }),
      view: (id, st) => {
        const item = calendar.get(id);
        if (!item) return null;
        // Changes outside the window are reported as removals too, as Graph does.
        const live = !item.deleted && item.event.type !== 'seriesMaster' && overlaps(item, st.w!);
        return live ? { live: eventJson(item, u, zone) } : { removed: true };
      },
    };
    serveDeltaPage(req, res, store, u.id, spec, deltaState(req, store, u.id, spec));
  });

  // ---------- events ----------
  router.get(both('/events'), (req, res) => {
    const u = owner(req, res, CAL_READ);
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
        .map((i) => pick(eventJson(i, u, zone), fields, ['@odata.etag', 'id'])),
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
    const u = owner(req, res, CAL_READ);
    res.json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/events/$entity`),
      ...pick(
        eventJson(findEvent(u, param(req, 'eventId')), u, zoneOf(req, res)),
        parseSelect(req, EVENT_PROPS, 'event'),
        ['@odata.etag', 'id'],
      ),
    });
  });

  router.post(both('/events'), express.json(), (req, res) => {
    const u = owner(req, res, CAL_WRITE);
    const parsed = newEventSchema.safeParse(req.body);
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      throw new GraphError(400, 'ErrorInvalidRequest', `Invalid request: ${i.path.join('.')}: ${i.message}`);
    }
    const input = parsed.data;
    if (input.transactionId) {
      const existing = store.findByTransaction(u.id, input.transactionId);
      if (existing) {
        res.status(201).json({
          '@odata.context': ctxUrl(req, `users('${u.id}')/events/$entity`),
          ...eventJson(existing, u, zoneOf(req, res)),
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
    const now = ctx.clock().toISOString();
    const uid = createHash('sha1').update(`${u.id}|${randomUUID()}`).digest('base64url');
    const event: CalendarEvent = {
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
    if (input.recurrence) {
      const rec = input.recurrence;
      event.type = 'seriesMaster';
      event.recurrence = {
        pattern: rec.pattern,
        range: {
          ...rec.range,
          endDate: rec.range.endDate ?? '0001-01-01',
          recurrenceTimeZone: rec.range.recurrenceTimeZone ?? input.start.timeZone,
        },
      };
      for (const [k, at] of occurrenceStarts(start, rec).entries()) {
        store.createEvent(u.id, {
          ...event,
          uid: `${uid}.${k}`,
          type: 'occurrence',
          seriesMasterUid: uid,
          recurrence: null,
          start: new Date(at).toISOString(),
          end: new Date(at + (end - start)).toISOString(),
        });
      }
    }
    const item = store.createEvent(u.id, event, input.transactionId);
    res.status(201).json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/events/$entity`),
      ...eventJson(item, u, zoneOf(req, res)),
    });
  });

  router.patch(both('/events/:eventId'), express.json(), (req, res) => {
    const u = owner(req, res, CAL_WRITE);
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
      ...eventJson(findEvent(u, item.graphId), u, zoneOf(req, res)),
    });
  });
  router.post(both('/events/:eventId/cancel'), express.json(), (req, res) => {
    const u = owner(req, res, CAL_WRITE);
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
    const u = owner(req, res, CAL_WRITE);
    const item = findEvent(u, param(req, 'eventId'));
    // An organizer deleting a meeting cancels it for the attendees (Outlook semantics).
    if (item.response.response === 'organizer') store.cancelEvent(u.id, item.graphId);
    else store.deleteEvent(u.id, item.graphId);
    res.status(204).end();
  });

  // ---------- mail ----------
  const folderIdOf = (u: DirectoryUser, f: MailFolderName) =>
    `AQMkA${Buffer.from(`${u.id}:${f}`).toString('base64url').slice(0, 40)}AAAA`;
  const folderOf = (u: DirectoryUser, key: string): MailFolderName => {
    const k = key.replace(/^'|'$/g, '').toLowerCase();
    const f = WELL_KNOWN.find((w) => w === k || folderIdOf(u, w).toLowerCase() === k);
    if (!f)
      throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    return f;
  };
  /** `$filter=receivedDateTime ge|gt {instant}`, the only filter Graph allows on messages; null without one. */
  const receivedFilter = (req: Request): number | null => {
    const filter = queryOption(req, 'filter');
    if (filter === undefined) return null;
    const m = /^receivedDateTime\s+(ge|gt)\s+'?([^']+?)'?$/i.exec(filter.trim());
    const at = m ? Date.parse(m[2]!) : Number.NaN;
    if (!m || Number.isNaN(at))
      throw new GraphError(
        400,
        'ErrorInvalidUrlQueryFilter',
        'Only receivedDateTime ge/gt filters are supported on messages by the dev tenant.',
      );
    return m[1]!.toLowerCase() === 'gt' ? at + 1 : at;
  };
  /** With a $filter, message delta returns at most 5,000 messages: the newest ones. */
  const capToNewest = (u: DirectoryUser, folder: MailFolderName, since: number): number => {
    const times: number[] = [];
    for (const i of store.mailbox(u.id).mail.values()) {
      if (i.deleted || i.entry.folder !== folder) continue;
      const t = Date.parse(i.entry.message.receivedDateTime);
      if (t >= since) times.push(t);
    }
    if (times.length <= FILTERED_DELTA_LIMIT) return since;
    times.sort((a, b) => b - a);
    return times[FILTERED_DELTA_LIMIT - 1]!;
  };
  const canReadBody = (p: GraphPrincipal) => has(p, ['Mail.Read', 'Mail.ReadWrite']);
  const messageJson = (
    _req: Request,
    res: Response,
    u: DirectoryUser,
    i: MailItem,
    fields: string[] | null,
  ) => {
    const full = graphMessage(i, folderIdOf(u, i.entry.folder), canReadBody(res.locals.principal!));
    if (
      fields?.some((f) => ['body', 'bodyPreview', 'uniqueBody'].includes(f)) &&
      !canReadBody(res.locals.principal!)
    )
      throw denied();
    return pick(full, fields, ['@odata.type', '@odata.etag', 'id']);
  };

  router.get(
    [...both('/mailFolders/:folder/messages/delta'), ...both('/mailfolders/:folder/messages/delta')],
    (req, res) => {
      const u = owner(req, res, MAIL_READ);
      const folder = folderOf(u, param(req, 'folder')!);
      if (parsePrefer(req).immutableId) res.setHeader('Preference-Applied', 'IdType="ImmutableId"');
      const mail = store.mailbox(u.id).mail;
      const spec: DeltaStream = {
        stream: `mail:${folder}`,
        linkPath: `${who(u, req)}/mailFolders/${folder}/messages/delta`,
        entity: 'message',
        restartUrl: () => `${baseUrl(req)}/${who(u, req)}/mailFolders/${folder}/messages/delta?$deltatoken=`,
        initial: (r) => {
          const sel = parseSelect(r, MESSAGE_PROPS, 'message');
          if (sel?.some((f) => BODY_PROPS.has(f)) && !canReadBody(res.locals.principal!)) throw denied();
          if (
            queryOption(r, 'orderby') &&
            !/^receivedDateTime\s+desc$/i.test(queryOption(r, 'orderby')!.trim())
          )
            throw new GraphError(
              400,
              'ErrorInvalidUrlQuery',
              'Only $orderby=receivedDateTime desc is supported with delta on messages.',
            );
          const ct = queryOption(r, 'changeType');
          if (ct !== undefined && ct !== 'created' && ct !== 'updated' && ct !== 'deleted')
            throw new GraphError(400, 'ErrorInvalidParameter', `The changeType '${ct}' is not valid.`);
          const since = receivedFilter(r);
          return {
            ...(sel ? { sel } : {}),
            ...(ct ? { ct } : {}),
            ...(since !== null ? { rf: capToNewest(u, folder, since) } : {}),
          };
        },
        view: (id, st) => {
          const item = mail.get(id);
          if (!item) return null;
          const live = !item.deleted && item.entry.folder === folder;
          if (!live) return st.ct === 'created' || st.ct === 'updated' ? null : { removed: true };
          if (st.rf !== undefined && Date.parse(item.entry.message.receivedDateTime) < st.rf) return null;
          if (st.ct === 'deleted') return null;
          const isNew = st.since === 0 || item.createdSeq > st.since;
          if ((st.ct === 'created' && !isNew) || (st.ct === 'updated' && isNew)) return null;
          return { live: messageJson(req, res, u, item, st.sel ?? null) };
        },
      };
      serveDeltaPage(req, res, store, u.id, spec, deltaState(req, store, u.id, spec));
    },
  );

  router.get([...both('/mailFolders/:folder'), ...both('/mailfolders/:folder')], (req, res) => {
    const u = owner(req, res, MAIL_READ);
    const folder = folderOf(u, param(req, 'folder')!);
    const items = store.mail(u.id).filter((i) => !i.deleted && i.entry.folder === folder);
    const names: Record<MailFolderName, string> = {
      inbox: 'Inbox',
      sentitems: 'Sent Items',
      archive: 'Archive',
      deleteditems: 'Deleted Items',
    };
    const full = {
      id: folderIdOf(u, folder),
      displayName: names[folder],
      parentFolderId: folderIdOf(u, 'inbox').replace('AAAA', 'AAAB'),
      childFolderCount: 0,
      unreadItemCount: items.filter((i) => !i.entry.isRead).length,
      totalItemCount: items.length,
      sizeInBytes: items.length * 4096,
      isHidden: false,
    };
    res.json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/mailFolders/$entity`),
      ...pick(full, parseSelect(req, Object.keys(full), 'mailFolder')),
    });
  });

  const listMessages = (req: Request, res: Response, folder: MailFolderName | null) => {
    const u = owner(req, res, MAIL_READ);
    const skip = queryOption(req, 'skiptoken');
    const st = skip ? decodeToken<{ off: number; ps: number; q: Record<string, string> }>(skip) : null;
    const q =
      st?.q ??
      (Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string')) as Record<
        string,
        string
      >);
    const view = { query: q } as unknown as Request;
    const fields = parseSelect(view, MESSAGE_PROPS, 'message');
    const ps = st?.ps ?? parseTop(view, MAX_PAGE) ?? DEFAULT_PAGE;
    const off = st?.off ?? 0;
    const filter = queryOption(view, 'filter');
    let since = Number.NEGATIVE_INFINITY;
    if (filter) {
      const m = /^receivedDateTime\s+(ge|gt)\s+(\S+)$/i.exec(filter.trim());
      if (!m)
        throw new GraphError(
          400,
          'ErrorInvalidUrlQueryFilter',
          'The filter is not supported by the dev tenant.',
        );
      since = Date.parse(m[2]!);
    }
    const items = store
      .mail(u.id)
      .filter(
        (i) =>
          !i.deleted &&
          (!folder || i.entry.folder === folder) &&
          Date.parse(i.entry.message.receivedDateTime) >= since,
      )
      .sort((a, b) => b.entry.message.receivedDateTime.localeCompare(a.entry.message.receivedDateTime));
    const body: Record<string, unknown> = {
      '@odata.context': ctxUrl(req, `users('${u.id}')/messages${fields ? `(${fields.join(',')})` : ''}`),
    };
    body.value = items.slice(off, off + ps).map((i) => messageJson(req, res, u, i, fields));
    if (off + ps < items.length)
      body['@odata.nextLink'] =
        `${baseUrl(req)}/${who(u, req)}/${folder ? `mailFolders/${folder}/` : ''}messages?$skiptoken=${encodeToken({ off: off + ps, ps, q })}`;
    res.json(body);
  };
  router.get(both('/messages'), (req, res) => listMessages(req, res, null));
  router.get(
    [...both('/mailFolders/:folder/messages'), ...both('/mailfolders/:folder/messages')],
    (req, res) => {
      const u = owner(req, res, MAIL_READ);
      listMessages(req, res, folderOf(u, param(req, 'folder')!));
    },
  );

  // ---------- free/busy and scheduling ----------
  const scheduleSchema = z.object({
    schedules: z.array(z.string().min(3)).min(1),
    startTime: dateTimeTimeZone,
    endTime: dateTimeTimeZone,
    availabilityViewInterval: z.coerce.number().int().min(5).max(1440).default(30),
  });
  router.post(
    [...both('/calendar/getSchedule'), ...both('/calendar/getschedule')],
    express.json(),
    (req, res) => {
      const u = owner(req, res, CAL_READ);
      // Graph reads property names case-insensitively (the docs themselves send "Schedules").
      const body = Object.fromEntries(
        Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [
          k.charAt(0).toLowerCase() + k.slice(1),
          v,
        ]),
      );
      const parsed = scheduleSchema.safeParse(body);
      if (!parsed.success)
        throw new GraphError(
          400,
          'ErrorInvalidRequest',
          `Invalid request: ${parsed.error.issues[0]?.path.join('.')}`,
        );
      const b = parsed.data;
      if (b.schedules.length > 20) {
        throw new GraphError(
          400,
          'ErrorMailboxDataArrayTooBig',
          `There are too many target users in the EmailAddress array. The allowed size = 20; the actual size = ${b.schedules.length}.`,
        );
      }
      const from = parseDateTimeTimeZone(b.startTime);
      const to = parseDateTimeTimeZone(b.endTime);
      if (!(to > from))
        throw new GraphError(400, 'ErrorInvalidRequest', 'The end time must be after the start time.');
      const zone =
        parsePrefer(req).timeZone && ianaZone(parsePrefer(req).timeZone)
          ? parsePrefer(req).timeZone!
          : b.startTime.timeZone;
      const step = b.availabilityViewInterval * 60_000;
      const value = b.schedules.map((address) => {
        const target = store.userByAddress(address);
        if (target?.userType !== 'Member' || (target.id !== u.id && !target.mail)) {
          return {
            scheduleId: address,
            availabilityView: '',
            scheduleItems: [],
            workingHours: null,
            error: { message: 'Unable to resolve the user.', responseCode: 'ErrorMailRecipientNotFound' },
          };
        }
        const items = busyItems(store, target, from, to);
        let view = '';
        for (let t = from; t < to; t += step)
          view += VIEW_DIGIT[statusOver(items, t, Math.min(to, t + step))];
        return {
          scheduleId: address,
          availabilityView: view,
          scheduleItems: items.map((i) => ({
            isPrivate: i.isPrivate,
            status: i.status,
            subject: i.isPrivate ? '' : i.subject,
            location: i.isPrivate ? '' : i.location,
            isMeeting: i.isMeeting,
            isRecurring: i.isRecurring,
            isException: false,
            isReminderSet: true,
            start: wallTime(new Date(i.start).toISOString(), zone),
            end: wallTime(new Date(i.end).toISOString(), zone),
          })),
          workingHours: target.mailboxSettings.workingHours,
        };
      });
      res.json({ '@odata.context': ctxUrl(req, 'Collection(microsoft.graph.scheduleInformation)'), value });
    },
  );

  const boolish = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
  const findSchema = z.object({
    attendees: z.array(z.object({ type: z.string().default('required'), emailAddress })).default([]),
    timeConstraint: z
      .object({
        activityDomain: z.enum(['work', 'personal', 'unrestricted', 'unknown']).default('work'),
        timeSlots: z.array(z.object({ start: dateTimeTimeZone, end: dateTimeTimeZone })).min(1),
      })
      .optional(),
    meetingDuration: z
      .string()
      .regex(/^PT(\d+H)?(\d+M)?$/)
      .default('PT30M'),
    maxCandidates: z.coerce.number().int().min(1).max(100).default(5),
    isOrganizerOptional: boolish.default(false),
    returnSuggestionReasons: boolish.default(false),
    minimumAttendeePercentage: z.coerce.number().min(0).max(100).default(50),
    locationConstraint: z.unknown().optional(),
  });
  router.post(both('/findMeetingTimes'), express.json(), (req, res) => {
    const u = owner(req, res, CAL_READ);
    // Graph reads property names case-insensitively; the docs send both `timeSlots` and `timeslots`.
    const parsed = findSchema.safeParse(canonicalKeys(req.body ?? {}, FIND_KEYS));
    if (!parsed.success)
      throw new GraphError(
        400,
        'ErrorInvalidRequest',
        `Invalid request: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
      );
    const b = parsed.data;
    const [, h, m] = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(b.meetingDuration)!;
    const duration = (Number(h ?? 0) * 60 + Number(m ?? 0)) * 60_000;
    const zone = zoneOf(req, res);
    const now = ctx.clock().getTime();
    const slots = b.timeConstraint?.timeSlots.map(
      (s) => [parseDateTimeTimeZone(s.start), parseDateTimeTimeZone(s.end)] as const,
    ) ?? [[now, now + 2 * 86_400_000] as const];
    const domain = b.timeConstraint?.activityDomain ?? 'work';
    const organizerZone = ianaZone(u.mailboxSettings.timeZone) ?? 'UTC';
    const organizerBusy = busyItems(
      store,
      u,
      Math.min(...slots.map((s) => s[0])),
      Math.max(...slots.map((s) => s[1])),
    );
    const people = b.attendees.map((a) => ({ a, user: store.userByAddress(a.emailAddress.address) }));
    const busy = new Map(
      people
        .filter((p) => p.user)
        .map((p) => [
          p.user!.id,
          busyItems(store, p.user!, Math.min(...slots.map((s) => s[0])), Math.max(...slots.map((s) => s[1]))),
        ]),
    );
    // Documented confidence: each attendee free 100, tentative 50, busy/oof 0, unknown 49; averaged.
    const score: Record<Availability, number> = {
      free: 100,
      tentative: 50,
      busy: 0,
      oof: 0,
      workingElsewhere: 100,
      unknown: 49,
    };
    const suggestions: Array<Record<string, unknown> & { confidence: number; startMs: number }> = [];
    let organizerEverFree = false;
    for (const [from, to] of slots) {
      for (let t = Math.ceil(from / 1_800_000) * 1_800_000; t + duration <= to; t += 1_800_000) {
        // 'work' keeps to the working hours of the organizer and every internal attendee; 'personal'
        // to their hours on any day of the week.
        if (
          (domain === 'work' || domain === 'unknown' || domain === 'personal') &&
          ![u, ...people.flatMap((p) => (p.user ? [p.user] : []))].every((x) =>
            withinWorkingHours(
              x,
              t,
              t + duration,
              ianaZone(x.mailboxSettings.timeZone) ?? organizerZone,
              domain === 'personal',
            ),
          )
        )
          continue;
        const orgStatus = statusOver(organizerBusy, t, t + duration);
        if (orgStatus === 'free') organizerEverFree = true;
        if (orgStatus !== 'free' && !b.isOrganizerOptional) continue;
        const availability = people.map(({ a, user }) => ({
          attendee: { type: a.type, emailAddress: { address: a.emailAddress.address } },
          availability: user ? statusOver(busy.get(user.id)!, t, t + duration) : ('unknown' as Availability),
        }));
        const confidence = availability.length
          ? availability.reduce((s, x) => s + score[x.availability], 0) / availability.length
          : 100;
        // minimumAttendeePercentage is the confidence threshold (default 50).
        if (confidence < b.minimumAttendeePercentage) continue;
        suggestions.push({
          confidence,
          startMs: t,
          organizerAvailability: orgStatus,
          attendeeAvailability: availability,
          locations: [{ displayName: '', locationEmailAddress: '', address: {}, coordinates: {} }],
          meetingTimeSlot: {
            start: wallTime(new Date(t).toISOString(), zone),
            end: wallTime(new Date(t + duration).toISOString(), zone),
          },
          suggestionReason: b.returnSuggestionReasons
            ? confidence === 100
              ? 'Suggested because it is one of the nearest times when all attendees are available.'
              : 'Suggested because it is one of the nearest times when most attendees are available.'
            : '',
        });
      }
    }
    suggestions.sort((a, c) => c.confidence - a.confidence || a.startMs - c.startMs);
    const chosen = suggestions
      .slice(0, b.maxCandidates)
      .map(({ startMs: _s, ...rest }, i) => ({ ...rest, order: i + 1 }));
    res.json({
      '@odata.context': ctxUrl(req, 'microsoft.graph.meetingTimeSuggestionsResult'),
      emptySuggestionsReason: chosen.length
        ? ''
        : !organizerEverFree && !b.isOrganizerOptional
          ? 'organizerUnavailable'
          : people.some((p) => !p.user)
            ? 'attendeesUnavailableOrUnknown'
            : 'attendeesUnavailable',
      meetingTimeSuggestions: chosen,
    });
  });

  return router;
}
