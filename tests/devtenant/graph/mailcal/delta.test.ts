import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { BEN, message } from '../../mailbox/smallTenant';
import { shapeDifferences } from '../../../helpers/shape';
import { fixture, mailcalApp, pathOf } from './app';

// Events whose location has no postal address come back with empty address and coordinates objects.
const NO_ADDRESS = ['street', 'city', 'state', 'countryOrRegion', 'postalCode']
  .map((k) => `value[].location.address.${k}`)
  .concat(['value[].location.coordinates.latitude', 'value[].location.coordinates.longitude']);

type Page = {
  value: Array<Record<string, unknown>>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
};
const WINDOW = 'startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-03-15T00:00:00Z';

/** Creates an event in the signed-in user's calendar (times in UTC); expects 201. */
const addEvent = (app: ReturnType<typeof mailcalApp>['app'], subject: string, start: string, end: string) =>
  request(app)
    .post('/v1.0/me/events')
    .send({ subject, start: { dateTime: start, timeZone: 'UTC' }, end: { dateTime: end, timeZone: 'UTC' } })
    .expect(201);

/** Follows nextLinks to the deltaLink; returns every page. */
async function round(
  app: ReturnType<typeof mailcalApp>['app'],
  first: string,
  prefer = 'odata.maxpagesize=5',
) {
  const pages: Page[] = [];
  let url: string | undefined = first;
  while (url) {
    const r: request.Response = await request(app).get(url).set('prefer', prefer).expect(200);
    pages.push(r.body as Page);
    url = r.body['@odata.nextLink'] ? pathOf(r.body['@odata.nextLink']) : undefined;
    if (!url)
      expect(r.body['@odata.deltaLink']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0\/me\/.*\$deltatoken=/);
  }
  return {
    pages,
    items: pages.flatMap((p) => p.value),
    deltaLink: pathOf(pages.at(-1)!['@odata.deltaLink']!),
  };
}

