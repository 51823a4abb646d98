import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapPerson, RelationshipMap, Stakeholder } from '../../server/insights/map';
import type { PersonCard } from '../../server/insights/service';
import * as wire from '../../contract';
import { devTenantUsers, firstSync, json } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectWire } from './wire';

/**
 * The insights API over HTTP against the dev tenant and a real database: the map, person cards,
 * stakeholders with ratings and appreciations, coverage, trends, snapshots, review, export and
 * delete-everything — and that no user ever reaches another's rows.
 */
let server: TestServer;
const { users, me, other } = devTenantUsers(() => server);

beforeAll(async () => {
  server = await startTestServer();
  await firstSync(server, me().id);
  await firstSync(server, other().id);
}, 180_000);
afterAll(() => server?.stop());

describe('the map', () => {
  it('places colleagues by evidence: manager chain, functions, internal share by month, mentors', async () => {
    const map = await json<RelationshipMap>(server.as(me().id)('/api/map'));
    expectWire(wire.mapResponse, map);
    expect(map.people.length).toBeGreaterThan(10);
    expect(map.owner.function).toBe('Sales');
    const manager = map.people.find((p) => p.id === me().managerId);
    expect(manager?.relation).toBe('manager');
    expect(manager?.tier).toBe('leadership');
    expect(manager?.health.cadenceDays).toBe(30);
    const strongest = map.people[0]!;
    expect(strongest.strength).toBeGreaterThan(0);
    expect(strongest.explanation).toMatch(/in 90 days|last (met|contact)/);
    expect(strongest.series).toHaveLength(12);
    expect(map.internalShare).toHaveLength(12);
    expect(map.internalShare.some((m) => (m.meetingShare ?? 1) < 1)).toBe(true); // she meets customers
    expect(map.functions.map((f) => f.name)).toEqual(expect.arrayContaining(['Sales', 'Finance']));
    expect(map.mentors[0]?.why).toMatch(/boss’s boss/);
    for (const p of map.people) expect(p.address).not.toMatch(/^@/); // externals are never people
  });

  it('computes the map as of a past date from what was known then', async () => {
    const now = await json<RelationshipMap>(server.as(me().id)('/api/map'));
    const asOf = new Date(Date.parse(now.asOf) - 200 * 86_400_000).toISOString();
    const past = await json<RelationshipMap>(server.as(me().id)(`/api/map?asOf=${encodeURIComponent(asOf)}`));
    expect(past.asOf).toBe(asOf);
    expectWire(wire.mapResponse, past);
    for (const p of past.people)
      if (p.evidence?.lastContact)
        expect(Date.parse(p.evidence.lastContact)).toBeLessThanOrEqual(Date.parse(asOf));
  });

  it("serves the tab's full list (limit=5000)", async () => {
    const r = await server.as(me().id)('/api/map?limit=5000');
    expect(r.status).toBe(200);
  });

  it('refuses a bad date or limit with a problem', async () => {
    // 5000 is the most the tab asks for (src/features/map/api.ts MAP_LIMIT): more is refused.
    for (const q of ['asOf=yesterday', 'limit=0', 'limit=abc', 'limit=5001']) {
      const r = await server.as(me().id)(`/api/map?${q}`);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    }
  });
});

