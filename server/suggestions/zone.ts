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
        cache.set(bucket, offset);
      }
      return offset;
    },
  };
}

/** A zone with a fixed offset (UTC, or a custom definition without daylight saving). */
export const fixedZone = (offsetMinutes: number): Zone => ({ offsetAt: () => offsetMinutes });

/** Wall-clock date, weekday and minutes of `utcMs` in `zone`. */
export function wallTime(zone: Zone, utcMs: number): WallTime {
  const local = new Date(utcMs + zone.offsetAt(utcMs) * 60_000);
  return {
    date: local.toISOString().slice(0, 10),
    weekday: local.getUTCDay(),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}