describe('calendarView/delta', () => {
  it('serves a round of pages shaped like the docs, occurrences but no series masters', async () => {
    const { app, store } = mailcalApp();
    const { pages, items } = await round(app, `/v1.0/me/calendarView/delta?${WINDOW}`);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(shapeDifferences(pages[0], fixture('delta-query-events.step1.response.json'))).toEqual([]);
    // transactionId is returned only when the app set one (the docs' delta example prints null).
    expect(
      shapeDifferences(pages[0], fixture('event-delta.response.json'), {
        optional: ['value[].transactionId'],
      }),
    ).toEqual([]);
    expect(shapeDifferences(pages[1], fixture('delta-query-events.step2.response.json'))).toEqual([]);
    expect(shapeDifferences(pages.at(-1), fixture('delta-query-events.step3.response.json'))).toEqual([]);
    const ada = store.mailbox(store.data.users[0]!.id);
    const expected = [...ada.calendar.values()].filter(
      (i) => i.event.type !== 'seriesMaster' && i.event.start < '2026-03-15' && i.event.end > '2026-03-01',
    );
    // 1 standup + 10 weekday meetings inside the window + 2 occurrences.
    expect(items.map((i) => i.id).sort()).toEqual(expected.map((i) => i.graphId).sort());
    expect(items.some((i) => i.type === 'seriesMaster')).toBe(false);
  });

  it('a round without changes is one empty page with a deltaLink', async () => {
    const { app } = mailcalApp();
    const { deltaLink } = await round(app, `/v1.0/me/calendarView/delta?${WINDOW}`);
    const again = await request(app).get(deltaLink).expect(200);
    expect(again.body.value).toEqual([]);
    expect(again.body['@odata.deltaLink']).toBeTruthy();
    expect(again.body['@odata.nextLink']).toBeUndefined();
  });

  it('the next round shows a deleted event, an event moved out of the window and a new one, each once', async () => {
    const { app, store, data } = mailcalApp();
    const ada = data.users[0]!;
    const first = await round(app, `/v1.0/me/calendarView/delta?${WINDOW}`);
    const [gone, moved] = first.items.map((i) => i.id as string);
    store.deleteEvent(ada.id, gone!);
    await request(app)
      .patch(`/v1.0/me/events/${moved}`)
      .send({
        start: { dateTime: '2026-05-01T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-05-01T11:00:00', timeZone: 'UTC' },
      })
      .expect(200);
    const created = await addEvent(app, 'New', '2026-03-10T09:00:00', '2026-03-10T09:30:00');
    const next = await round(app, first.deltaLink, 'odata.maxpagesize=1');
    expect(
      shapeDifferences(next.pages.at(-1), fixture('delta-query-events.nextround.response.json'), {
        optional: ['value', ...NO_ADDRESS],
      }),
    ).toEqual([]);
    const byId = (id: string) => next.items.filter((i) => i.id === id);
    expect(byId(gone!)).toEqual([expect.objectContaining({ '@removed': { reason: 'deleted' } })]);
    expect(byId(moved!)).toEqual([expect.objectContaining({ '@removed': { reason: 'deleted' } })]);
    expect(byId(created.body.id)).toHaveLength(1);
    expect(byId(created.body.id)[0]!.subject).toBe('New');
    expect(next.items).toHaveLength(3);
    expect(
      shapeDifferences({ value: next.items }, fixture('delta-query-events.nextround.response.json'), {
        optional: ['@odata.context', '@odata.deltaLink', ...NO_ADDRESS],
      }),
    ).toEqual([]);
  });

  it('locks the window into the token: later query parameters cannot move it', async () => {
    const { app } = mailcalApp();
    const first = await round(app, `/v1.0/me/calendarView/delta?${WINDOW}`);
    await addEvent(app, 'Inside', '2026-03-09T09:00:00', '2026-03-09T09:30:00');
    const moved = await request(app)
      .get(`${first.deltaLink}&startDateTime=2030-01-01T00:00:00Z&endDateTime=2030-02-01T00:00:00Z`)
      .expect(200);
    expect(moved.body.value.map((v: { subject: string }) => v.subject)).toEqual(['Inside']);
  });

  it('an expired token is 410 SyncStateNotFound; its Location restarts a full round', async () => {
    const { app, store, data } = mailcalApp();
    const first = await round(app, `/v1.0/me/calendarView/delta?${WINDOW}`);
    store.expireDeltaTokens(data.users[0]!.id, 'calendar');
    const r = await request(app).get(first.deltaLink).expect(410);
    expect(shapeDifferences(r.body, fixture('delta-token-expired.syncstatenotfound.response.json'))).toEqual(
      [],
    );
    expect(r.body.error.code).toBe('SyncStateNotFound');
    const location = r.headers.location as string;
    expect(location).toMatch(
      /\/v1\.0\/me\/calendarView\/delta\?startDateTime=.*&endDateTime=.*&\$deltatoken=$/,
    );
    const again = await round(app, pathOf(location));
    expect(again.items.map((i) => i.id).sort()).toEqual(first.items.map((i) => i.id).sort());
  });

  it('refuses $select and $filter, and a missing window', async () => {
    const { app } = mailcalApp();
    const sel = await request(app).get(`/v1.0/me/calendarView/delta?${WINDOW}&$select=subject`).expect(400);
    expect(sel.body.error.code).toBe('ErrorInvalidUrlQuery');
    await request(app).get(`/v1.0/me/calendarView/delta?${WINDOW}&$filter=subject eq 'x'`).expect(400);
    const none = await request(app).get('/v1.0/me/calendarView/delta').expect(400);
    expect(none.body.error.code).toBe('ErrorInvalidParameter');
  });

  it('a forged token is refused', async () => {
    const { app } = mailcalApp();
    const first = await round(app, `/v1.0/me/calendarView/delta?${WINDOW}`);
    const token = new URL(`http://x${first.deltaLink}`).searchParams.get('$deltatoken')!;
    const [body, mac] = token.split('.');
    const state = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...state, since: 0 })).toString('base64url');
    await request(app).get(`/v1.0/me/calendarView/delta?$deltatoken=${forged}.${mac}`).expect(410);
  });
});