describe('person cards', () => {
  it('by e-mail for Outlook: colleagues with health, externals marked external, any case', async () => {
    const map = await json<RelationshipMap>(server.as(me().id)('/api/map'));
    const p = map.people[0]!;
    const card = await json<PersonCard>(
      server.as(me().id)(`/api/people/by-email/${p.address.toUpperCase()}`),
    );
    expect(card).toMatchObject({ internal: true, address: p.address });
    expectWire(wire.personCardResponse, card);
    expect(card.person?.health.band).toBe(p.health.band);
    const ext = await json<PersonCard>(server.as(me().id)('/api/people/by-email/buyer@fabrikam.example'));
    expect(ext).toMatchObject({ internal: false, person: null });
    expectWire(wire.personCardResponse, ext);
    expect((await server.as(me().id)('/api/people/by-email/not-an-address')).status).toBe(400);
  });

  it('by directory id; 404 when not on the map', async () => {
    const map = await json<RelationshipMap>(server.as(me().id)('/api/map'));
    const p = map.people.find((x) => x.id)!;
    const person = await json<MapPerson>(server.as(me().id)(`/api/people/${p.id}`));
    expect(expectWire(wire.mapPerson, person).address).toBe(p.address);
    expect((await server.as(me().id)('/api/people/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});

describe('stakeholders', () => {
  const put = (oid: string, address: string, body: unknown, method = 'PUT') =>
    server.as(oid)(`/api/stakeholders/${encodeURIComponent(address)}`, {
      method,
      body: JSON.stringify(body),
    });

  it('adds, updates, rates and removes a stakeholder; the map shows it with calibration', async () => {
    const map = await json<RelationshipMap>(server.as(me().id)('/api/map'));
    const target = map.people.find((p) => p.function === 'Finance') ?? map.people[3]!;
    const created = await json<Stakeholder>(
      put(me().id, target.address, {
        status: 'accepted',
        why: 'Approves every discount',
        roleTag: 'approver',
      }),
      201,
    );
    expect(created).toMatchObject({ status: 'accepted', roleTag: 'approver', personId: target.id });
    expectWire(wire.savedStakeholderResponse, created);
    await json(put(me().id, target.address, { notes: 'Prefers Tuesday mornings' }, 'PATCH'));
    const rated = await json<Stakeholder>(
      server.as(me().id)(`/api/stakeholders/${target.address}/rating`, {
        method: 'PUT',
        body: JSON.stringify({ selfRating: 5 }),
      }),
    );
    expectWire(wire.savedStakeholderResponse, rated);
    expect(rated).toMatchObject({
      selfRating: 5,
      notes: 'Prefers Tuesday mornings',
      why: 'Approves every discount',
    });
    const after = await json<RelationshipMap>(server.as(me().id)('/api/map'));
    const row = after.people[0]!; // accepted stakeholders come first
    expect(row.address).toBe(target.address);
    expect(row.stakeholder?.status).toBe('accepted');
    expect(row.calibration.selfRating).toBe(5);
    if (row.health.band === 'poor' || row.health.band === 'fair')
      expect(row.calibration.flag).toBe('overrated');
    const thanks = await json<{ id: string }>(
      server.as(me().id)(`/api/stakeholders/${target.address}/appreciations`, {
        method: 'POST',
        body: JSON.stringify({ note: 'Fast approval on the Q3 deal' }),
      }),
      201,
    );
    expectWire(wire.appreciationResponse, thanks);
    const list = await json<{ stakeholders: Stakeholder[] }>(server.as(me().id)('/api/stakeholders'));
    expectWire(wire.stakeholdersResponse, list);
    expectWire(wire.mapResponse, await json(server.as(me().id)('/api/map'))); // with a stakeholder
    expect(list.stakeholders[0]!.appreciations.map((a) => a.note)).toEqual(['Fast approval on the Q3 deal']);
    // Another user can neither see nor delete it.
    expect(
      (await json<{ stakeholders: Stakeholder[] }>(server.as(other().id)('/api/stakeholders'))).stakeholders,
    ).toEqual([]);
    expect(
      (
        await server.as(other().id)(`/api/stakeholders/${target.address}/appreciations/${thanks.id}`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await server.as(me().id)(`/api/stakeholders/${target.address}/appreciations/${thanks.id}`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(204);
  });

  it('refuses outsiders, unknown people for PATCH, and bad fields — changing nothing', async () => {
    expect((await put(me().id, 'buyer@fabrikam.example', { status: 'accepted' })).status).toBe(422);
    expect((await put(me().id, users()[30]!.mail!, { notes: 'x' }, 'PATCH')).status).toBe(404);
    for (const body of [
      { selfRating: 7 },
      { roleTag: 'boss' },
      { status: 'maybe' },
      { extra: 1 },
      { why: 5 },
    ]) {
      const r = await put(me().id, users()[30]!.mail!, body);
      expect(r.status).toBe(400);
    }
    const list = await json<{ stakeholders: Stakeholder[] }>(server.as(me().id)('/api/stakeholders'));
    expect(list.stakeholders.map((s) => s.address)).not.toContain(users()[30]!.mail!.toLowerCase());
  });

  it('warns when every rating glows', async () => {
    const map = await json<RelationshipMap>(server.as(me().id)('/api/map'));
    for (const p of map.people.slice(0, 5))
      await json(
        put(me().id, p.address, { status: 'accepted', selfRating: 5 }),
        p === map.people[0] ? 200 : 201,
      );
    const after = await json<RelationshipMap>(server.as(me().id)('/api/map'));
    expect(after.calibration.rated).toBeGreaterThanOrEqual(5);
    expect(after.calibration.warning).toMatch(/rated awesome/);
  });
});

describe('coverage, trends, snapshots, review, export', () => {
  it('reports coverage per function against the target, and trends per person', async () => {
    const cov = await json<{
      functions: Array<{ name: string; good: number; target: number; covered: boolean }>;
    }>(server.as(me().id)('/api/coverage'));
    for (const f of cov.functions) expect(f.covered).toBe(f.good >= f.target);
    expectWire(wire.coverageResponse, cov);
    // A settings change reaches the cached map at once: the service drops it on every write.
    const setTarget = (coverageTarget: number) =>
      json(
        server.as(me().id)('/api/settings', { method: 'PATCH', body: JSON.stringify({ coverageTarget }) }),
      );
    await setTarget(7);
    const raised = await json<{ functions: Array<{ target: number }> }>(server.as(me().id)('/api/coverage'));
    expect(raised.functions.map((f) => f.target)).toEqual(raised.functions.map(() => 7));
    await setTarget(3);
    const trends = await json<{ people: Array<{ series: number[]; trend: string }> }>(
      server.as(me().id)('/api/trends'),
    );
    expect(trends.people[0]!.series).toHaveLength(12);
    expectWire(wire.trendsResponse, trends);
  });

  it('keeps monthly snapshots and builds the monthly review from the last one', async () => {
    const last = new Date();
    last.setUTCDate(1);
    last.setUTCMonth(last.getUTCMonth() - 1);
    const month = last.toISOString().slice(0, 7);
    const taken = await json(
      server.as(me().id)('/api/snapshots', { method: 'POST', body: JSON.stringify({ month }) }),
      201,
    );
    expectWire(wire.snapshotTakenResponse, taken);
    expectWire(wire.monthSnapshotsResponse, await json(server.as(me().id)(`/api/snapshots/${month}`)));
    const list = await json<{ snapshots: Array<{ month: string; modelVersion: string }> }>(
      server.as(me().id)('/api/snapshots'),
    );
    expect(list.snapshots.map((s) => s.month)).toContain(month);
    expectWire(wire.snapshotsResponse, list);
    expect(
      (await server.as(me().id)('/api/snapshots', { method: 'POST', body: '{"month":"2026-13"}' })).status,
    ).toBe(400);
    const review = await json<{ since: string; due: unknown[]; suggestedActions: string[] }>(
      server.as(me().id)('/api/review'),
    );
    expect(review.since).toBe(month);
    expectWire(wire.reviewResponse, review);
    expect(review.suggestedActions.length).toBeGreaterThan(0);
  });

  it('exports JSON (everything held) and CSV (the template table)', async () => {
    const all = await json<{
      stakeholders: unknown[];
      interactions: unknown[];
      settings: unknown;
      sync: { phase: string } | null;
      mailboxSettings: { timeZone: string | null } | null;
    }>(server.as(me().id)('/api/export'));
    expect(all.stakeholders.length).toBeGreaterThan(0);
    expect(all.sync?.phase).toBe('ready'); // sync's own status, handed to the export
    expect(all.mailboxSettings).toHaveProperty('timeZone');
    expect(all.interactions.length).toBeGreaterThan(100);
    const csv = await server.as(me().id)('/api/export?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^Person,Email,Function/);
    expect(lines.length).toBeGreaterThan(5);
  });

  it('publishes an OpenAPI document of every route, its responses from the wire contract', async () => {
    const doc = await json<{
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>(fetch(`${server.url}/api/openapi.json`));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/map', '/api/people/by-email/{address}', '/api/export', '/api/me/data']),
    );
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(refs).toEqual(expect.arrayContaining(['Map', 'MapPerson', 'PersonCard', 'Timeline', 'Problem']));
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty([name]);
    expect(Object.keys(doc.components.schemas.Map!.properties!).sort()).toEqual(
      Object.keys(wire.mapResponse.shape).sort(),
    );
  });

  it('reports sync progress as the contract has it', async () => {
    const status = expectWire(wire.syncStatusResponse, await json(server.as(me().id)('/api/sync/status')));
    expect(status.phase).toBe('ready');
  });
});

describe('delete everything about me', () => {
  it('removes my rows and tokens, and nobody else’s', async () => {
    const otherBefore = await json<{ interactions: unknown[] }>(server.as(other().id)('/api/export'));
    const r = await json<{ deleted: Record<string, number> }>(
      server.as(me().id)('/api/me/data', { method: 'DELETE' }),
    );
    expectWire(wire.deletedResponse, r);
    expect(r.deleted.interactions).toBeGreaterThan(100);
    expect(r.deleted.stakeholders).toBeGreaterThan(0);
    const mine = await json<{ interactions: unknown[]; stakeholders: unknown[]; snapshots: unknown[] }>(
      server.as(me().id)('/api/export'),
    );
    expect([mine.interactions.length, mine.stakeholders.length, mine.snapshots.length]).toEqual([0, 0, 0]);
    const otherAfter = await json<{ interactions: unknown[] }>(server.as(other().id)('/api/export'));
    expect(otherAfter.interactions.length).toBe(otherBefore.interactions.length);
  });

  it('needs a valid token for every route', async () => {
    for (const p of ['/api/map', '/api/stakeholders', '/api/export', '/api/review']) {
      expect((await server.as(null)(p)).status).toBe(401);
      expect((await fetch(`${server.url}${p}`, { headers: { authorization: 'Bearer x.y.z' } })).status).toBe(
        401,
      );
    }
    expect((await server.as(null)('/api/me/data', { method: 'DELETE' })).status).toBe(401);
    // A token from another tenant is refused before any route runs, whatever the user id in it.
    const foreign = await server.running.devTenant!.identity.issueApiToken(me().id, {
      claims: { tid: '11111111-2222-4333-8444-555555555555' },
    });
    for (const p of ['/api/map', '/api/stakeholders', `/api/people/by-email/${me().mail}`])
      expect(
        (await fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${foreign}` } })).status,
      ).toBe(401);
  });
});
