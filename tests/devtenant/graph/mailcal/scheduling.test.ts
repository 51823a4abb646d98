import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { shapeDifferences } from '../../../helpers/shape';
import { BEN, CAI, EXTERNAL } from '../../mailbox/smallTenant';
import { fixture, mailcalApp } from './app';

// Where the docs' examples have a postal address and coordinates, the created event may have none.
const NO_ADDRESS = [
  'location.address',
  'location.coordinates',
  'locations[].address',
  'locations[].coordinates',
];

const MON = {
  start: { dateTime: '2026-03-02T08:00:00', timeZone: 'UTC' },
  end: { dateTime: '2026-03-02T12:00:00', timeZone: 'UTC' },
};

describe('POST /me/events', () => {
  it('creates the docs’ online meeting (201, shape), in attendees’ calendars, answered over time', async () => {
    const { app, store, advance } = mailcalApp();
    const body = {
      ...(fixture('user-post-events.request.json') as object),
      attendees: [{ emailAddress: { address: BEN.mail, name: 'Ben' }, type: 'required' }],
    };
    const r = await request(app)
      .post('/v1.0/me/events')
      .set('prefer', 'outlook.timezone="Pacific Standard Time"')
      .send(body)
      .expect(201);
    expect(
      shapeDifferences(r.body, fixture('user-post-events.response.json'), {
        optional: NO_ADDRESS,
      }),
    ).toEqual([]);
    expect(r.body.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(r.headers['preference-applied']).toBe('outlook.timezone="Pacific Standard Time"');
    expect(r.body.start.timeZone).toBe('Pacific Standard Time');
    const benCopy = store.calendar(BEN.id).find((i) => i.event.iCalUId === r.body.iCalUId)!;
    expect(benCopy.response.response).toBe('none');
    advance(10 * 60_000);
    const after = await request(app).get(`/v1.0/me/events/${r.body.id}`).expect(200);
    expect(after.body.attendees[0].status.response).not.toBe('none');
  });

  it('honours transactionId: the same id twice returns the same event and creates nothing new', async () => {
    const { app, store, data } = mailcalApp();
    const fx = fixture('user-post-events.transactionid.response.json');
    const body = {
      subject: 'Lunch',
      ...MON,
      location: { displayName: "Harry's Bar" },
      transactionId: '7E163156-7762-4BEB-A1C6-729EA81755A7',
      attendees: [{ emailAddress: { address: CAI.mail } }],
    };
    const a = await request(app).post('/v1.0/me/events').send(body).expect(201);
    const count = store.calendar(data.users[0]!.id).length;
    const b = await request(app).post('/v1.0/me/events').send(body).expect(201);
    expect(b.body.id).toBe(a.body.id);
    expect(store.calendar(data.users[0]!.id)).toHaveLength(count);
    expect(a.body.transactionId).toBe(body.transactionId);
    expect(
      shapeDifferences(a.body, fx, {
        optional: [...NO_ADDRESS, 'locations[].uniqueId'],
      }),
    ).toEqual([]);
  });

  it('creates a weekly series as a seriesMaster shaped like the docs', async () => {
    const { app } = mailcalApp();
    const http = (await import('node:fs')).readFileSync(
      new URL('../../../fixtures/graph/mailcal/user-post-events.recurring.request.http', import.meta.url),
      'utf8',
    );
    const body = JSON.parse(http.slice(http.indexOf('{')));
    const r = await request(app).post('/v1.0/me/events').send(body).expect(201);
    expect(r.body.type).toBe('seriesMaster');
    expect(
      shapeDifferences(r.body, fixture('user-post-events.recurring.response.json'), {
        optional: [...NO_ADDRESS, 'locations[].uniqueId', 'locations[].uniqueIdType'],
      }),
    ).toEqual([]);
  });

  it('rejects invalid input with 400 and writes without Calendars.ReadWrite with 403', async () => {
    const { app } = mailcalApp();
    const bad = await request(app).post('/v1.0/me/events').send({ subject: 'x' }).expect(400);
    expect(bad.body.error.code).toBe('ErrorInvalidRequest');
    const denied = await request(app)
      .post('/v1.0/me/events')
      .set('x-test-scopes', 'Calendars.Read')
      .send({ ...MON })
      .expect(403);
    expect(denied.body.error.code).toBe('ErrorAccessDenied');
    await request(app)
      .get(`/v1.0/users/${BEN.id}/calendarView?startDateTime=2026-03-01&endDateTime=2026-03-08`)
      .expect(403);
  });
});

describe('getSchedule', () => {
  it('marks busy and tentative slots, shaped like both docs examples; externals get an error item', async () => {
    const { app } = mailcalApp();
    const r = await request(app)
      .post('/v1.0/me/calendar/getSchedule')
      .send({
        Schedules: [BEN.mail, EXTERNAL],
        StartTime: { dateTime: '2026-03-02T09:00:00', timeZone: 'UTC' },
        EndTime: { dateTime: '2026-03-02T12:00:00', timeZone: 'UTC' },
        availabilityViewInterval: '30',
      })
      .expect(200);
    expect(
      shapeDifferences(
        { ...r.body, value: [r.body.value[0]] },
        fixture('calendar-getschedule.response.json'),
      ),
    ).toEqual([]);
    expect(
      shapeDifferences(
        { ...r.body, value: [r.body.value[0]] },
        fixture('calendar-getschedule.concept.response.json'),
        {
          // The concept example's mailbox has a custom time zone; ours use named zones.
          optional: ['@odata.type', 'bias', 'standardOffset', 'daylightOffset'].map(
            (k) => `value[].workingHours.timeZone.${k}`,
          ),
        },
      ),
    ).toEqual([]);
    expect(r.body.value[0].availabilityView).toBe('002200'); // Ben's standup, 10:00–11:00
    expect(r.body.value[1].error.responseCode).toBeTruthy();
    const tue = await request(app)
      .post('/v1.0/me/calendar/getSchedule')
      .send({
        schedules: [BEN.mail],
        startTime: { dateTime: '2026-03-03T08:00:00', timeZone: 'UTC' },
        endTime: { dateTime: '2026-03-03T11:00:00', timeZone: 'UTC' },
        availabilityViewInterval: 60,
      })
      .expect(200);
    expect(tue.body.value[0].availabilityView).toBe('010');
  });

  it('refuses more than 20 schedules like Graph does', async () => {
    const { app } = mailcalApp();
    const r = await request(app)
      .post('/v1.0/me/calendar/getSchedule')
      .send({
        schedules: Array.from({ length: 21 }, (_, i) => `p${i}@contoso.example`),
        ...{ startTime: MON.start, endTime: MON.end },
      })
      .expect(400);
    expect(shapeDifferences(r.body, fixture('getschedule-too-many-schedules.error.json'))).toEqual([]);
    expect(r.body.error.code).toBe('ErrorMailboxDataArrayTooBig');
  });
});

describe('findMeetingTimes', () => {
  const ask = (app: ReturnType<typeof mailcalApp>['app'], addresses: string[], extra: object = {}) =>
    request(app)
      .post('/v1.0/me/findMeetingTimes')
      .send({
        attendees: addresses.map((address) => ({ type: 'required', emailAddress: { address } })),
        timeConstraint: {
          activityDomain: 'work',
          timeslots: [
            {
              start: { dateTime: '2026-03-03T09:00:00', timeZone: 'UTC' },
              end: { dateTime: '2026-03-03T10:00:00', timeZone: 'UTC' },
            },
          ],
        },
        meetingDuration: 'PT1H',
        minimumAttendeePercentage: '0',
        ...extra,
      })
      .expect(200);

  it('scores free 100, tentative 50, busy 0, unknown 49, averaged over attendees', async () => {
    const { app } = mailcalApp();
    expect((await ask(app, [CAI.mail!])).body.meetingTimeSuggestions[0].confidence).toBe(100);
    expect((await ask(app, [BEN.mail!])).body.meetingTimeSuggestions[0].confidence).toBe(50); // tentative focus time
    expect((await ask(app, [EXTERNAL])).body.meetingTimeSuggestions[0].confidence).toBe(49);
    expect((await ask(app, [CAI.mail!, EXTERNAL])).body.meetingTimeSuggestions[0].confidence).toBe(74.5);
  });

  it('matches the docs example and explains empty results', async () => {
    const { app } = mailcalApp();
    const body = fixture('user-findmeetingtimes.request.json') as {
      attendees: Array<{ emailAddress: { address: string } }>;
    };
    body.attendees[0]!.emailAddress.address = CAI.mail!;
    const r = await request(app)
      .post('/v1.0/me/findMeetingTimes')
      .set('prefer', 'outlook.timezone="Pacific Standard Time"')
      .send({ ...body, timeConstraint: { activityDomain: 'work', timeSlots: [MON] } })
      .expect(200);
    expect(shapeDifferences(r.body, fixture('user-findmeetingtimes.response.json'))).toEqual([]);
    expect(r.body.meetingTimeSuggestions[0].suggestionReason).toMatch(/all attendees/);
    // 10–11 Monday: the organizer (Ada) is in the standup.
    const busy = await ask(app, [CAI.mail!], {
      timeConstraint: {
        timeSlots: [
          {
            start: { dateTime: '2026-03-02T10:00:00', timeZone: 'UTC' },
            end: { dateTime: '2026-03-02T11:00:00', timeZone: 'UTC' },
          },
        ],
      },
      minimumAttendeePercentage: 100,
    });
    expect(busy.body.emptySuggestionsReason).toBe('organizerUnavailable');
    const unknown = await ask(app, [EXTERNAL], { minimumAttendeePercentage: 100 });
    expect(unknown.body.emptySuggestionsReason).toBe('attendeesUnavailableOrUnknown');
    const taken = await ask(app, [BEN.mail!], { minimumAttendeePercentage: 100 });
    expect(taken.body.emptySuggestionsReason).toBe('attendeesUnavailable');
  });
});