describe('mailFolders/{id}/messages/delta', () => {
  const INBOX = '/v1.0/me/mailFolders/inbox/messages/delta';

  it('serves the folder in rounds shaped like the docs; the next round has new, deleted and moved-out mail once', async () => {
    const { app, store, data } = mailcalApp();
    const ada = data.users[0]!;
    const first = await round(app, `${INBOX}?$select=subject,sender,isRead`, 'odata.maxpagesize=10');
    expect(first.items).toHaveLength(25);
    expect(shapeDifferences(first.pages[0], fixture('delta-query-messages.step1.response.json'))).toEqual([]);
    expect(shapeDifferences(first.pages[1], fixture('delta-query-messages.step2.response.json'))).toEqual([]);
    expect(shapeDifferences(first.pages.at(-1), fixture('delta-query-messages.step3.response.json'))).toEqual(
      [],
    );
    expect(Object.keys(first.items[0]!).sort()).toEqual([
      '@odata.etag',
      '@odata.type',
      'id',
      'isRead',
      'sender',
      'subject',
    ]);

    const [deleted, moved] = first.items.map((i) => i.id as string);
    store.deleteMessage(ada.id, deleted!);
    store.moveMessage(ada.id, moved!, 'archive');
    const added = store.addMessage(ada.id, message('fresh', BEN, ada, '2026-03-01T10:00:00Z'));
    store.addMessage(ada.id, message('elsewhere', BEN, ada, '2026-03-01T10:00:00Z', 'sentitems'));
    const next = await round(app, first.deltaLink, 'odata.maxpagesize=10');
    expect(
      shapeDifferences(next.pages[0], fixture('delta-query-messages.nextround.response.json'), {
        ignoreType: ['value[].isRead'],
      }),
    ).toEqual([]);
    expect(next.items.map((i) => [i.id, '@removed' in i])).toEqual([
      [deleted, true],
      [moved, true],
      [added.graphId, false],
    ]);
    const archive = await round(app, '/v1.0/me/mailFolders/archive/messages/delta');
    expect(archive.items.map((i) => i.id)).toEqual([moved]);
  });

  it('matches the message-delta example and never returns bodies with Mail.ReadBasic', async () => {
    const { app } = mailcalApp();
    const r = await request(app).get(INBOX).set('prefer', 'odata.maxpagesize=2').expect(200);
    expect(
      shapeDifferences(r.body, fixture('message-delta.response.json'), { optional: ['value[].body'] }),
    ).toEqual([]);
    for (const m of r.body.value)
      for (const k of ['body', 'bodyPreview', 'uniqueBody']) expect(m).not.toHaveProperty(k);
    const denied = await request(app).get(`${INBOX}?$select=subject,body`).expect(403);
    expect(denied.body.error.code).toBe('ErrorAccessDenied');
    const withRead = await request(app)
      .get(`${INBOX}?$select=subject,body`)
      .set('x-test-scopes', 'Mail.Read')
      .expect(200);
    expect(withRead.body.value[0].body).toEqual({ contentType: 'text', content: '' });
  });

  it('honours $filter=receivedDateTime ge, changeType=created and IdType=ImmutableId', async () => {
    const { app, store, data } = mailcalApp();
    const ada = data.users[0]!;
    const filtered = await round(
      app,
      `${INBOX}?$filter=receivedDateTime ge 2026-02-20T00:00:00Z`,
      'odata.maxpagesize=50',
    );
    expect(filtered.items).toHaveLength(6); // 20–25 February
    await request(app).get(`${INBOX}?$filter=subject eq 'x'`).expect(400);

    const created = await round(app, `${INBOX}?changeType=created`, 'odata.maxpagesize=50');
    const first = created.items[0]!.id as string;
    store.markRead(ada.id, first, true);
    const added = store.addMessage(ada.id, message('new', BEN, ada, '2026-03-01T10:00:00Z'));
    const next = await round(app, created.deltaLink);
    expect(next.items.map((i) => i.id)).toEqual([added.graphId]);

    const r = await request(app).get(INBOX).set('prefer', 'IdType="ImmutableId"').expect(200);
    expect(r.headers['preference-applied']).toBe('IdType="ImmutableId"');
  });

  it('filters a message list as it filters message delta: gt is strictly after, quotes allowed', async () => {
    const { app, store, data } = mailcalApp();
    const ada = data.users[0]!;
    const at = '2026-03-01T10:00:00Z';
    const edge = store.addMessage(ada.id, message('edge', BEN, ada, at));
    const list = async (filter: string) => {
      const r = await request(app)
        .get(`/v1.0/me/mailFolders/inbox/messages?$select=id&$filter=${encodeURIComponent(filter)}`)
        .expect(200);
      return (r.body.value as Array<{ id: string }>).map((m) => m.id);
    };
    expect(await list(`receivedDateTime ge ${at}`)).toEqual([edge.graphId]);
    expect(await list(`receivedDateTime gt ${at}`)).toEqual([]);
    expect(await list(`receivedDateTime ge '${at}'`)).toEqual([edge.graphId]);
    await request(app).get(`/v1.0/me/mailFolders/inbox/messages?$filter=subject eq 'x'`).expect(400);
  });
});
