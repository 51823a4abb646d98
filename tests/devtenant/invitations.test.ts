import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
