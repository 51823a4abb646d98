import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphPage, graphScheduleInformationSchema } from '../../server/graph/schemas';
import { personSchedule, zoneOf } from '../../server/suggestions/schedule';
import { freeSlots } from '../../server/suggestions/slots';

const LUNCH = { start: 11 * 60 + 30, end: 14 * 60 };
const fixture = (name: string) =>
  graphPage(graphScheduleInformationSchema).parse(
    JSON.parse(fs.readFileSync(`tests/fixtures/graph/${name}`, 'utf8')),
  ).value;
const at = (iso: string) => Date.parse(iso);

describe("getSchedule's answer, as the slot search reads it", () => {
  it('the docs example: working days and hours in Pacific time, busy and tentative items placed in UTC', () => {
    const [adele, megan] = fixture('calendar-getschedule.response.json');
    const a = personSchedule(adele!, LUNCH)!;
    expect([...a.workingDays].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(a.workingHours).toEqual({ start: 8 * 60, end: 17 * 60 });
    expect(a.zone.offsetAt(at('2019-03-15T12:00:00Z'))).toBe(-420); // PDT since 10 March 2019
    // "12:00 Pacific Standard Time" on 15 March 2019 is 19:00 UTC (daylight time by then).
    expect(a.busy).toEqual([
      { start: at('2019-03-15T19:00:00Z'), end: at('2019-03-15T21:00:00Z'), status: 'busy' },
    ]);
    const m = personSchedule(megan!, LUNCH)!;
    expect(m.busy.map((b) => b.status)).toContain('tentative');
    // Both: free 9:30–12:00 Pacific that day, so a 30-minute slot starts at 9:30 (16:30 UTC).
    const slots = freeSlots({
      people: [a, m],
      from: at('2019-03-15T16:00:00Z'),
      to: at('2019-03-16T01:00:00Z'),
      durationMinutes: 30,
      lunch: false,
    });
    expect(new Date(slots[0]!.start).toISOString()).toBe('2019-03-15T16:30:00.000Z');
  });

  it('a custom time zone (bias and daylight rule) changes offset at its own transitions', () => {
    const info = fixture('calendar-getschedule.concept.response.json').find((i) => i.workingHours);
    const zone = personSchedule(info!, LUNCH)!.zone;
    // bias 480, daylight from the 2nd Sunday of March 02:00 to the 1st Sunday of November 02:00.
    expect(zone.offsetAt(at('2026-01-15T12:00:00Z'))).toBe(-480);
    expect(zone.offsetAt(at('2026-03-08T09:59:00Z'))).toBe(-480);
    expect(zone.offsetAt(at('2026-03-08T10:00:00Z'))).toBe(-420);
    expect(zone.offsetAt(at('2026-11-01T08:59:00Z'))).toBe(-420);
    expect(zone.offsetAt(at('2026-11-01T09:00:00Z'))).toBe(-480);
  });

  it('a southern-hemisphere custom zone has daylight across New Year', () => {
    const zone = zoneOf({
      '@odata.type': '#microsoft.graph.customTimeZone',
      bias: -600,
      standardOffset: { time: '03:00:00.0000000', dayOccurrence: 1, dayOfWeek: 'sunday', month: 4, year: 0 },
      daylightOffset: {
        time: '02:00:00.0000000',
        dayOccurrence: 1,
        dayOfWeek: 'sunday',
        month: 10,
        year: 0,
        daylightBias: -60,
      },
    })!;
    expect(zone.offsetAt(at('2026-01-15T00:00:00Z'))).toBe(660);
    expect(zone.offsetAt(at('2026-07-15T00:00:00Z'))).toBe(600);
  });

  it('Windows and IANA names both resolve; an unknown zone or an error gives no schedule, not a guess', () => {
    expect(zoneOf({ name: 'W. Europe Standard Time' })!.offsetAt(at('2026-07-01T00:00:00Z'))).toBe(120);
    expect(zoneOf({ name: 'Asia/Kolkata' })!.offsetAt(at('2026-07-01T00:00:00Z'))).toBe(330);
    expect(zoneOf({ name: 'Nowhere Standard Time' })).toBeNull();
    const [adele] = fixture('calendar-getschedule.response.json');
    expect(
      personSchedule(
        { ...adele!, workingHours: { ...adele!.workingHours!, timeZone: { name: 'Nowhere' } } },
        LUNCH,
      ),
    ).toBeNull();
    expect(
      personSchedule(
        {
          scheduleId: 'x@contoso.com',
          error: { message: 'not found', responseCode: 'ErrorMailRecipientNotFound' },
        },
        LUNCH,
      ),
    ).toBeNull();
  });
});
