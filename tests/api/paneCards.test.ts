import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as wire from '../../contract';
import type { RelationshipMap } from '../../server/insights/map';
import { devTenantUsers, firstSync, json } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectWire } from './wire';

/**
 * The Outlook pane's one request per recipients change: every person on an email answered at once
 * from the cached map — colleague cards, externals by domain only, the user left out — and the
 * colleagues free for a meeting being organised.
 */
let server: TestServer;
const { users, me } = devTenantUsers(() => server);
let map: RelationshipMap;

const cards = (addresses: string[]) =>
  server.as(me().id)('/api/people/cards', { method: 'POST', body: JSON.stringify({ addresses }) });

beforeAll(async () => {
  server = await startTestServer();
  await firstSync(server, me().id);
  map = await json<RelationshipMap>(server.as(me().id)('/api/map'));
}, 180_000);
afterAll(() => server?.stop());

describe('POST /api/people/cards', () => {
  it('answers every recipient in one response: colleagues, an external by domain, the user left out', async () => {
    const [a, b] = map.people.filter((p) => p.id);
    const body = await json<wire.PeopleCardsResponse>(
      cards([a!.address.toUpperCase(), 'Buyer@Fabrikam.example', me().mail!, b!.address, a!.address]),
    );
    expectWire(wire.peopleCardsResponse, body);
    expect(body.cards.map((c) => c.kind)).toEqual(['colleague', 'external', 'colleague']);
    expect(body.cards[0]).toMatchObject({ kind: 'colleague', address: a!.address, inDirectory: true });
    const first = body.cards[0] as wire.PaneColleagueCard;
    expect(first.person?.displayName).toBe(a!.displayName);
    expect(first.person?.series).toHaveLength(12);
    expect(body.cards[1]).toEqual({
      kind: 'external',
      address: 'buyer@fabrikam.example',
      domain: 'fabrikam.example',
    });
    expect(body.summary).toEqual({ colleagues: 2, onMap: 0, due: 0, external: 1 });
  });

  it('says so for a colleague with no evidence, and counts the ones on the map and due', async () => {
    const known = new Set(map.people.map((p) => p.address));
    const stranger = users().find(
      (u) => u.mail && u.userType === 'Member' && !known.has(u.mail.toLowerCase()) && u.id !== me().id,
    );
    // Due is measured from the last meaningful contact: someone last seen more than 3 days ago is
    // due on a daily cadence, whatever day of the generated organisation's month this runs on.
    const stakeholder = map.people.find(
      (p) =>
        p.id &&
        p.evidence?.lastMeaningful &&
        Date.now() - Date.parse(p.evidence.lastMeaningful) > 3 * 86_400_000,
    );
    expect(stakeholder, 'a colleague last met or written to more than 3 days ago').toBeDefined();
    await json(
      server.as(me().id)(`/api/stakeholders/${encodeURIComponent(stakeholder!.address)}`, {
        method: 'PUT',
        body: JSON.stringify({ status: 'accepted', why: 'approves my deals', cadenceDays: 1 }),
      }),
      201,
    );
    const body = await json<wire.PeopleCardsResponse>(
      cards([stakeholder!.address, ...(stranger ? [stranger.mail!] : [])]),
    );
    const s = body.cards[0] as wire.PaneColleagueCard;
    expect(s.person?.stakeholder?.why).toBe('approves my deals');
    expect(body.summary).toMatchObject({ onMap: 1, due: 1 });
    if (stranger) expect(body.cards[1]).toMatchObject({ kind: 'colleague', person: null, inDirectory: true });
  });

  it('suggests working it out first when writing to the manager of a stakeholder in poor health', async () => {
    const tenant = server.running.devTenant!;
    const managerOf = (id: string | null) => tenant.data.users.find((u) => u.id === id)?.managerId ?? null;
    // Not the manager of a stakeholder accepted earlier in this file (who may be in poor health too).
    const now = await json<RelationshipMap>(server.as(me().id)('/api/map'));
    const managing = new Set(
      now.people.filter((p) => p.stakeholder?.status === 'accepted').map((p) => managerOf(p.id)),
    );
    const report = map.people.find(
      (p) =>
        p.health.band === 'poor' &&
        managerOf(p.id) &&
        !managing.has(managerOf(p.id)) &&
        ![me().id, me().managerId].includes(managerOf(p.id)!),
    )!;
    expect(report, 'a colleague in poor health whose manager is neither the user nor theirs').toBeDefined();
    const manager = tenant.data.users.find((x) => x.id === managerOf(report.id))!;
    const before = await json<wire.PeopleCardsResponse>(cards([manager.mail!]));
    expect((before.cards[0] as wire.PaneColleagueCard).managerOf).toBeNull(); // not a stakeholder yet
    await json(
      server.as(me().id)(`/api/stakeholders/${encodeURIComponent(report.address)}`, {
        method: 'PUT',
        body: JSON.stringify({ status: 'accepted' }),
      }),
      201,
    );
    const body = await json<wire.PeopleCardsResponse>(cards([manager.mail!]));
    expect((body.cards[0] as wire.PaneColleagueCard).managerOf).toEqual({
      address: report.address,
      displayName: report.displayName,
      band: 'poor',
    });
    // With the stakeholder on the email too, there is nothing to warn about.
    const both = await json<wire.PeopleCardsResponse>(cards([manager.mail!, report.address]));
    expect((both.cards[0] as wire.PaneColleagueCard).managerOf).toBeNull();
  });

  it('says an automated sender is not counted as a colleague, with the evidence, until the user counts it', async () => {
    const machine = map.automated[0];
    expect(machine, 'the generated organisation has automated senders').toBeDefined();
    const card = async () =>
      (await json<wire.PeopleCardsResponse>(cards([machine!.address.toUpperCase()])))
        .cards[0] as wire.PaneColleagueCard;
    const before = await card();
    expectWire(wire.paneColleagueCard, before);
    expect(before).toMatchObject({
      kind: 'colleague',
      person: null,
      automated: { reason: machine!.reason, why: machine!.why },
    });
    const settings = (patch: object) =>
      json(server.as(me().id)('/api/settings', { method: 'PATCH', body: JSON.stringify(patch) }));
    await settings({ countAsColleagues: [machine!.address] });
    try {
      const after = await card();
      expect(after.automated).toBeNull();
      expect(after.person?.address).toBe(machine!.address);
    } finally {
      await settings({ countAsColleagues: [] });
    }
  });

  it('refuses more than 50 addresses or a malformed one with a clear 400', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@contoso.example`);
    const r = await cards(many);
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toMatch(/at most 50/);
    expect((await cards(['not an address'])).status).toBe(400);
    expect((await cards([])).status).toBe(400);
    expect(
      (await server.as(null)('/api/people/cards', { method: 'POST', body: '{"addresses":["a@b.c"]}' }))
        .status,
    ).toBe(401);
  });
});

describe('the pane as the first thing a user opens', () => {
  it('starts their first sync, so the next cards know their colleagues', async () => {
    const newcomer = users().find(
      (u) => u.mail && u.userType === 'Member' && u.id !== me().id && u.id !== users()[1]!.id,
    )!;
    const call = server.as(newcomer.id);
    expect((await json<{ phase: string }>(call('/api/sync/status'))).phase).toBe('not-started');
    await json(
      call('/api/people/cards', {
        method: 'POST',
        body: JSON.stringify({ addresses: [me().mail!.toLowerCase()] }),
      }),
    );
    await expect
      .poll(async () => (await json<{ phase: string }>(call('/api/sync/status'))).phase, { timeout: 60_000 })
      .not.toBe('not-started');
  });
});

describe('POST /api/suggestions/bring-for-meeting', () => {
  it('names stakeholders from other functions who are free for the whole meeting', async () => {
    const others = map.people
      .filter((p) => p.id && p.function !== map.owner.function && p.function !== 'Other')
      .slice(0, 6);
    for (const p of others)
      await server.as(me().id)(`/api/stakeholders/${encodeURIComponent(p.address)}`, {
        method: 'PUT',
        body: JSON.stringify({ status: 'accepted' }),
      });
    // Tomorrow (a weekday) at 14:00 Los Angeles time.
    const d = new Date(Date.now() + 86_400_000);
    while ([0, 6].includes(d.getUTCDay())) d.setUTCDate(d.getUTCDate() + 1);
    const start = `${d.toISOString().slice(0, 10)}T22:00:00Z`;
    const end = `${d.toISOString().slice(0, 10)}T22:30:00Z`;
    const body = await json<wire.MeetingBringResponse>(
      server.as(me().id)('/api/suggestions/bring-for-meeting', {
        method: 'POST',
        body: JSON.stringify({ start, end, attendees: ['cto@northwind.example', me().mail] }),
      }),
    );
    expectWire(wire.meetingBringResponse, body);
    expect(body.colleagues.length).toBeGreaterThan(0);
    expect(body.colleagues.length).toBeLessThanOrEqual(3);
    for (const c of body.colleagues) {
      expect(others.map((p) => p.address)).toContain(c.address);
      expect(c.why).toMatch(/free then for northwind\.example/);
    }
    const bad = await server.as(me().id)('/api/suggestions/bring-for-meeting', {
      method: 'POST',
      body: '{"start":"x"}',
    });
    expect(bad.status).toBe(400);
  });
});
