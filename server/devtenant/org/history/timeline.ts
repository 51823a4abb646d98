import { mondayOf, WEEK } from '../time';

/** The history's calendar: its last day, the starts of its months, and every week it spans. */

export interface Timeline {
  /** Midnight UTC of the day the history ends ("now"). */
  end: number;
  months: number;
  monthStarts: number[];
  /** Mondays from the first month to a few weeks past `end` (future meetings). */
  weeks: number[];
  /** The month an instant falls in, clamped to the history. */
  monthOf(t: number): number;
}

const monthIndex = (monthStarts: number[], t: number) => {
  let m = 0;
  while (m + 1 < monthStarts.length && monthStarts[m + 1]! <= t) m++;
  return m;
};

export function buildTimeline(now: number, months: number): Timeline {
  const end = Date.UTC(
    new Date(now).getUTCFullYear(),
    new Date(now).getUTCMonth(),
    new Date(now).getUTCDate(),
  );
  const start = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - (months - 1), 1);
  const monthStarts: number[] = [];
  for (let m = 0; m < months; m++)
    monthStarts.push(Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + m, 1));
  const firstWeek = mondayOf(start);
  const lastWeek = mondayOf(end + 3 * WEEK); // a few weeks of future meetings
  const weeks: number[] = [];
  for (let w = firstWeek; w <= lastWeek; w += WEEK) weeks.push(w);
  return {
    end,
    months,
    monthStarts,
    weeks,
    monthOf: (t) => Math.min(Math.max(0, monthIndex(monthStarts, t)), months - 1),
  };
}
