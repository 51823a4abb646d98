import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BusyInterval,
  freeSlots,
  type PersonSchedule,
  spreadSlots,
} from '../../server/suggestions/slots';
import { ianaZone, wallTime } from '../../server/suggestions/zone';

const H = 3_600_000;
const MIN = 60_000;
const WEEKDAYS = new Set([1, 2, 3, 4, 5]);

/** Local wall time read straight from Intl: an oracle independent of the zone module's arithmetic. */
function local(zone: string, utcMs: number) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    })
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const person = (
  zone: string,
  o: Partial<Omit<PersonSchedule, 'zone'>> = {},
): PersonSchedule & { name: string } => ({
  name: zone,
  zone: ianaZone(zone),
  workingDays: WEEKDAYS,
  workingHours: { start: 9 * 60, end: 17 * 60 },
  lunchWindow: { start: 11 * 60 + 30, end: 14 * 60 },
  busy: [],
  ...o,
});

describe('zones', () => {
  it('follow daylight saving on the right instant in each zone', () => {
    const berlin = ianaZone('Europe/Berlin');
    expect(berlin.offsetAt(Date.parse('2026-03-29T00:59:00Z'))).toBe(60);
    expect(berlin.offsetAt(Date.parse('2026-03-29T01:00:00Z'))).toBe(120);
    const la = ianaZone('America/Los_Angeles');
    expect(la.offsetAt(Date.parse('2026-03-08T09:59:00Z'))).toBe(-480);
    expect(la.offsetAt(Date.parse('2026-03-08T10:00:00Z'))).toBe(-420);
    expect(ianaZone('Asia/Kathmandu').offsetAt(Date.parse('2026-06-01T00:00:00Z'))).toBe(345);
    expect(wallTime(berlin, Date.parse('2026-03-29T01:30:00Z'))).toEqual({
      date: '2026-03-29',
      weekday: 0,
      minutes: 3 * 60 + 30,
    });
  });
});

