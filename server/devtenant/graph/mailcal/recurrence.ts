import { z } from 'zod';
import type { CalendarEvent } from '../../model';

/**
 * Recurring events created through `POST /events`: Graph's patternedRecurrence as accepted, the
 * series master's echo of it, and the occurrences the dev tenant expands a series into.
 */

export const recurrenceSchema = z.object({
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
});
export type Recurrence = z.infer<typeof recurrenceSchema>;

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Occurrence starts of a daily or weekly series (other patterns keep just the master); at most 260. */
function occurrenceStarts(start: number, rec: Recurrence): number[] {
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

/** The recurrence a series master reports: open ranges end at 0001-01-01, the zone defaults to the start's. */
export function seriesRecurrence(rec: Recurrence, startTimeZone: string): CalendarEvent['recurrence'] {
  return {
    pattern: rec.pattern,
    range: {
      ...rec.range,
      endDate: rec.range.endDate ?? '0001-01-01',
      recurrenceTimeZone: rec.range.recurrenceTimeZone ?? startTimeZone,
    },
  };
}

/** The occurrences of a new series master (`start`/`end`: the first instance's, epoch ms). */
export function occurrencesOf(
  master: CalendarEvent,
  start: number,
  end: number,
  rec: Recurrence,
): CalendarEvent[] {
  return occurrenceStarts(start, rec).map((at, k) => ({
    ...master,
    uid: `${master.uid}.${k}`,
    type: 'occurrence',
    seriesMasterUid: master.uid,
    recurrence: null,
    start: new Date(at).toISOString(),
    end: new Date(at + (end - start)).toISOString(),
  }));
}
