import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../server/devtenant/model';
import { graphAs, graphFetch, startTestTenant } from '../helpers/devtenant';
import { shapeDifferences } from '../helpers/shape';

/**
 * Conformance of the dev tenant's calendar writing and free/busy with Microsoft Graph's documented
 * shapes and limits (fixtures in tests/fixtures/graph, see ATTRIBUTION.md): getSchedule's window,
 * schedule count, interval, digits, working hours (named and custom zones), Prefer time zone and
 * per-schedule errors; POST /me/events (transactionId, categories, open extensions, online
 * meetings, attendees' copies); PATCH attendees and body; forward; attendees' answers, forced
 * deterministically through the mailbox control API.
 */
const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join('tests/fixtures/graph', name), 'utf8'));

/** Graph JSON as the assertions read it: exactly what JSON.parse returns. */
type Json = ReturnType<typeof JSON.parse>;

let tenant: Awaited<ReturnType<typeof startTestTenant>>;
let people: DirectoryUser[];
beforeAll(async () => {
  tenant = await startTestTenant({ people: 60, seed: 'calendar-writing' });
  people = tenant.data.users.filter(
    (u) => u.userType === 'Member' && u.accountEnabled && u.mail && u.mailboxSettings.userPurpose === 'user',
  );
});
afterAll(() => tenant.stop());

/** A person nobody else in this file uses (each test takes its own, so answers don't interfere). */
let nextPerson = 0;
const person = () => people[nextPerson++]!;

