/**
 * Wall-clock time in a person's time zone, for the slot search. getSchedule gives working hours
 * in the person's own zone — an IANA or Windows name, or a custom definition (a bias and its
 * daylight rule) — so a zone here is anything that can say its UTC offset at an instant. Pure.
 */
export interface Zone {
  /** Minutes east of UTC at `utcMs` (Berlin in summer: 120; Los Angeles in winter: -480). */
  offsetAt(utcMs: number): number;
}

/** A local calendar day, as `YYYY-MM-DD` in the zone, and the minutes since its local midnight. */
export interface WallTime {
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  minutes: number;
}

const QUARTER = 15 * 60_000;

/**
 * A zone from an IANA name, through Intl. Offsets change only on quarter-hour boundaries of UTC
 * (every rule in the tz database moves at a whole local minute that is one), so they are cached
 * per quarter hour: a two-week search asks Intl ~1,300 times per zone, not once per check.
 */
export function ianaZone(name: string): Zone {
  // One per name for the process: 200 colleagues in three zones share three formatters and caches.
  let zone = ianaZones.get(name);
  if (!zone) {
    zone = makeIanaZone(name);
    ianaZones.set(name, zone);
  }
  return zone;
}

const ianaZones = new Map<string, Zone>();

function makeIanaZone(name: string): Zone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name, // throws RangeError for an unknown zone: callers validate at the boundary
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const cache = new Map<number, number>();
  return {
    offsetAt(utcMs) {
      const bucket = Math.floor(utcMs / QUARTER);
      let offset = cache.get(bucket);
      if (offset === undefined) {
        const at = bucket * QUARTER;
        const parts: Record<string, number> = {};
        for (const p of format.formatToParts(new Date(at)))
          if (p.type !== 'literal') parts[p.type] = Number(p.value);
        const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
        offset = Math.round((asUtc - at) / 60_000);
        if (cache.size >= 100_000) cache.clear(); // a long-lived process must not grow without end
        cache.set(bucket, offset);
      }
      return offset;
    },
  };
}

/** A zone with a fixed offset (UTC, or a custom definition without daylight saving). */
export const fixedZone = (offsetMinutes: number): Zone => ({ offsetAt: () => offsetMinutes });

/** YYYY-MM-DD of local day numbers (days since 1970-01-01), kept: a search revisits few days. */
const dates = new Map<number, string>();
function dateOf(day: number): string {
  let d = dates.get(day);
  if (d === undefined) {
    d = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dates.size >= 100_000) dates.clear();
    dates.set(day, d);
  }
  return d;
}

/**
 * Wall-clock date, weekday and minutes of `utcMs` in `zone`. Arithmetic on the local day number,
 * not a Date and its ISO string per call: the slot search asks this millions of times a week
 * (measured: most of the weekly job's CPU before).
 */
export function wallTime(zone: Zone, utcMs: number): WallTime {
  const local = utcMs + zone.offsetAt(utcMs) * 60_000;
  const day = Math.floor(local / 86_400_000);
  return {
    date: dateOf(day),
    weekday: (((day + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
    minutes: Math.floor((local - day * 86_400_000) / 60_000),
  };
}

export interface ZoneTransition {
  month: number; // 1–12
  weekday: number; // 0 = Sunday
  occurrence: number; // 1–5
  minutes: number; // local minutes after midnight
}

/** The UTC ms of local midnight (as if UTC) on the nth weekday of a month; 5 = the last one. */
function nthWeekday(year: number, t: ZoneTransition): number {
  const first = new Date(Date.UTC(year, t.month - 1, 1)).getUTCDay();
  let day = 1 + ((t.weekday - first + 7) % 7) + (t.occurrence - 1) * 7;
  const days = new Date(Date.UTC(year, t.month, 0)).getUTCDate();
  while (day > days) day -= 7;
  return Date.UTC(year, t.month - 1, day);
}

/**
 * A custom time zone as Exchange defines one (getSchedule's working hours may carry it): a bias
 * (UTC = local standard + bias, in minutes) and, optionally, a daylight period with its own bias
 * between two yearly transitions. Southern-hemisphere rules (daylight across New Year) work too.
 */
export function customZone(def: {
  bias: number;
  daylight?: { bias: number; start: ZoneTransition; end: ZoneTransition } | null;
}): Zone {
  const standard = -def.bias;
  const d = def.daylight;
  if (!d || d.bias === 0) return fixedZone(standard);
  return {
    offsetAt(utcMs) {
      const year = new Date(utcMs + standard * 60_000).getUTCFullYear();
      // Daylight starts at local standard time and ends at local daylight time.
      const start = nthWeekday(year, d.start) + (d.start.minutes + def.bias) * 60_000;
      const end = nthWeekday(year, d.end) + (d.end.minutes + def.bias + d.bias) * 60_000;
      const daylight = start < end ? utcMs >= start && utcMs < end : utcMs >= start || utcMs < end;
      return daylight ? standard - d.bias : standard;
    },
  };
}

/** The UTC instant of a local wall time (`date` YYYY-MM-DD, minutes since midnight) in the zone. */
export function utcOf(zone: Zone, date: string, minutes = 0): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!) + minutes * 60_000;
  // Two steps: the offset at the guess, then at the answer (exact away from a DST change).
  const guess = wall - zone.offsetAt(wall) * 60_000;
  return wall - zone.offsetAt(guess) * 60_000;
}

/** The local date `days` after `date` (YYYY-MM-DD), by the calendar. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}
