import { type WallTime, wallTime, type Zone } from './zone';

/**
 * Mutual free time for a suggested meeting: the slots where every person is inside their working
 * hours in their own zone, free (tentative counts as busy), not out of office that day, and — for
 * a lunch — inside their lunch window. Pure: the schedules come from getSchedule, the zones from
 * its working hours; nothing here reads a clock or the network.
 */

/** A busy interval as getSchedule's scheduleItems give it (availability 1, 2 and 3). */
export interface BusyInterval {
  start: number; // UTC ms
  end: number;
  status: 'tentative' | 'busy' | 'oof';
}

/** Minutes since local midnight, start inclusive, end exclusive. */
export interface DayWindow {
  start: number;
  end: number;
}

export interface PersonSchedule {
  zone: Zone;
  /** 0 = Sunday … 6 = Saturday, in the person's zone. */
  workingDays: ReadonlySet<number>;
  workingHours: DayWindow;
  /** Where a lunch may sit in their day (e.g. 11:30–14:00). */
  lunchWindow: DayWindow;
  busy: readonly BusyInterval[];
}

export interface SlotQuery {
  people: readonly PersonSchedule[];
  /** The search horizon, UTC ms; a slot lies wholly inside it. */
  from: number;
  to: number;
  durationMinutes: number;
  /** A lunch must lie inside every person's lunch window. */
  lunch: boolean;
  /** The first person's local dates (YYYY-MM-DD) to leave out: e.g. a day with a lunch already sent. */
  excludeDates?: ReadonlySet<string>;
  /** Candidate starts are on this grid of UTC minutes (default 15). */
  stepMinutes?: number;
}

export interface Slot {
  start: number;
  end: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const DAY_MINUTES = 24 * 60;

/** The local dates on which a person is out of office for any part of the day. */
function outOfOfficeDates(p: PersonSchedule): Set<string> {
  const dates = new Set<string>();
  for (const b of p.busy) {
    if (b.status !== 'oof') continue;
    // Walk the interval a quarter day at a time plus its last minute: every local date it touches.
    for (let t = b.start; t < b.end; t += DAY / 4) dates.add(wallTime(p.zone, t).date);
    dates.add(wallTime(p.zone, Math.max(b.start, b.end - MINUTE)).date);
  }
  return dates;
}

/** True when [start, end) is one piece of one local working day (a lunch: of the lunch window). */
function insideDay(p: PersonSchedule, start: WallTime, last: WallTime, window: DayWindow): boolean {
  return (
    start.date === last.date &&
    p.workingDays.has(start.weekday) &&
    start.minutes >= window.start &&
    last.minutes + 1 <= window.end
  );
}

/**
 * Every free slot in the horizon, earliest first. `last` is the slot's final minute, so a slot
 * ending exactly at 17:00 counts as inside hours ending at 17:00.
 */
export function freeSlots(q: SlotQuery): Slot[] {
  const step = (q.stepMinutes ?? 15) * MINUTE;
  const duration = q.durationMinutes * MINUTE;
  const people = q.people.map((p) => ({
    p,
    oof: outOfOfficeDates(p),
    busy: [...p.busy].sort((a, b) => a.start - b.start),
    cursor: 0,
    // A lunch must sit in both windows: the part of the day where either could.
    window: q.lunch
      ? {
          start: Math.max(p.workingHours.start, p.lunchWindow.start),
          end: Math.min(p.workingHours.end, p.lunchWindow.end),
        }
      : p.workingHours,
  }));
  const slots: Slot[] = [];
  const align = (t: number) => Math.ceil(t / step) * step;
  let start = align(q.from);
  while (start + duration <= q.to) {
    const end = start + duration;
    // The earliest start that could work, from the first person it fails for; nights, weekends and
    // busy stretches are skipped in one jump instead of a check every quarter hour. Jumps in local
    // time stop an hour short, so a daylight-saving change on the way can never skip a free slot.
    let next = start + step;
    let ok = true;
    for (let i = 0; ok && i < people.length; i++) {
      const x = people[i]!;
      const s = wallTime(x.p.zone, start);
      const last = wallTime(x.p.zone, end - MINUTE);
      const toMidnight = (DAY_MINUTES - s.minutes) * MINUTE;
      const nextDay = start + toMidnight + (x.window.start - 60) * MINUTE;
      if ((i === 0 && q.excludeDates?.has(s.date)) || x.oof.has(s.date) || !x.p.workingDays.has(s.weekday)) {
        ok = false;
        next = Math.max(next, nextDay);
      } else if (
        !insideDay(x.p, s, last, x.p.workingHours) ||
        (q.lunch && !insideDay(x.p, s, last, x.p.lunchWindow))
      ) {
        ok = false;
        if (s.minutes < x.window.start - 60)
          next = Math.max(next, start + (x.window.start - 60 - s.minutes) * MINUTE);
        else if (s.minutes + q.durationMinutes > x.window.end || s.date !== last.date)
          next = Math.max(next, nextDay);
      } else {
        // Intervals ending before this start can never matter again: the starts only grow.
        while (x.cursor < x.busy.length && x.busy[x.cursor]!.end <= start) x.cursor++;
        for (let k = x.cursor; k < x.busy.length && x.busy[k]!.start < end; k++)
          if (x.busy[k]!.end > start) {
            ok = false;
            next = Math.max(next, x.busy[k]!.end); // exact, in UTC
            break;
          }
      }
    }
    if (ok) slots.push({ start, end });
    start = align(next);
  }
  return slots;
}

/**
 * Up to `count` slots to offer, one per local day of the first person where possible (three
 * choices on three days beat three back-to-back times), earliest days first. Within a day the
 * slot nearest `preferMinutes` (local, e.g. 10:00 for a coffee) is offered, and starts already
 * offered to someone else (`avoid`) only when nothing else is free, so a user sending several
 * invites is not offered one time for all of them.
 */
export function spreadSlots(
  slots: readonly Slot[],
  zone: Zone,
  count = 3,
  o: { preferMinutes?: number; avoid?: ReadonlySet<number> } = {},
): Slot[] {
  const avoid = o.avoid ?? new Set<number>();
  const byDay = new Map<string, Slot[]>();
  for (const s of slots) {
    const day = wallTime(zone, s.start).date;
    const list = byDay.get(day);
    if (list) list.push(s);
    else byDay.set(day, [s]);
  }
  const cost = (s: Slot) =>
    (avoid.has(s.start) ? 10_000 : 0) +
    (o.preferMinutes === undefined ? 0 : Math.abs(wallTime(zone, s.start).minutes - o.preferMinutes));
  const chosen: Slot[] = [];
  for (const list of byDay.values()) {
    // Stable: ties keep the earliest slot.
    const best = list.reduce((a, b) => (cost(b) < cost(a) ? b : a));
    if (avoid.has(best.start)) continue;
    chosen.push(best);
    if (chosen.length === count) return chosen;
  }
  // Fewer free days than choices: more times on those days, the ones nobody else was offered first.
  const rest = slots
    .filter((x) => !chosen.includes(x))
    .sort((a, b) => Number(avoid.has(a.start)) - Number(avoid.has(b.start)) || a.start - b.start);
  for (const x of rest) {
    if (chosen.length === count) break;
    chosen.push(x);
  }
  return chosen.sort((a, b) => a.start - b.start);
}
