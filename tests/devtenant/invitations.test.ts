import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../server/devtenant/model';
import { graphFetch, startTestTenant } from '../helpers/devtenant';

/** POST /me/events lands on attendees' calendars; they answer over time, and delta shows it. */
let tenant: Awaited<ReturnType<typeof startTestTenant>>;
beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.stop());

describe('invitations', () => {
  it('reach the attendee, who answers later; the organizer sees the answer through delta', async () => {
    const me = tenant.data.users[0]!;
    const colleague = tenant.data.users.find((u) => u.managerId === me.id)!;
    const day = new Date(tenant.data.now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const window = `startDateTime=${day}T00:00:00Z&endDateTime=${day}T23:59:59Z`;
    const first = await (
      await graphFetch(tenant, me.id, `/me/calendarView/delta?${window}`, {
        headers: { prefer: 'odata.maxpagesize=500' },
      })
    ).json();
    let link = first['@odata.deltaLink'] as string;
    expect(link).toBeTruthy();

    const created = await graphFetch(tenant, me.id, '/me/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: 'Lunch?',
        start: { dateTime: `${day}T12:00:00`, timeZone: 'Pacific Standard Time' },
        end: { dateTime: `${day}T13:00:00`, timeZone: 'Pacific Standard Time' },
        attendees: [{ emailAddress: { address: colleague.mail }, type: 'required' }],
      }),
    });
    expect(created.status).toBe(201);
    const event = (await created.json()) as { id: string; iCalUId: string };

    const theirs = (await (await graphFetch(tenant, colleague.id, `/me/calendarView?${window}`)).json()) as {
      value: Array<{ iCalUId: string; responseStatus: { response: string } }>;
    };
    const copy = theirs.value.find((e) => e.iCalUId === event.iCalUId)!;
    expect(copy.responseStatus.response).toBe('none');

    const round1 = await (await graphFetch(tenant, me.id, link)).json();
    expect(round1.value.map((v: { id: string }) => v.id)).toContain(event.id);
    link = round1['@odata.deltaLink'];

    expect(tenant.store.pendingResponses()).toBeGreaterThan(0);
    expect(tenant.store.deliverDueResponses(Date.now() + 120_000)).toBe(1);
    const round2 = await (await graphFetch(tenant, me.id, link)).json();
    const updated = round2.value.find((v: { id: string }) => v.id === event.id);
    expect(['accepted', 'tentativelyAccepted', 'declined']).toContain(updated.attendees[0].status.response);
  });
});

describe('findMeetingTimes', () => {
  it('scores confidence as documented: free 100, tentative 50, busy 0, unknown 49, averaged', async () => {
    const me = tenant.data.users[0]!;
    const people = tenant.data.users.filter(
      (u) =>
        u.userType === 'Member' &&
        u.accountEnabled &&
        u.mailboxSettings.userPurpose === 'user' &&
        u.id !== me.id,
    );
    const [free, busy, tentative] = people.slice(5, 8) as [DirectoryUser, DirectoryUser, DirectoryUser];
    const day = new Date(tenant.data.now.getTime() + 40 * 86_400_000);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    const d = day.toISOString().slice(0, 10);
    const slot = {
      start: { dateTime: `${d}T10:00:00`, timeZone: 'Pacific Standard Time' },
      end: { dateTime: `${d}T11:00:00`, timeZone: 'Pacific Standard Time' },
    };
    // `busy` organizes a meeting then and invites `tentative`, who answers "tentative".
    const r = await graphFetch(tenant, busy.id, '/me/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: 'Busy then',
        ...slot,
        attendees: [{ emailAddress: { address: tentative.mail }, type: 'required' }],
      }),
    });
    const meeting = (await r.json()) as { iCalUId: string };
    const uid = tenant.store.calendar(busy.id).find((i) => i.event.iCalUId === meeting.iCalUId)!.event.uid;
    tenant.store.respond(tentative.id, uid, 'tentativelyAccepted');

    const ask = async (addresses: string[]) => {
      const r = await graphFetch(tenant, me.id, '/me/findMeetingTimes', {
        method: 'POST',
        headers: { 'content-type': 'application/json', prefer: 'outlook.timezone="Pacific Standard Time"' },
        body: JSON.stringify({
          attendees: addresses.map((address) => ({ type: 'required', emailAddress: { address } })),
          timeConstraint: { activityDomain: 'unrestricted', timeSlots: [slot] },
          meetingDuration: 'PT1H',
          minimumAttendeePercentage: 0,
          isOrganizerOptional: true,
        }),
      });
      return (await r.json()) as {
        meetingTimeSuggestions: Array<{ confidence: number }>;
        emptySuggestionsReason: string;
      };
    };
    expect((await ask([free.mail!])).meetingTimeSuggestions[0]!.confidence).toBe(100);
    expect((await ask([busy.mail!])).meetingTimeSuggestions[0]!.confidence).toBe(0);
    expect((await ask([tentative.mail!])).meetingTimeSuggestions[0]!.confidence).toBe(50);
    expect((await ask(['someone@fabrikam.example'])).meetingTimeSuggestions[0]!.confidence).toBe(49);
    expect((await ask([free.mail!, busy.mail!])).meetingTimeSuggestions[0]!.confidence).toBe(50);
  });
});
