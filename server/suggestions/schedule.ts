import { findIana } from 'windows-iana';
import type { GraphScheduleInformation, GraphTimeZone } from '../graph/schemas';
import type { BusyInterval, DayWindow, PersonSchedule } from './slots';
import { customZone, ianaZone, type Zone, type ZoneTransition } from './zone';

/**
 * From getSchedule's answer to what the slot search reads: working days, hours and zone as the
 * person's own mailbox states them, and their busy times. Graph writes working hours as
 * "08:00:00.0000000" in the person's zone (a Windows name, an IANA name or a custom definition),
 * and the schedule items in the zone the request asked for.
 */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const minutesOf = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function transition(t: {
  time: string;
  dayOccurrence: number;
  dayOfWeek: string;
  month: number;
}): ZoneTransition {
  return {
    month: t.month,
    weekday: Math.max(0, WEEKDAYS.indexOf(t.dayOfWeek.toLowerCase())),
    occurrence: t.dayOccurrence,
    minutes: minutesOf(t.time),
  };
}

/** An IANA name for a time-zone value (Windows names translated); null for a custom definition. */
export function ianaNameOf(tz: GraphTimeZone): string | null {
  if ('@odata.type' in tz) return null;
  const known = ianaNames.get(tz.name);
  if (known !== undefined) return known;
  const name = readIanaName(tz.name);
  if (ianaNames.size < 10_000) ianaNames.set(tz.name, name);
  return name;
}
const ianaNames = new Map<string, string | null>();

function readIanaName(name: string): string | null {
  if (/^(utc|etc\/utc|gmt)$/i.test(name)) return 'UTC';
  const windows = findIana(name)?.[0];
  if (windows) return windows;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The zone a time-zone value names; null when neither Windows nor IANA knows the name. */
export function zoneOf(tz: GraphTimeZone): Zone | null {
  if ('bias' in tz) return customZoneOf(tz);
  // Named zones are one per name for the process (findIana is slow: ~0.7 s a weekly run, measured).
  const known = namedZones.get(tz.name);
  if (known !== undefined) return known;
  const zone = namedZone(tz.name);
  if (namedZones.size < 10_000) namedZones.set(tz.name, zone);
  return zone;
}
const namedZones = new Map<string, Zone | null>();

function customZoneOf(tz: Extract<GraphTimeZone, { bias: number }>): Zone {
  const d = tz.daylightOffset;
  const s = tz.standardOffset;
  return customZone({
    bias: tz.bias,
    daylight:
      d && s && d.month > 0 ? { bias: d.daylightBias, start: transition(d), end: transition(s) } : null,
  });
}

function namedZone(name: string): Zone | null {
  for (const candidate of [findIana(name)[0], name]) {
    if (!candidate) continue;
    try {
      return ianaZone(candidate);
    } catch {
      // not an IANA name either: try the next reading
    }
  }
  return null;
}

const STATUS: Record<string, BusyInterval['status'] | undefined> = {
  tentative: 'tentative',
  busy: 'busy',
  oof: 'oof',
};

/**
 * A schedule item's time as UTC ms. Rapport asks for UTC, but the wall time is read in whatever zone
 * the item names ("2019-03-15T12:00:00.0000000", "Pacific Standard Time"), so nothing depends on
 * the Prefer header having been honoured.
 */
function instant(v: { dateTime: string; timeZone?: string | null }): number {
  const wall = Date.parse(`${v.dateTime.slice(0, 23)}Z`);
  const name = v.timeZone ?? 'UTC';
  if (/^(utc|etc\/utc|gmt)$/i.test(name)) return wall;
  const zone = zoneOf({ name });
  if (!zone) return Number.NaN;
  // Local → UTC: the offset at the answer, found in two steps (exact away from a DST change).
  const guess = wall - zone.offsetAt(wall) * 60_000;
  return wall - zone.offsetAt(guess) * 60_000;
}

/**
 * A person's schedule for the search, or null when Graph could not give one (an error, no working
 * hours, an unknown zone): such a person is not suggested rather than guessed about.
 */
export function personSchedule(
  info: GraphScheduleInformation,
  lunchWindow: DayWindow,
): PersonSchedule | null {
  const wh = info.workingHours;
  if (info.error || !wh) return null;
  const zone = zoneOf(wh.timeZone);
  if (!zone) return null;
  const busy: BusyInterval[] = [];
  for (const item of info.scheduleItems ?? []) {
    const status = STATUS[item.status.toLowerCase()];
    const start = instant(item.start);
    const end = instant(item.end);
    if (Number.isNaN(start) || Number.isNaN(end)) return null; // an item we cannot place: not free
    if (status) busy.push({ start, end, status });
  }
  return {
    zone,
    workingDays: new Set(wh.daysOfWeek.map((d) => WEEKDAYS.indexOf(d.toLowerCase())).filter((d) => d >= 0)),
    workingHours: { start: minutesOf(wh.startTime), end: minutesOf(wh.endTime) || 24 * 60 },
    lunchWindow,
    busy,
  };
}
