import express from 'express';
import { z } from 'zod';
import type { MailboxStore } from '../../mailbox/store';
import type { GraphContext } from '../context';
import { GraphError } from '../errors';
import { type Availability, busyItems, statusOver, VIEW_DIGIT, withinWorkingHours } from './availability';
import { ianaZone, parseDateTimeTimeZone, wallTime } from './format';
import { both, CAL_READ, ctxUrl, dateTimeTimeZone, emailAddress, owner, zoneOf } from './shared';

/** Free/busy and scheduling: `calendar/getSchedule` and `findMeetingTimes`, over the attendees' calendars. */

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

const MAX_WINDOW_MS = 62 * 86_400_000;

const scheduleSchema = z.object({
  schedules: z.array(z.string().min(3)).min(1),
  startTime: dateTimeTimeZone,
  endTime: dateTimeTimeZone,
  availabilityViewInterval: z.coerce.number().int().min(5).max(1440).default(30),
});

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

export function createSchedulingRouter(ctx: GraphContext, store: MailboxStore): express.Router {
  const router = express.Router();

  router.post(
    [...both('/calendar/getSchedule'), ...both('/calendar/getschedule')],
    express.json(),
    (req, res) => {
      owner(ctx, req, res, CAL_READ);
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
      if (Number.isNaN(from) || Number.isNaN(to))
        throw new GraphError(400, 'ErrorInvalidRequest', 'Invalid startTime or endTime dateTime.');
      // The docs: "the time window must be under 62 days" (concepts/outlook-get-free-busy-schedule.md).
      // They give no error body. ErrorInvalidTimeInterval is Exchange's code for a bad interval (EWS
      // ResponseCode list) and is what clients report getting from getSchedule for a bad window;
      // the message is ours. Exactly 62 days is refused too ("under").
      if (!(to > from) || to - from >= MAX_WINDOW_MS)
        throw new GraphError(
          400,
          'ErrorInvalidTimeInterval',
          to > from
            ? 'The specified time interval is invalid: the time window must be less than 62 days.'
            : 'The specified time interval is invalid: the end time must be after the start time.',
        );
      // Times come back in the Prefer: outlook.timezone zone, else in UTC (api/calendar-getschedule.md).
      const zone = zoneOf(req, res);
      const step = b.availabilityViewInterval * 60_000;
      const value = b.schedules.map((address) => {
        const target = store.userByAddress(address);
        if (target?.userType !== 'Member' || !target.mail) {
          // As Graph answers an address it can't resolve (microsoft-graph-docs#11225): the schedule
          // id and an error, nothing else, inside a 200.
          return {
            scheduleId: address,
            error: {
              message: `Unable to resolve e-mail address ${address} to an Active Directory object.`,
              responseCode: '5009',
            },
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

  router.post(both('/findMeetingTimes'), express.json(), (req, res) => {
    const u = owner(ctx, req, res, CAL_READ);
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
