import fs from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../server/devtenant/model';
import { graphFetch, startTestTenant } from '../helpers/devtenant';
import { type ShapeOptions, shapeDifferences } from '../helpers/shape';

/**
 * One test per fixture from the Graph and Entra docs (tests/fixtures/graph, see ATTRIBUTION.md): the
 * dev tenant is asked the fixture's request and its answer must have the docs' property names,
 * JSON types and annotations. Values are not compared — the docs use placeholders.
 */
const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join('tests/fixtures/graph', name), 'utf8'));
const requestBody = (name: string): Record<string, unknown> => {
  const text = fs.readFileSync(path.join('tests/fixtures/graph', name), 'utf8');
  return JSON.parse(text.slice(text.indexOf('{')));
};

let tenant: Awaited<ReturnType<typeof startTestTenant>>;
let me: DirectoryUser;
let manager: DirectoryUser;
let colleague: DirectoryUser;

beforeAll(async () => {
  tenant = await startTestTenant({ people: 60 });
  me = tenant.data.users[0]!; // the demo sales director: has a manager, reports and history
  manager = tenant.data.users.find((u) => u.id === me.managerId)!;
  colleague = tenant.data.users.find((u) => u.managerId === me.id)!;
});
afterAll(() => tenant.stop());

async function get(url: string, headers: Record<string, string> = {}, as = me) {
  const r = await graphFetch(tenant, as.id, url, { headers });
  return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> };
}
async function post(url: string, body: unknown, headers: Record<string, string> = {}, as = me) {
  const r = await graphFetch(tenant, as.id, url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return {
    status: r.status,
    headers: r.headers,
    body: (await r.json().catch(() => null)) as Record<string, unknown>,
  };
}
function conforms(actual: unknown, name: string, opts: ShapeOptions = {}) {
  expect(shapeDifferences(actual, fixture(name), opts), `differences from ${name}`).toEqual([]);
}
const PT = { prefer: 'outlook.timezone="Pacific Standard Time"' };
const window = () => {
  const end = tenant.data.now.getTime();
  return `startDateTime=${new Date(end - 14 * 86_400_000).toISOString()}&endDateTime=${new Date(end).toISOString()}`;
};

describe('directory', () => {
  it('user-get: GET /me', async () => {
    const r = await get('/me');
    expect(r.status).toBe(200);
    conforms(r.body, 'user-get.response.json');
  });
  it('user-get.select: GET /users/{id}?$select=…', async () => {
    const r = await get(`/users/${colleague.id}?$select=displayName,givenName,postalCode,identities`);
    conforms(r.body, 'user-get.select.response.json');
    expect(Object.keys(r.body).sort()).toEqual([
      '@odata.context',
      'displayName',
      'givenName',
      'identities',
      'postalCode',
    ]);
  });
  it('user-list: GET /users (rooms come back as users too)', async () => {
    const r = await get('/users');
    conforms(r.body, 'user-list.response.json');
    expect(
      (r.body.value as Array<{ displayName: string }>).some((u) => u.displayName.startsWith('Conf Room')),
    ).toBe(true);
  });
  it('user-list.select-guests: $filter=endsWith(userPrincipalName,…) with ConsistencyLevel', async () => {
    const r = await get(
      `/users?$select=id,displayName,mail,identities&$filter=endsWith(userPrincipalName,'%23EXT%23@contoso.onmicrosoft.example')&$count=true`,
      { ConsistencyLevel: 'eventual' },
    );
    expect(r.status).toBe(200);
    conforms(r.body, 'user-list.select-guests.response.json');
    expect(r.body['@odata.count']).toBeGreaterThan(0);
  });
  it('user-list.filter-orderby: endswith + $orderby + $count', async () => {
    const r = await get(
      `/users?$filter=endswith(mail,'a@contoso.example')&$orderby=userPrincipalName&$count=true`,
      { ConsistencyLevel: 'eventual' },
    );
    expect(r.status).toBe(200);
    // The docs' item is a trimmed $select-like view; ours has the default property set, a superset.
    conforms(r.body, 'user-list.filter-orderby.response.json');
  });
  it('user-list-manager: GET /users/{id}/manager', async () => {
    const r = await get(`/users/${me.id}/manager`);
    conforms(r.body, 'user-list-manager.response.json');
    expect(r.body.id).toBe(manager.id);
  });
  it('user-list-manager.chain: $expand=manager($levels=max)', async () => {
    const r = await get(
      '/me?$expand=manager($levels=max;$select=id,displayName)&$select=id,displayName&$count=true',
      { ConsistencyLevel: 'eventual' },
    );
    conforms(r.body, 'user-list-manager.chain.response.json');
  });
  it('user-list-directreports: GET /me/directReports', async () => {
    const r = await get('/me/directReports');
    conforms(r.body, 'user-list-directreports.response.json');
    expect((r.body.value as unknown[]).length).toBeGreaterThan(0);
  });
  it('organization-get: GET /organization/{id}', async () => {
    const r = await get(`/organization/${tenant.tenantId}`);
    conforms(r.body, 'organization-get.response.json');
  });
  it('user-get-mailboxsettings: GET /me/mailboxSettings', async () => {
    const r = await get('/me/mailboxSettings');
    conforms(r.body, 'user-get-mailboxsettings.response.json');
  });
  it('user-get-mailboxsettings.workinghours: GET /me/mailboxSettings/workingHours', async () => {
    const r = await get('/me/mailboxSettings/workingHours');
    // The docs' example uses a custom time zone (bias, offsets); ours are standard Windows zones.
    conforms(r.body, 'user-get-mailboxsettings.workinghours.response.json', {
      optional: [
        'timeZone.@odata.type',
        'timeZone.bias',
        'timeZone.standardOffset',
        'timeZone.daylightOffset',
      ],
    });
  });
  it('user-get-mailboxsettings.userpurpose: GET /me/mailboxSettings/userPurpose', async () => {
    const r = await get('/me/mailboxSettings/userPurpose');
    conforms(r.body, 'user-get-mailboxsettings.userpurpose.response.json');
  });
  it('error-response: an unknown user is a Graph-shaped 404', async () => {
    const r = await get('/users/00000000-0000-0000-0000-000000000000');
    expect(r.status).toBe(404);
    conforms(r.body, 'error-response.example.json');
  });
});

describe('calendar', () => {
  it('user-list-calendarview: GET /me/calendarView', async () => {
    const r = await get(`/me/calendarView?${window()}`);
    expect(r.status).toBe(200);
    expect((r.body.value as unknown[]).length).toBeGreaterThan(0);
    conforms(r.body, 'user-list-calendarview.response.json');
  });
  it('user-list-events: GET /me/events?$select=… with a time zone', async () => {
    const r = await get(
      '/me/events?$select=subject,body,bodyPreview,organizer,attendees,start,end,location',
      PT,
    );
    conforms(r.body, 'user-list-events.response.json', { optional: ['@odata.context'] });
    expect(r.headers.get('preference-applied')).toBe('outlook.timezone="Pacific Standard Time"');
  });
  it('event-delta: the first page of calendarView/delta', async () => {
    const r = await get(`/me/calendarView/delta?${window().toLowerCase()}`, {
      prefer: 'odata.maxpagesize=2',
    });
    // The docs' delta example prints "transactionId": null; the typings say it is returned only when
    // the app set one, which is what the dev tenant does (the stricter reading for clients).
    conforms(r.body, 'event-delta.response.json', { optional: ['value[].transactionId'] });
    expect((r.body.value as unknown[]).length).toBe(2);
  });
  it('delta-query-events: a whole round, then the next round with @removed', async () => {
    const first = await get(`/me/calendarView/delta?${window()}`, { prefer: 'odata.maxpagesize=2' });
    conforms(first.body, 'delta-query-events.step1.response.json');
    let page = first.body;
    let pages = 1;
    while (page['@odata.nextLink']) {
      const next = await get(page['@odata.nextLink'] as string, { prefer: 'odata.maxpagesize=2' });
      if (pages === 1) conforms(next.body, 'delta-query-events.step2.response.json');
      page = next.body;
      pages++;
    }
    conforms(page, 'delta-query-events.step3.response.json', { optional: ['value'] });
    expect(pages).toBeGreaterThan(2);
    const gone = (first.body.value as Array<{ id: string }>)[0]!.id;
    tenant.store.deleteEvent(me.id, gone);
    const round = await get(page['@odata.deltaLink'] as string);
    conforms(round.body, 'delta-query-events.nextround.response.json');
    expect(round.body.value).toEqual([
      { '@odata.type': '#microsoft.graph.event', id: gone, '@removed': { reason: 'deleted' } },
    ]);
  });
  it('delta-token-expired: an expired token is 410 SyncStateNotFound with a restart Location', async () => {
    const first = await get(`/me/calendarView/delta?${window()}`, { prefer: 'odata.maxpagesize=5' });
    tenant.store.expireDeltaTokens(me.id, 'calendar');
    const r = await get(first.body['@odata.nextLink'] as string);
    expect(r.status).toBe(410);
    conforms(r.body, 'delta-token-expired.syncstatenotfound.response.json');
    expect(r.headers.get('location')).toMatch(/calendarView\/delta\?startDateTime=.*&\$deltatoken=$/);
  });
  it('user-post-events: POST /me/events (online meeting)', async () => {
    const body = requestBody('user-post-events.request.http');
    body.attendees = [
      { emailAddress: { address: colleague.mail, name: colleague.displayName }, type: 'required' },
    ];
    const r = await post('/me/events', body, PT);
    expect(r.status).toBe(201);
    conforms(r.body, 'user-post-events.response.json');
    expect((r.body.onlineMeeting as { joinUrl: string }).joinUrl).toMatch(/^https:/);
  });
  it('user-post-events.transactionid: the same transactionId creates one event', async () => {
    const body = requestBody('user-post-events.transactionid.request.http');
    body.attendees = [
      { emailAddress: { address: colleague.mail, name: colleague.displayName }, type: 'required' },
    ];
    const a = await post('/me/events', body, PT);
    const b = await post('/me/events', body, PT);
    conforms(a.body, 'user-post-events.transactionid.response.json');
    expect(b.body.id).toBe(a.body.id);
  });
  it('user-post-events.recurring: a weekly series comes back as its master', async () => {
    const body = requestBody('user-post-events.recurring.request.http');
    body.attendees = [
      { emailAddress: { address: colleague.mail, name: colleague.displayName }, type: 'required' },
    ];
    const r = await post('/me/events', body, PT);
    expect(r.status).toBe(201);
    conforms(r.body, 'user-post-events.recurring.response.json');
    expect(r.body.type).toBe('seriesMaster');
  });
  it('calendar-getschedule: POST /me/calendar/getSchedule', async () => {
    const body = requestBody('calendar-getschedule.request.json');
    const day = new Date(tenant.data.now.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    body.schedules = [me.mail, colleague.mail];
    body.startTime = { dateTime: `${day}T09:00:00`, timeZone: 'Pacific Standard Time' };
    body.endTime = { dateTime: `${day}T18:00:00`, timeZone: 'Pacific Standard Time' };
    const r = await post('/me/calendar/getSchedule', body, PT);
    expect(r.status).toBe(200);
    conforms(r.body, 'calendar-getschedule.response.json');
  });
  it('calendar-getschedule.concept: PascalCase body and a string interval', async () => {
    const body = requestBody('calendar-getschedule.concept.request.http');
    body.Schedules = [colleague.mail];
    const r = await post('/me/calendar/getschedule', body, PT);
    expect(r.status).toBe(200);
    // As in the workingHours fixture: the docs' example has a custom time zone, ours are standard.
    conforms(r.body, 'calendar-getschedule.concept.response.json', {
      optional: ['@odata.type', 'bias', 'standardOffset', 'daylightOffset'].map(
        (k) => `value[].workingHours.timeZone.${k}`,
      ),
    });
  });
  it('getschedule-too-many-schedules: too many targets is an error', async () => {
    const r = await post('/me/calendar/getSchedule', {
      schedules: Array.from({ length: 21 }, (_, i) => `u${i}@contoso.example`),
      startTime: { dateTime: '2026-01-05T09:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2026-01-05T18:00:00', timeZone: 'UTC' },
    });
    expect(r.status).toBe(400);
    conforms(r.body, 'getschedule-too-many-schedules.error.json');
  });
  it('user-findmeetingtimes: POST /me/findMeetingTimes with the docs’ stringly-typed options', async () => {
    const body = requestBody('user-findmeetingtimes.request.json');
    const day = new Date(tenant.data.now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    body.attendees = [
      { type: 'required', emailAddress: { name: colleague.displayName, address: colleague.mail } },
    ];
    (body.timeConstraint as { timeSlots: unknown[] }).timeSlots = [
      {
        start: { dateTime: `${day}T09:00:00`, timeZone: 'Pacific Standard Time' },
        end: { dateTime: `${day}T17:00:00`, timeZone: 'Pacific Standard Time' },
      },
    ];
    const r = await post('/me/findMeetingTimes', body, PT);
    expect(r.status).toBe(200);
    conforms(r.body, 'user-findmeetingtimes.response.json', {
      // The docs' sample has a location with an address; we suggest no room.
      optional: [
        'meetingTimeSuggestions[].locations[].address.type',
        'meetingTimeSuggestions[].locations[].address.postOfficeBox',
        'meetingTimeSuggestions[].locations[].address.street',
        'meetingTimeSuggestions[].locations[].address.city',
        'meetingTimeSuggestions[].locations[].address.state',
        'meetingTimeSuggestions[].locations[].address.countryOrRegion',
        'meetingTimeSuggestions[].locations[].address.postalCode',
        'meetingTimeSuggestions[].locations[].coordinates.latitude',
        'meetingTimeSuggestions[].locations[].coordinates.longitude',
      ],
    });
  });
});

describe('mail', () => {
  it('user-list-messages: GET /me/messages?$select=sender,subject', async () => {
    const r = await get('/me/messages?$select=sender,subject');
    conforms(r.body, 'user-list-messages.response.json');
    expect(Object.keys((r.body.value as object[])[0]!).sort()).toEqual([
      '@odata.etag',
      '@odata.type',
      'id',
      'sender',
      'subject',
    ]);
  });
  it('message-delta: the first page of an Inbox delta', async () => {
    const r = await get('/me/mailFolders/inbox/messages/delta', { prefer: 'odata.maxpagesize=2' });
    // Rapport holds Mail.ReadBasic: Graph returns no body without Mail.Read, so the docs' body is absent.
    conforms(r.body, 'message-delta.response.json', { optional: ['value[].body'] });
    expect((r.body.value as Array<Record<string, unknown>>)[0]).not.toHaveProperty('body');
  });
  it('delta-query-messages: a whole round, then the next round with a new and a removed message', async () => {
    const first = await get('/me/mailFolders/inbox/messages/delta?$select=subject,sender,isRead', {
      prefer: 'odata.maxpagesize=50',
    });
    conforms(first.body, 'delta-query-messages.step1.response.json');
    let page = first.body;
    let n = 1;
    while (page['@odata.nextLink']) {
      page = (await get(page['@odata.nextLink'] as string, { prefer: 'odata.maxpagesize=50' })).body;
      if (n++ === 1)
        conforms(page, 'delta-query-messages.step2.response.json', { optional: ['@odata.nextLink'] });
    }
    conforms(page, 'delta-query-messages.step3.response.json', { optional: ['value'] });
    const removed = (first.body.value as Array<{ id: string }>)[0]!.id;
    tenant.store.deleteMessage(me.id, removed);
    tenant.store.addMessage(me.id, {
      folder: 'inbox',
      isRead: false,
      message: {
        ...tenant.store.mail(me.id)[0]!.entry.message,
        uid: 'new-message-uid',
        subject: 'A new one',
      },
    });
    const round = await get(page['@odata.deltaLink'] as string);
    // The docs' next-round sample sends isRead as the string "true"; real responses use a boolean.
    conforms(round.body, 'delta-query-messages.nextround.response.json', { ignoreType: ['value[].isRead'] });
    const value = round.body.value as Array<Record<string, unknown>>;
    expect(value).toHaveLength(2);
    expect(value.find((v) => v['@removed'])?.id).toBe(removed);
    expect(value.find((v) => !v['@removed'])).toMatchObject({ subject: 'A new one', isRead: false });
  });
});

describe('batching and throttling', () => {
  it('json-batching: per-request statuses inside a 200', async () => {
    const requests = (
      requestBody('json-batching.request.json').requests as Array<Record<string, unknown>>
    ).map((r) => (r.id === '5' ? r : { ...r, url: r.id === '1' ? '/me?$select=id,displayName' : r.url }));
    const r = await post('/$batch', { requests });
    expect(r.status).toBe(200);
    const responses = r.body.responses as Array<{
      id: string;
      status: number;
      headers: Record<string, string>;
      body: unknown;
    }>;
    expect(responses.map((x) => x.id).sort()).toEqual(['1', '2', '3', '4', '5']);
    const docs = fixture('json-batching.response.json') as {
      responses: Array<{ id: string; body: unknown }>;
    };
    // Envelope of every sub-response; bodies compared where both sides ran the same query (id 5).
    // Only directory requests cost resource units, so only they carry x-ms-resource-unit.
    const envelope = (list: Array<{ body?: unknown }>) => ({
      responses: list.map(({ body: _b, ...x }) => x),
    });
    expect(
      shapeDifferences(envelope(responses), envelope(docs.responses), {
        optional: ['responses[].headers.x-ms-resource-unit'],
      }),
    ).toEqual([]);
    expect(responses.find((x) => x.id === '1')!.headers).toHaveProperty('x-ms-resource-unit');
    const five = responses.find((x) => x.id === '5')!;
    expect(five.status).toBe(200);
    expect(shapeDifferences(five.body, docs.responses.find((x) => x.id === '5')!.body)).toEqual([]);
    expect(responses.find((x) => x.id === '3')!.status).toBeGreaterThanOrEqual(400);
  });
  it('throttling-429: a throttled request says when to come back', async () => {
    tenant.faults.add({ kind: 'storm', count: 1, retryAfter: 2.128, path: '/me/calendarView' });
    const r = await get(`/me/calendarView?${window()}`);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2.128');
    conforms(r.body, 'throttling-429.response.json');
  });
  it('throttling-429.mailboxconcurrency: a fifth concurrent request to one mailbox is refused', async () => {
    tenant.faults.setLatency({ fixedMs: 300, path: '/me/messages' });
    try {
      const all = await Promise.all(Array.from({ length: 5 }, () => get('/me/messages?$top=1')));
      const refused = all.filter((x) => x.status === 429);
      expect(refused).toHaveLength(1);
      conforms(refused[0]!.body, 'throttling-429.mailboxconcurrency.response.json');
    } finally {
      tenant.faults.reset();
    }
  });
});

describe('identity', () => {
  const tokenUrl = () => `${tenant.origin}/${tenant.tenantId}/oauth2/v2.0/token`;
  const obo = async (assertion: string) => {
    const r = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        client_id: tenant.app.clientId,
        client_secret: tenant.app.clientSecret,
        assertion,
        scope: 'https://graph.microsoft.com/User.Read offline_access',
        requested_token_use: 'on_behalf_of',
      }),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  it('obo-token: the on-behalf-of grant returns a Graph token and a refresh token', async () => {
    const r = await obo(await tenant.identity.issueApiToken(me.id));
    expect(r.status).toBe(200);
    conforms(r.body, 'obo-token.response.json');
    expect(decodeJwt(r.body.access_token as string).aud).toBe('https://graph.microsoft.com');
  });
  it('obo-token.error.consent_required: a revoked permission', async () => {
    tenant.identity.revokeConsent(colleague.id, 'User.Read');
    const r = await obo(await tenant.identity.issueApiToken(colleague.id));
    expect(r.status).toBe(400);
    conforms(r.body, 'obo-token.error.consent_required.json');
    expect(r.body.suberror).toBe('consent_required');
  });
  it('obo-token.error.interaction_required: MFA required, with a claims challenge', async () => {
    tenant.identity.requireMfa(manager.id, true);
    const r = await obo(await tenant.identity.issueApiToken(manager.id));
    tenant.identity.requireMfa(manager.id, false);
    expect(r.status).toBe(400);
    conforms(r.body, 'obo-token.error.interaction_required.json');
  });
  it('entra-common-v2-keys: the keys document', async () => {
    const r = await fetch(`${tenant.origin}/common/discovery/v2.0/keys`);
    // x5c (the certificate chain) is optional for validators; the dev tenant publishes bare keys.
    conforms(await r.json(), 'entra-common-v2-keys.response.json', { optional: ['keys[].x5c'] });
  });
  it('teams-sso-access-token: API tokens carry the claims of a Teams SSO token', async () => {
    const claims = decodeJwt(await tenant.identity.issueApiToken(me.id));
    expect(shapeDifferences(claims, fixture('teams-sso-access-token.payload.json'))).toEqual([]);
    expect(claims).toMatchObject({
      aud: tenant.app.clientId,
      tid: tenant.tenantId,
      oid: me.id,
      scp: 'access_as_user',
      ver: '2.0',
    });
  });
});
