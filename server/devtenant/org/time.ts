/** Time-zone helpers for the generator: Windows names (as Graph reports them) and local → UTC. */

export const ZONES = {
  'Pacific Standard Time': 'America/Los_Angeles',
  'Mountain Standard Time': 'America/Denver',
  'Central Standard Time': 'America/Chicago',
  'Eastern Standard Time': 'America/New_York',
  'GMT Standard Time': 'Europe/London',
  'W. Europe Standard Time': 'Europe/Berlin',
  'India Standard Time': 'Asia/Kolkata',
  'Tokyo Standard Time': 'Asia/Tokyo',
} as const;
export type WindowsZone = keyof typeof ZONES;

const formatters = new Map<string, Intl.DateTimeFormat>();

export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number; // 0–23
  minute: number;
  second: number;
  weekday: string; // 'monday' …
}

/** The wall-clock reading in IANA zone `iana` at instant `ms` (one cached formatter per zone). */
export function wallClock(iana: string, ms: number): WallClock {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(iana, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: String(p.weekday).toLowerCase(),
  };
}

const offsetCache = new Map<string, number>();

/** Minutes to add to UTC to get local time in `iana` at instant `ms`. */
function offsetMinutes(iana: string, ms: number): number {
  // Offsets change at most a few times a year: cache per zone and hour.
  const key = `${iana}|${Math.floor(ms / 3_600_000)}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const w = wallClock(iana, ms);
  const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const minutes = Math.round((local - Math.floor(ms / 60_000) * 60_000) / 60_000);
  offsetCache.set(key, minutes);
  return minutes;
}

/** The UTC instant of a local wall-clock time (day given as a UTC midnight of that calendar date). */
export function localToUtc(zone: WindowsZone, dayUtcMidnight: number, hour: number, minute = 0): number {
  const iana = ZONES[zone];
  const guess = dayUtcMidnight + (hour * 60 + minute) * 60_000;
  const first = guess - offsetMinutes(iana, guess) * 60_000;
  // Re-evaluate at the result so DST transitions land right.
  return guess - offsetMinutes(iana, first) * 60_000;
}

export const DAY = 86_400_000;
export const WEEK = 7 * DAY;

/** Monday 00:00 UTC of the week containing `ms`. */
export function mondayOf(ms: number): number {
  const d = new Date(Math.floor(ms / DAY) * DAY);
  const dow = (d.getUTCDay() + 6) % 7;
  return d.getTime() - dow * DAY;
}
