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
const offsetCache = new Map<string, number>();

/** Minutes to add to UTC to get local time in `iana` at instant `ms`. */
function offsetMinutes(iana: string, ms: number): number {
  // Offsets change at most a few times a year: cache per zone and hour.
  const key = `${iana}|${Math.floor(ms / 3_600_000)}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(iana, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
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