async function call(as: DirectoryUser, method: string, url: string, body?: unknown, headers = {}) {
  const r = await graphFetch(tenant, as.id, url, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    headers: { 'content-type': 'application/json', ...headers },
  });
  const text = await r.text();
  return {
    status: r.status,
    headers: r.headers,
    text,
    body: (text ? JSON.parse(text) : null) as Json,
  };
}
async function control(method: string, url: string, body?: unknown) {
  const r = await fetch(`${tenant.origin}/_devtenant/mailbox${url}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return r.status;
}

/** A weekday far ahead of the generated history, so calendars are empty that day. */
let dayOffset = 120;
function freshDay(): string {
  const d = new Date(tenant.data.now.getTime() + dayOffset++ * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) {
    d.setUTCDate(d.getUTCDate() + 1);
    dayOffset++;
  }
  return d.toISOString().slice(0, 10);
}
const utc = (day: string, hm: string) => ({ dateTime: `${day}T${hm}:00`, timeZone: 'UTC' });
const invite = (who: DirectoryUser[], extra: Record<string, unknown> = {}, day = freshDay()) => ({
  subject: 'Catch up',
  start: utc(day, '15:00'),
  end: utc(day, '15:30'),
  attendees: who.map((u) => ({ emailAddress: { address: u.mail, name: u.displayName }, type: 'required' })),
  ...extra,
});
const viewOf = (day: string) => `startDateTime=${day}T00:00:00Z&endDateTime=${day}T23:59:59Z`;
async function copyOf(u: DirectoryUser, iCalUId: string, day: string) {
  const r = await call(u, 'GET', `/users/${u.id}/calendarView?${viewOf(day)}&$top=100`);
  expect(r.status).toBe(200);
  return (r.body.value as Array<Json>).filter((e) => e.iCalUId === iCalUId);
}
const getSchedule = (as: DirectoryUser, body: Record<string, unknown>, headers = {}) =>
  call(as, 'POST', '/me/calendar/getSchedule', body, headers);

describe('getSchedule limits', () => {
  it('refuses a window of 62 days or more with 400 ErrorInvalidTimeInterval (under 62 days is fine)', async () => {
    const me = people[0]!;
    const start = { dateTime: '2026-01-05T00:00:00', timeZone: 'UTC' };
    const at = (days: number) => ({
      dateTime: new Date(Date.parse('2026-01-05T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 19),
      timeZone: 'UTC',
    });
    const ok = await getSchedule(me, {
      schedules: [me.mail],
      startTime: start,
      endTime: at(61.9),
      availabilityViewInterval: 1440,
    });
    expect(ok.status).toBe(200);
    for (const days of [62, 90]) {
      const r = await getSchedule(me, { schedules: [me.mail], startTime: start, endTime: at(days) });
      expect(r.status).toBe(400);
      expect(shapeDifferences(r.body, fixture('error-response.example.json'))).toEqual([]);
      expect(r.body.error.code).toBe('ErrorInvalidTimeInterval');
    }
    const inverted = await getSchedule(me, { schedules: [me.mail], startTime: at(1), endTime: start });
    expect(inverted.status).toBe(400);
  });

  it('refuses more than 20 schedules with the fixture’s error; 20 are answered', async () => {
    const me = people[0]!;
    const range = { startTime: utc('2026-01-05', '09:00'), endTime: utc('2026-01-05', '18:00') };
    const many = (n: number) => Array.from({ length: n }, (_, i) => people[i % people.length]!.mail!);
    const r = await getSchedule(me, { schedules: many(21), ...range });
    expect(r.status).toBe(400);
    const docs = fixture('getschedule-too-many-schedules.error.json') as { error: { code: string } };
    expect(shapeDifferences(r.body, docs)).toEqual([]);
    expect(r.body.error.code).toBe(docs.error.code);
    expect(r.body.error.message).toMatch(/The allowed size = 20; the actual size = 21\./);
    const twenty = await getSchedule(me, { schedules: many(20), ...range });
    expect(twenty.status).toBe(200);
    expect(twenty.body.value).toHaveLength(20);
  });

  it('validates availabilityViewInterval: 5..1440 minutes, default 30', async () => {
    const me = people[0]!;
    const range = { startTime: utc('2026-01-05', '00:00'), endTime: utc('2026-01-06', '00:00') };
    for (const bad of [4, 1441, 0]) {
      const r = await getSchedule(me, { schedules: [me.mail], ...range, availabilityViewInterval: bad });
      expect(r.status).toBe(400);
    }
    const lengths: Array<[number | undefined, number]> = [
      [5, 288],
      [1440, 1],
      [undefined, 48],
    ];
    for (const [interval, length] of lengths) {
      const r = await getSchedule(me, {
        schedules: [me.mail],
        ...range,
        ...(interval ? { availabilityViewInterval: interval } : {}),
      });
      expect(r.status).toBe(200);
      expect(r.body.value[0].availabilityView).toHaveLength(length);
    }
  });
});

describe('getSchedule answers', () => {
  it('writes one availabilityView digit per interval: 0 free, 1 tentative, 2 busy, 3 oof, 4 workingElsewhere', async () => {
    const who = person();
    const day = freshDay();
    const mk = (hm: string, showAs: string, end?: string) =>
      call(who, 'POST', '/me/events', {
        subject: showAs,
        showAs,
        start: utc(day, hm),
        end: utc(day, end ?? `${String(Number(hm.slice(0, 2)) + 1).padStart(2, '0')}:00`),
      });
    for (const [hm, showAs] of [
      ['09:00', 'tentative'],
      ['10:00', 'busy'],
      ['11:00', 'oof'],
      ['12:00', 'workingElsewhere'],
      ['13:00', 'free'],
    ] as const)
      expect((await mk(hm, showAs)).status).toBe(201);
    // Overlaps: oof beats workingElsewhere, busy beats tentative.
    await mk('14:00', 'workingElsewhere', '16:00');
    await mk('15:00', 'oof');
    await mk('16:00', 'tentative', '18:00');
    await mk('17:00', 'busy');
    const r = await getSchedule(people[0]!, {
      schedules: [who.mail],
      startTime: utc(day, '08:00'),
      endTime: utc(day, '19:00'),
      availabilityViewInterval: 60,
    });
    expect(r.status).toBe(200);
    expect(r.body.value[0].availabilityView).toBe('01234043120');
    const statuses = (r.body.value[0].scheduleItems as Array<{ status: string }>).map((i) => i.status);
    expect(statuses).toEqual([
      'tentative',
      'busy',
      'oof',
      'workingElsewhere',
      'workingElsewhere',
      'oof',
      'tentative',
      'busy',
    ]);
  });

  it('gives each person’s working hours in their own time zone', async () => {
    const byZone = new Map<string, DirectoryUser>();
    for (const u of people)
      if (!byZone.has(u.mailboxSettings.timeZone)) byZone.set(u.mailboxSettings.timeZone, u);
    const chosen = [...byZone.values()].slice(0, 4);
    expect(chosen.length).toBeGreaterThanOrEqual(2);
    const r = await getSchedule(people[0]!, {
      schedules: chosen.map((u) => u.mail),
      startTime: utc('2026-01-05', '00:00'),
      endTime: utc('2026-01-06', '00:00'),
    });
    expect(r.status).toBe(200);
    const zones = (r.body.value as Array<{ workingHours: { timeZone: { name: string } } }>).map(
      (v) => v.workingHours.timeZone.name,
    );
    expect(zones).toEqual(chosen.map((u) => u.mailboxSettings.workingHours.timeZone.name));
    expect(new Set(zones).size).toBe(chosen.length);
  });

  it('round-trips a custom working-hours time zone (bias, standardOffset, daylightOffset) set through the control API', async () => {
    const who = person();
    const docs = fixture('calendar-getschedule.response.json') as {
      value: Array<{ workingHours: Record<string, unknown> }>;
    };
    const custom = docs.value[1]!.workingHours; // meganb: "Customized Time Zone", bias 480
    expect(await control('PUT', `/${who.id}/working-hours`, custom)).toBe(204);
    const r = await getSchedule(people[0]!, {
      schedules: [who.mail],
      startTime: utc('2026-01-05', '00:00'),
      endTime: utc('2026-01-06', '00:00'),
    });
    expect(r.body.value[0].workingHours).toEqual(custom);
    // Shaped like the docs' concept example, custom zone and all (no optional properties this time).
    expect(shapeDifferences(r.body, fixture('calendar-getschedule.concept.response.json'))).toEqual([]);
    const settings = await call(who, 'GET', '/me/mailboxSettings/workingHours');
    expect(settings.body.timeZone).toEqual(custom.timeZone);
    // A malformed definition is refused.
    expect(
      await control('PUT', `/${who.id}/working-hours`, {
        ...custom,
        timeZone: { '@odata.type': '#microsoft.graph.customTimeZone', bias: 'x' },
      }),
    ).toBe(400);
  });

  it('places scheduleItems in the Prefer: outlook.timezone zone, else in UTC', async () => {
    const who = person();
    const day = freshDay();
    await call(who, 'POST', '/me/events', { subject: 'x', start: utc(day, '17:00'), end: utc(day, '18:00') });
    const body = {
      schedules: [who.mail],
      startTime: utc(day, '00:00'),
      endTime: utc(`${day}`, '23:59'),
    };
    const plain = await getSchedule(people[0]!, body);
    expect(plain.body.value[0].scheduleItems[0].start).toEqual({
      dateTime: `${day}T17:00:00.0000000`,
      timeZone: 'UTC',
    });
    const pt = await getSchedule(people[0]!, body, { prefer: 'outlook.timezone="Pacific Standard Time"' });
    expect(pt.headers.get('preference-applied')).toBe('outlook.timezone="Pacific Standard Time"');
    const wall = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/Los_Angeles',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(`${day}T17:00:00Z`));
    expect(pt.body.value[0].scheduleItems[0].start).toEqual({
      dateTime: `${day}T${wall}:00.0000000`,
      timeZone: 'Pacific Standard Time',
    });
  });

  it('answers an unknown address with a per-schedule error item inside a 200', async () => {
    const me = people[0]!;
    const r = await getSchedule(me, {
      schedules: ['nobody@fabrikam.example', me.mail],
      startTime: utc('2026-01-05', '09:00'),
      endTime: utc('2026-01-05', '10:00'),
    });
    expect(r.status).toBe(200);
    const [unknown, known] = r.body.value;
    expect(unknown).toEqual({
      scheduleId: 'nobody@fabrikam.example',
      error: {
        message: expect.stringContaining('nobody@fabrikam.example'),
        responseCode: expect.any(String),
      },
    });
    expect(known.availabilityView).toHaveLength(2);
    expect(known.error).toBeUndefined();
  });
});

describe('POST /me/events', () => {
  it('honours transactionId per mailbox: a retry returns the same event and sends nothing new', async () => {
    const [org, other, att] = [person(), person(), person()];
    const day = freshDay();
    const txn = `sugg-${day}-1`;
    const body = invite([att], { transactionId: txn, location: { displayName: "Harry's Bar" } }, day);
    const a = await call(org, 'POST', '/me/events', body);
    const b = await call(org, 'POST', '/me/events', body);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(a.body.transactionId).toBe(txn);
    expect(shapeDifferences(a.body, fixture('user-post-events.transactionid.response.json'))).toEqual([]);
    expect(await copyOf(att, a.body.iCalUId, day)).toHaveLength(1);
    // The attendee's copy doesn't carry the organizer's transactionId.
    expect((await copyOf(att, a.body.iCalUId, day))[0]!.transactionId).toBeUndefined();
    // Another mailbox using the same id gets its own event.
    const c = await call(other, 'POST', '/me/events', body);
    expect(c.body.iCalUId).not.toBe(a.body.iCalUId);
    // Without one, there is no transactionId in the answer at all.
    const d = await call(org, 'POST', '/me/events', invite([], {}, day));
    expect('transactionId' in d.body).toBe(false);
    const got = await call(org, 'GET', `/me/events/${encodeURIComponent(a.body.id)}`);
    expect(got.body.transactionId).toBe(txn);
  });

  it('keeps categories, responseRequested and allowNewTimeProposals (defaults true)', async () => {
    const [org, att] = [person(), person()];
    const day = freshDay();
    const r = await call(
      org,
      'POST',
      '/me/events',
      invite(
        [att],
        { categories: ['Rapport', 'Suggested'], responseRequested: false, allowNewTimeProposals: false },
        day,
      ),
    );
    expect(r.body.categories).toEqual(['Rapport', 'Suggested']);
    expect(r.body.responseRequested).toBe(false);
    expect(r.body.allowNewTimeProposals).toBe(false);
    const got = await call(org, 'GET', `/me/events/${encodeURIComponent(r.body.id)}?$select=categories`);
    expect(got.body.categories).toEqual(['Rapport', 'Suggested']);
    // Categories are personal in the dev tenant: the attendee's copy doesn't get them (the sources
    // don't say whether Exchange sends them; don't rely on it).
    expect((await copyOf(att, r.body.iCalUId, day))[0]!.categories).toEqual([]);
    const d = await call(org, 'POST', '/me/events', invite([att], {}, day));
    expect(d.body.responseRequested).toBe(true);
    expect(d.body.allowNewTimeProposals).toBe(true);
    expect(d.body.categories).toEqual([]);
  });

  it('keeps open extensions, read back with $expand=extensions (and its $filter) on the event and calendarView', async () => {
    const org = person();
    const day = freshDay();
    const ext = {
      '@odata.type': 'microsoft.graph.openTypeExtension',
      extensionName: 'com.rapport.suggestion',
      suggestionId: 's-123',
      slot: 4,
    };
    const other = {
      '@odata.type': '#microsoft.graph.openTypeExtension',
      extensionName: 'com.contoso.other',
      x: true,
    };
    const r = await call(org, 'POST', '/me/events', invite([], { extensions: [ext, other] }, day));
    expect(r.status).toBe(201);
    const id = encodeURIComponent(r.body.id);
    const full = {
      '@odata.type': '#microsoft.graph.openTypeExtension',
      id: 'Microsoft.OutlookServices.OpenTypeExtension.com.rapport.suggestion',
      extensionName: 'com.rapport.suggestion',
      suggestionId: 's-123',
      slot: 4,
    };
    const plain = await call(org, 'GET', `/me/events/${id}`);
    expect('extensions' in plain.body).toBe(false);
    const expanded = await call(org, 'GET', `/me/events/${id}?$expand=extensions`);
    expect(expanded.body.extensions).toHaveLength(2);
    expect(expanded.body.extensions[0]).toEqual(full);
    const filtered = await call(
      org,
      'GET',
      `/me/events/${id}?$select=subject&$expand=extensions($filter=id eq '${encodeURIComponent(full.id)}')`,
    );
    expect(filtered.body.extensions).toEqual([full]);
    expect(filtered.body.subject).toBe('Catch up');
    const view = await call(org, 'GET', `/me/calendarView?${viewOf(day)}&$expand=extensions`);
    expect(view.body.value.find((e: { id: string }) => e.id === r.body.id).extensions[0]).toEqual(full);
    const one = await call(org, 'GET', `/me/events/${id}/extensions/com.rapport.suggestion`);
    expect(one.body).toMatchObject(full);
    expect((await call(org, 'GET', `/me/events/${id}?$expand=attachments`)).status).toBe(400);
    // Through the Graph SDK, as Rapport reads it.
    const sdk = await graphAs(tenant, org.id)
      .api(`/me/events/${r.body.id}`)
      .expand(`extensions($filter=id eq '${full.id}')`)
      .get();
    expect(sdk.extensions).toEqual([full]);
  });

  it('creates a Teams meeting: onlineMeeting.joinUrl shaped like the docs’ example', async () => {
    const [org, att] = [person(), person()];
    const body = (fixture('user-post-events.request.json') as Record<string, unknown>) ?? {};
    const r = await call(org, 'POST', '/me/events', {
      ...body,
      attendees: [{ emailAddress: { address: att.mail, name: att.displayName }, type: 'required' }],
    });
    expect(r.status).toBe(201);
    expect(shapeDifferences(r.body, fixture('user-post-events.response.json'))).toEqual([]);
    expect(r.body.isOnlineMeeting).toBe(true);
    expect(r.body.onlineMeetingProvider).toBe('teamsForBusiness');
    expect(r.body.onlineMeetingUrl).toBeNull();
    const url = new URL(r.body.onlineMeeting.joinUrl);
    expect(url.origin).toBe('https://teams.microsoft.com');
    expect(url.pathname).toMatch(/^\/l\/meetup-join\/19%3ameeting_[\w-]+%40thread\.v2\/0$/);
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ Tid: tenant.tenantId, Oid: org.id });
    expect(r.body.body.content).toContain('Does noon work for you?');
    expect(r.body.bodyPreview).toBe('Does noon work for you?');
  });

  it('puts the attendee’s copy on their calendar: /users/{id}/calendarView and getSchedule see it', async () => {
    const [org, att] = [person(), person()];
    const day = freshDay();
    const r = await call(org, 'POST', '/me/events', invite([att], {}, day));
    const [copy] = await copyOf(att, r.body.iCalUId, day);
    expect(copy!.id).not.toBe(r.body.id);
    expect(copy!.isOrganizer).toBe(false);
    expect(copy!.organizer.emailAddress.address).toBe(org.mail);
    const s = await getSchedule(org, {
      schedules: [att.mail],
      startTime: utc(day, '14:00'),
      endTime: utc(day, '16:00'),
      availabilityViewInterval: 30,
    });
    expect(s.body.value[0].availabilityView).toBe('0020');
  });
});

describe('PATCH /me/events/{id}', () => {
  it('replaces the attendees (organizer only): a new one is invited, a removed one gets a cancellation; body too', async () => {
    const [org, stays, leaves, joins] = [person(), person(), person(), person()];
    const day = freshDay();
    const r = await call(org, 'POST', '/me/events', invite([stays, leaves], {}, day));
    const id = encodeURIComponent(r.body.id);
    expect(await control('POST', `/${stays.id}/events/${id}/respond`, { response: 'accepted' })).toBe(204);
    const p = await call(org, 'PATCH', `/me/events/${id}`, {
      attendees: [
        { emailAddress: { address: stays.mail }, type: 'required' },
        { emailAddress: { address: joins.mail }, type: 'optional' },
      ],
      body: { contentType: 'text', content: 'New agenda <draft>' },
    });
    expect(p.status).toBe(200);
    expect(
      p.body.attendees.map((a: { emailAddress: { address: string } }) => a.emailAddress.address),
    ).toEqual([stays.mail, joins.mail]);
    expect(p.body.attendees[0].status.response).toBe('accepted');
    expect(p.body.attendees[1]).toMatchObject({ type: 'optional', status: { response: 'none' } });
    expect(p.body.body.content).toContain('New agenda &lt;draft&gt;');
    expect(p.body.bodyPreview).toBe('New agenda <draft>');
    const [joined] = await copyOf(joins, r.body.iCalUId, day);
    expect(joined).toMatchObject({ isCancelled: false, responseStatus: { response: 'none' } });
    expect(joined!.bodyPreview).toBe('New agenda <draft>');
    expect((await copyOf(leaves, r.body.iCalUId, day))[0]!.isCancelled).toBe(true);
    expect((await copyOf(stays, r.body.iCalUId, day))[0]!.bodyPreview).toBe('New agenda <draft>');
    // The removed attendee's answer no longer comes; the new one's does.
    const pending = tenant.store
      .scheduledResponses()
      .filter((x) => x.eventUid === tenant.store.eventUidOf(r.body.id));
    expect(pending.map((x) => x.attendeeId)).toEqual([joins.id]);
    // An attendee can't change the attendee list.
    const denied = await call(joins, 'PATCH', `/me/events/${encodeURIComponent(joined!.id)}`, {
      attendees: [],
    });
    expect(denied.status).toBe(400);
    expect(denied.body.error.code).toBe('ErrorAccessDenied');
  });
});

describe('POST /me/events/{id}/forward', () => {
  it('202 with no content; the recipient gets the meeting and the organizer’s copy gains them', async () => {
    const [org, att, fwd] = [person(), person(), person()];
    const day = freshDay();
    const r = await call(org, 'POST', '/me/events', invite([att], {}, day));
    const [attCopy] = await copyOf(att, r.body.iCalUId, day);
    // The docs' request body, PascalCase keys and all.
    const f = await call(att, 'POST', `/me/events/${encodeURIComponent(attCopy!.id)}/forward`, {
      ToRecipients: [{ EmailAddress: { Address: fwd.mail, Name: fwd.displayName } }],
      Comment: 'Hope you can make this meeting.',
    });
    expect(f.status).toBe(202);
    expect(f.text).toBe('');
    const [theirs] = await copyOf(fwd, r.body.iCalUId, day);
    expect(theirs).toMatchObject({ isOrganizer: false, responseStatus: { response: 'none' } });
    const orgCopy = await call(org, 'GET', `/me/events/${encodeURIComponent(r.body.id)}`);
    expect(orgCopy.body.attendees.find((a: Json) => a.emailAddress.address === fwd.mail)).toMatchObject({
      type: 'optional',
      status: { response: 'none' },
    });
    const inbox = await call(org, 'GET', `/me/mailFolders/inbox/messages?$top=50&$select=subject`);
    expect(inbox.body.value.map((m: { subject: string }) => m.subject)).toContain(
      'Meeting Forward Notification: Catch up',
    );
    // The recipient's answer reaches the organizer's copy.
    expect(
      await control('POST', `/${fwd.id}/events/${encodeURIComponent(theirs!.id)}/respond`, {
        response: 'accepted',
      }),
    ).toBe(204);
    const after = await call(org, 'GET', `/me/events/${encodeURIComponent(r.body.id)}`);
    expect(after.body.attendees.find((a: Json) => a.emailAddress.address === fwd.mail).status.response).toBe(
      'accepted',
    );
    expect(
      (await call(att, 'POST', `/me/events/${encodeURIComponent(attCopy!.id)}/forward`, {})).status,
    ).toBe(400);
  });
});

describe('attendee answers', () => {
  it('reach the organizer’s copy: none → accepted / tentativelyAccepted / declined, with status.time', async () => {
    const org = person();
    const atts = [person(), person(), person()];
    const r = await call(org, 'POST', '/me/events', invite(atts));
    expect(r.body.attendees.map((a: Json) => a.status)).toEqual(
      atts.map(() => ({ response: 'none', time: '0001-01-01T00:00:00Z' })),
    );
    const answers = ['accepted', 'tentativelyAccepted', 'declined'] as const;
    atts.forEach((a, i) => expect(tenant.store.respondAs(a.id, r.body.iCalUId, answers[i]!)).toBe(true));
    const got = await call(org, 'GET', `/me/events/${encodeURIComponent(r.body.id)}`);
    expect(got.body.attendees.map((a: Json) => a.status.response)).toEqual([...answers]);
    for (const a of got.body.attendees)
      expect(Date.parse(a.status.time)).toBeGreaterThan(Date.parse('2020-01-01'));
    expect(got.body.attendees.some((a: Json) => 'proposedNewTime' in a)).toBe(false);
    // The scheduled (seeded) answers were dropped for them: nothing else will overwrite these.
    const uid = tenant.store.eventUidOf(r.body.id);
    expect(tenant.store.scheduledResponses().filter((p) => p.eventUid === uid)).toEqual([]);
  });

  it('carry a proposed new time (tentativelyAccepted or declined) as the attendee’s proposedNewTime', async () => {
    const [org, att] = [person(), person()];
    const day = freshDay();
    const r = await call(org, 'POST', '/me/events', invite([att], {}, day));
    const id = encodeURIComponent(r.body.id);
    const proposedNewTime = { start: `${day}T16:00:00Z`, end: `${day}T16:30:00Z` };
    expect(
      await control('POST', `/${att.id}/events/${id}/respond`, { response: 'declined', proposedNewTime }),
    ).toBe(204);
    const got = await call(org, 'GET', `/me/events/${id}`, undefined, {
      prefer: 'outlook.timezone="UTC"',
    });
    expect(got.body.attendees[0]).toMatchObject({
      status: { response: 'declined' },
      proposedNewTime: {
        start: { dateTime: `${day}T16:00:00.0000000`, timeZone: 'UTC' },
        end: { dateTime: `${day}T16:30:00.0000000`, timeZone: 'UTC' },
      },
    });
    expect(
      await control('POST', `/${att.id}/events/${id}/respond`, { response: 'accepted', proposedNewTime }),
    ).toBe(400);
    expect(await control('POST', `/${att.id}/events/no-such-event/respond`, { response: 'accepted' })).toBe(
      404,
    );
  });

  it('can be decided ahead by an answer policy, and given through Graph’s decline/tentativelyAccept actions', async () => {
    const [org, att, other] = [person(), person(), person()];
    expect(
      await control('PUT', `/${att.id}/answer-policy`, {
        response: 'tentativelyAccepted',
        proposeShiftMinutes: 60,
      }),
    ).toBe(204);
    expect(await control('PUT', `/${other.id}/answer-policy`, { response: 'none' })).toBe(204);
    const day = freshDay();
    const r = await call(org, 'POST', '/me/events', invite([att, other], {}, day));
    const got = await call(org, 'GET', `/me/events/${encodeURIComponent(r.body.id)}`);
    expect(got.body.attendees[0]).toMatchObject({
      status: { response: 'tentativelyAccepted' },
      proposedNewTime: {
        start: { dateTime: `${day}T16:00:00.0000000` },
        end: { dateTime: `${day}T16:30:00.0000000` },
      },
    });
    expect(got.body.attendees[1].status.response).toBe('none');
    expect(await control('DELETE', `/${att.id}/answer-policy`)).toBe(204);
    expect(await control('DELETE', `/${other.id}/answer-policy`)).toBe(204);
    // The attendee's own Graph action, as a colleague's client would send it.
    const [mine] = await copyOf(other, r.body.iCalUId, day);
    const d = await call(other, 'POST', `/me/events/${encodeURIComponent(mine!.id)}/decline`, {
      comment: 'Clash',
      sendResponse: true,
      proposedNewTime: { start: utc(day, '17:00'), end: utc(day, '17:30') },
    });
    expect(d.status).toBe(202);
    const after = await call(org, 'GET', `/me/events/${encodeURIComponent(r.body.id)}`);
    expect(after.body.attendees[1]).toMatchObject({
      status: { response: 'declined' },
      proposedNewTime: { start: { dateTime: `${day}T17:00:00.0000000` } },
    });
    expect((await copyOf(other, r.body.iCalUId, day))[0]!.responseStatus.response).toBe('declined');
    // The organizer can't answer their own meeting; no proposals when the organizer disallows them.
    expect((await call(org, 'POST', `/me/events/${encodeURIComponent(r.body.id)}/accept`, {})).status).toBe(
      400,
    );
    const strict = await call(
      org,
      'POST',
      '/me/events',
      invite([att], { allowNewTimeProposals: false }, day),
    );
    const [strictCopy] = await copyOf(att, strict.body.iCalUId, day);
    const refused = await call(
      att,
      'POST',
      `/me/events/${encodeURIComponent(strictCopy!.id)}/tentativelyAccept`,
      {
        proposedNewTime: { start: utc(day, '18:00'), end: utc(day, '18:30') },
      },
    );
    expect(refused.status).toBe(400);
  });
});

describe('calendarView page sizes', () => {
  it('defaults to 10 a page and accepts $top up to 1000', async () => {
    const me = tenant.data.users[0]!;
    const end = tenant.data.now.getTime();
    const w = `startDateTime=${new Date(end - 60 * 86_400_000).toISOString()}&endDateTime=${new Date(end).toISOString()}`;
    const first = await call(me, 'GET', `/me/calendarView?${w}`);
    expect(first.body.value).toHaveLength(10);
    expect(first.body['@odata.nextLink']).toBeTruthy();
    expect((await call(me, 'GET', `/me/calendarView?${w}&$top=1000`)).status).toBe(200);
    const over = await call(me, 'GET', `/me/calendarView?${w}&$top=1001`);
    expect(over.status).toBe(400);
  });
});