describe('freeSlots', () => {
  it('Berlin 8–18 and Los Angeles 9–17 overlap only in the weeks their clocks change apart', () => {
    const berlin = person('Europe/Berlin', { workingHours: { start: 8 * 60, end: 18 * 60 } });
    const la = person('America/Los_Angeles');
    const slots = freeSlots({
      people: [berlin, la],
      from: Date.parse('2026-03-02T00:00:00Z'),
      to: Date.parse('2026-04-04T00:00:00Z'),
      durationMinutes: 30,
      lunch: false,
    });
    const days = [...new Set(slots.map((s) => new Date(s.start).toISOString().slice(0, 10)))];
    // US clocks moved on 8 March, Europe's on 29 March: only in between is 16:00–17:00 UTC in both days.
    expect(days).toEqual([
      '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13',
      '2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20',
      '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27',
    ]); // prettier-ignore
    for (const s of slots) {
      expect(new Date(s.start).getUTCHours()).toBe(16);
      expect(s.end - s.start).toBe(30 * MIN);
    }
  });

  it('tentative counts as busy, and an out-of-office day is out all day', () => {
    const day = Date.parse('2026-05-04T00:00:00Z'); // a Monday
    const a = person('UTC', {
      busy: [
        { start: day + 9 * H, end: day + 12 * H, status: 'tentative' },
        { start: day + 24 * H + 15 * H, end: day + 24 * H + 16 * H, status: 'oof' },
      ],
    });
    const slots = freeSlots({
      people: [a, person('UTC')],
      from: day,
      to: day + 2 * 24 * H,
      durationMinutes: 60,
      lunch: false,
    });
    expect(slots[0]!.start).toBe(day + 12 * H);
    expect(slots.every((s) => s.start < day + 24 * H)).toBe(true); // Tuesday: out of office
  });

  it('a lunch sits inside both lunch windows; a day already holding one is left out', () => {
    const day = Date.parse('2026-05-04T00:00:00Z');
    const slots = freeSlots({
      people: [person('UTC'), person('UTC', { lunchWindow: { start: 12 * 60, end: 15 * 60 } })],
      from: day,
      to: day + 2 * 24 * H,
      durationMinutes: 60,
      lunch: true,
      excludeDates: new Set(['2026-05-04']),
    });
    expect(slots.map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-05-05T12:00:00.000Z',
      '2026-05-05T12:15:00.000Z',
      '2026-05-05T12:30:00.000Z',
      '2026-05-05T12:45:00.000Z',
      '2026-05-05T13:00:00.000Z',
    ]);
  });

  it('spreadSlots offers one slot a day first', () => {
    const day = Date.parse('2026-05-04T00:00:00Z');
    const slots = freeSlots({
      people: [person('UTC')],
      from: day,
      to: day + 3 * 24 * H,
      durationMinutes: 30,
      lunch: false,
    });
    const offered = spreadSlots(slots, ianaZone('UTC'));
    expect(offered.map((s) => new Date(s.start).toISOString())).toEqual([
      '2026-05-04T09:00:00.000Z',
      '2026-05-05T09:00:00.000Z',
      '2026-05-06T09:00:00.000Z',
    ]);
  });

  // Zones a continent apart, half- and quarter-hour offsets, and a 30-minute daylight shift.
  const ZONES = [
    'Europe/Berlin',
    'America/Los_Angeles',
    'America/St_Johns',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Australia/Sydney',
    'UTC',
  ];
  // Horizons starting in DST weeks of either hemisphere, and in quiet ones.
  const STARTS = ['2026-03-02', '2026-03-23', '2026-03-30', '2026-10-01', '2026-10-22', '2026-06-15'].map(
    (d) => Date.parse(`${d}T00:00:00Z`),
  );
  const schedule = (from: number) =>
    fc.record({
      zone: fc.constantFrom(...ZONES),
      days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
      start: fc.integer({ min: 5 * 4, max: 11 * 4 }).map((q) => q * 15),
      length: fc.integer({ min: 4 * 4, max: 11 * 4 }).map((q) => q * 15),
      lunchStart: fc.integer({ min: 10 * 4, max: 13 * 4 }).map((q) => q * 15),
      busy: fc.array(
        fc.record({
          at: fc.integer({ min: 0, max: 14 * 24 * 4 }).map((q) => from + q * 15 * MIN),
          minutes: fc.integer({ min: 5, max: 26 * 60 }),
          status: fc.constantFrom<BusyInterval['status']>('tentative', 'busy', 'oof'),
        }),
        { maxLength: 25 },
      ),
    });

  /** A generated schedule as the search reads it, named by its zone for the Intl oracle. */
  const scheduleOf = (g: {
    zone: string;
    days: number[];
    start: number;
    length: number;
    lunchStart: number;
    busy: Array<{ at: number; minutes: number; status: BusyInterval['status'] }>;
  }) => ({
    name: g.zone,
    zone: ianaZone(g.zone),
    workingDays: new Set(g.days),
    workingHours: { start: g.start, end: Math.min(24 * 60, g.start + g.length) },
    lunchWindow: { start: g.lunchStart, end: g.lunchStart + 150 },
    busy: g.busy.map((b) => ({ start: b.at, end: b.at + b.minutes * MIN, status: b.status })),
  });

  it('never proposes a slot outside anyone’s working day, over anything busy, on an out-of-office day or outside a lunch window', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STARTS).chain((from) =>
          fc.record({
            from: fc.constant(from),
            people: fc.array(schedule(from), { minLength: 1, maxLength: 3 }),
            duration: fc.constantFrom(30, 60),
            lunch: fc.boolean(),
          }),
        ),
        ({ from, people, duration, lunch }) => {
          const to = from + 14 * 24 * H;
          const schedules = people.map(scheduleOf);
          const slots = freeSlots({ people: schedules, from, to, durationMinutes: duration, lunch });
          for (const s of slots) {
            expect(s.end - s.start).toBe(duration * MIN);
            expect(s.start).toBeGreaterThanOrEqual(from);
            expect(s.end).toBeLessThanOrEqual(to);
            for (const p of schedules) {
              const a = local(p.name, s.start);
              const z = local(p.name, s.end - MIN);
              expect(z.date).toBe(a.date);
              expect(p.workingDays.has(a.weekday)).toBe(true);
              expect(a.minutes).toBeGreaterThanOrEqual(p.workingHours.start);
              expect(z.minutes).toBeLessThan(p.workingHours.end);
              if (lunch) {
                expect(a.minutes).toBeGreaterThanOrEqual(p.lunchWindow.start);
                expect(z.minutes).toBeLessThan(p.lunchWindow.end);
              }
              for (const b of p.busy) {
                expect(b.start >= s.end || b.end <= s.start).toBe(true);
                if (b.status === 'oof') {
                  expect(
                    local(p.name, b.start).date <= a.date && local(p.name, b.end - MIN).date >= a.date,
                  ).toBe(false);
                }
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('misses no free slot: equals a plain check of every quarter hour (busy, out of office, lunch, zones, DST)', () => {
    // The search jumps over nights, weekends and busy stretches; this checks it skips nothing a
    // quarter-hour-by-quarter-hour reading (through Intl, not the zone module) would offer.
    fc.assert(
      fc.property(
        fc.constantFrom(...STARTS).chain((from) =>
          fc.record({
            from: fc.constant(from),
            people: fc.array(schedule(from), { minLength: 1, maxLength: 2 }),
            duration: fc.constantFrom(30, 60),
            lunch: fc.boolean(),
          }),
        ),
        ({ from, people, duration, lunch }) => {
          const to = from + 7 * 24 * H;
          const schedules = people.map(scheduleOf);
          const oofDates = schedules.map((p) => {
            const dates = new Set<string>();
            for (const b of p.busy.filter((x) => x.status === 'oof'))
              for (let t = b.start; t < b.end + 24 * H; t += H)
                if (t < b.end) dates.add(local(p.name, t).date);
                else dates.add(local(p.name, b.end - MIN).date);
            return dates;
          });
          const expected: number[] = [];
          for (let t = from; t + duration * MIN <= to; t += 15 * MIN) {
            const free = schedules.every((p, i) => {
              const a = local(p.name, t);
              const z = local(p.name, t + (duration - 1) * MIN);
              const w = lunch
                ? {
                    start: Math.max(p.workingHours.start, p.lunchWindow.start),
                    end: Math.min(p.workingHours.end, p.lunchWindow.end),
                  }
                : p.workingHours;
              return (
                a.date === z.date &&
                p.workingDays.has(a.weekday) &&
                !oofDates[i]!.has(a.date) &&
                a.minutes >= w.start &&
                z.minutes + 1 <= w.end &&
                p.busy.every((b) => b.start >= t + duration * MIN || b.end <= t)
              );
            });
            if (free) expected.push(t);
          }
          const found = freeSlots({ people: schedules, from, to, durationMinutes: duration, lunch }).map(
            (x) => x.start,
          );
          expect(found).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds every free quarter hour when nothing is busy (the search misses nothing it may offer)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STARTS), fc.constantFrom(...ZONES), (from, zone) => {
        const p = person(zone);
        const to = from + 7 * 24 * H;
        const slots = freeSlots({ people: [p], from, to, durationMinutes: 30, lunch: false });
        let expected = 0;
        for (let t = from; t + 30 * MIN <= to; t += 15 * MIN) {
          const a = local(zone, t);
          const z = local(zone, t + 29 * MIN);
          if (a.date === z.date && WEEKDAYS.has(a.weekday) && a.minutes >= 9 * 60 && z.minutes < 17 * 60)
            expected++;
        }
        expect(slots).toHaveLength(expected);
      }),
      { numRuns: 40 },
    );
  });
});
