import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TimelineResponse, timelineResponse } from '../../contract';
import type { RelationshipMap } from '../../server/insights/map';
import { devTenantUsers, firstSync, json } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectWire } from './wire';

/**
 * GET /api/people/:id/timeline over HTTP against the dev tenant: the user's own interactions with
 * one person, newest first, paged by a date cursor; metadata only; nobody else's rows.
 */
let server: TestServer;
const { me, other } = devTenantUsers(() => server);

beforeAll(async () => {
  server = await startTestServer();
  await Promise.all([firstSync(server, me().id), firstSync(server, other().id)]);
}, 180_000);
afterAll(() => server?.stop());

/** A timeline page, checked against its wire contract (contract/person.ts) on every call. */
const timeline = async (oid: string, id: string, query = ''): Promise<TimelineResponse> =>
  expectWire(timelineResponse, await json(server.as(oid)(`/api/people/${id}/timeline${query}`)));

interface Exported {
  counterpart: string;
  kind: string;
  at: string;
  sourceType: string;
}
/** The user's own rows with `address` up to now, from the export: what a timeline must match. */
async function exportedWith(oid: string, address: string): Promise<Exported[]> {
  const all = await json<{ interactions: Exported[] }>(server.as(oid)('/api/export'));
  return all.interactions.filter((i) => i.counterpart === address && Date.parse(i.at) <= Date.now());
}
const peopleOf = async (oid: string) =>
  (await json<RelationshipMap>(server.as(oid)('/api/map?limit=5000'))).people.filter((p) => p.id);

/** Every page from newest to oldest, following nextBefore. */
async function walk(oid: string, id: string, limit: number) {
  const pages: TimelineResponse[] = [];
  let before: string | null = null;
  do {
    const q: string = `?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`;
    const page: TimelineResponse = await timeline(oid, id, q);
    pages.push(page);
    before = page.nextBefore;
  } while (before && pages.length < 100);
  return pages;
}

describe('a person’s timeline', () => {
  it('lists my interactions with them newest first, metadata only, with 12 months of counts', async () => {
    const p = (await peopleOf(me().id))[0]!; // the strongest: plenty of meetings and mail
    const mine = await exportedWith(me().id, p.address);
    expect(mine.length).toBeGreaterThan(5);
    const t = await timeline(me().id, p.id!);
    expect(t.total).toBe(mine.length);
    expect(t.entries).toHaveLength(Math.min(50, mine.length));
    const times = t.entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(t.entries[0]!.at).toBe(mine.map((i) => i.at).sort((a, b) => b.localeCompare(a))[0]);
    for (const e of t.entries) {
      expect(e.channel).toBe(e.kind.startsWith('meeting') ? 'meeting' : 'mail');
      if (e.channel === 'meeting') expect(e.durationMinutes).toBeGreaterThan(0);
      else expect(e.durationMinutes).toBeNull();
      expect(e.participants).toBeGreaterThanOrEqual(2);
      expect(['outbound', 'inbound', 'mutual']).toContain(e.direction);
      expect(e).not.toHaveProperty('subject'); // not stored by default
      expect(Object.keys(e).sort()).toEqual(
        ['at', 'channel', 'direction', 'durationMinutes', 'kind', 'participants'].sort(),
      );
    }
    // The strip: 12 months ending with this one, matching the rows of those months.
    expect(t.months).toHaveLength(12);
    expect(t.months.at(-1)!.month).toBe(new Date().toISOString().slice(0, 7));
    const inStrip = mine.filter((i) => i.at.slice(0, 7) >= t.months[0]!.month);
    expect(t.months.reduce((n, m) => n + m.meetings, 0)).toBe(
      inStrip.filter((i) => i.sourceType === 'event').length,
    );
    expect(t.months.reduce((n, m) => n + m.mail, 0)).toBe(
      inStrip.filter((i) => i.sourceType === 'message').length,
    );
  });

  it('pages with before and limit: every row once, in order, the last page says so', async () => {
    const p = (await peopleOf(me().id))[0]!;
    const full = await walk(me().id, p.id!, 200);
    const paged = await walk(me().id, p.id!, 7);
    const all = full.flatMap((x) => x.entries);
    expect(all).toHaveLength(full[0]!.total);
    expect(paged.flatMap((x) => x.entries)).toEqual(all);
    expect(paged.length).toBe(Math.ceil(all.length / 7));
    expect(paged.at(-1)!.nextBefore).toBeNull();
    for (const page of paged.slice(0, -1)) expect(page.nextBefore).toBe(page.entries.at(-1)!.at);
    // A date cursor works too: only rows strictly before it.
    const cut = all[Math.floor(all.length / 2)]!.at.slice(0, 10);
    const older = await timeline(me().id, p.id!, `?before=${cut}&limit=200`);
    expect(older.entries.length).toBeGreaterThan(0);
    for (const e of older.entries) expect(e.at < `${cut}T00:00:00.000Z`).toBe(true);
    expect(older.entries).toEqual(all.filter((e) => e.at < `${cut}T00:00:00.000Z`).slice(0, 200));
  });

  it('refuses bad paging with a 400 problem naming the parameter', async () => {
    const p = (await peopleOf(me().id))[0]!;
    for (const [q, path] of [
      ['limit=0', 'query.limit'],
      ['limit=201', 'query.limit'],
      ['limit=abc', 'query.limit'],
      ['limit=2.5', 'query.limit'],
      ['before=yesterday', 'query.before'],
      ['before=2026-13-01', 'query.before'],
      ['before=2026-05-01T10:00:00', 'query.before'], // no offset: ambiguous
      ['tz=Mars/Olympus_Mons', 'query.tz'],
    ] as const) {
      const r = await server.as(me().id)(`/api/people/${p.id}/timeline?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/problem\+json/);
      const body = (await r.json()) as { code: string; detail: string; errors: Array<{ path: string }> };
      expect(body.code).toBe('validation_failed');
      expect(body.errors.map((e) => e.path)).toEqual([path]);
      expect(body.detail).toMatch(/limit|before|tz/);
    }
    expect((await server.as(me().id)(`/api/people/${'x'.repeat(201)}/timeline`)).status).toBe(400);
  });

  it('is 404 for an unknown id or someone only on another user’s map, and never leaks rows', async () => {
    expect(
      (await server.as(me().id)('/api/people/00000000-0000-0000-0000-000000000000/timeline')).status,
    ).toBe(404);
    const [mine, theirs] = await Promise.all([peopleOf(me().id), peopleOf(other().id)]);
    const mineIds = new Set(mine.map((p) => p.id));
    const onlyTheirs = theirs.find((p) => !mineIds.has(p.id));
    expect(onlyTheirs, 'someone on the other user’s map only').toBeDefined();
    expect((await timeline(other().id, onlyTheirs!.id!)).total).toBeGreaterThan(0);
    const r = await server.as(me().id)(`/api/people/${onlyTheirs!.id}/timeline`);
    expect(r.status).toBe(404);
    const body = await r.text();
    expect(JSON.parse(body)).toMatchObject({ code: 'not_found' });
    expect(body).not.toMatch(/entries|@/);
    // Someone on both maps: each user sees exactly their own rows with them.
    const shared = theirs.find((p) => mineIds.has(p.id) && p.id !== me().id && p.id !== other().id);
    expect(shared, 'someone on both maps').toBeDefined();
    for (const oid of [me().id, other().id]) {
      const rows = await exportedWith(oid, shared!.address);
      const t = (await walk(oid, shared!.id!, 200)).flatMap((x) => x.entries);
      expect(t.map((e) => `${e.at}|${e.kind}`).sort()).toEqual(rows.map((i) => `${i.at}|${i.kind}`).sort());
    }
    // Without a token, or with another tenant's, nothing is answered.
    expect((await server.as(null)(`/api/people/${shared!.id}/timeline`)).status).toBe(401);
    const foreign = await server.running.devTenant!.identity.issueApiToken(me().id, {
      claims: { tid: '11111111-2222-4333-8444-555555555555' },
    });
    const f = await fetch(`${server.url}/api/people/${shared!.id}/timeline`, {
      headers: { authorization: `Bearer ${foreign}` },
    });
    expect(f.status).toBe(401);
  });

  it(
    'shows meeting subjects only once the user chose to store them, never mail subjects',
    { timeout: 120_000 },
    async () => {
      const call = server.as(me().id);
      const p = (await peopleOf(me().id)).find((x) => (x.evidence?.oneOnOnes ?? 0) > 0)!;
      const entries = async () => (await walk(me().id, p.id!, 200)).flatMap((x) => x.entries);
      expect((await entries()).some((e) => 'subject' in e)).toBe(false);
      await json(
        call('/api/settings', { method: 'PATCH', body: JSON.stringify({ storeMeetingSubjects: true }) }),
      );
      expect((await call('/api/sync', { method: 'POST' })).status).toBe(202);
      let withSubjects: TimelineResponse['entries'] = [];
      for (let i = 0; i < 200 && !withSubjects.some((e) => e.subject); i++) {
        await new Promise((r) => setTimeout(r, 250));
        withSubjects = await entries();
      }
      expect(withSubjects.filter((e) => e.subject).length).toBeGreaterThan(0);
      for (const e of withSubjects) if (e.channel === 'mail') expect(e).not.toHaveProperty('subject');
      // Turning the setting off hides them at once (even from a sync still running).
      await json(
        call('/api/settings', { method: 'PATCH', body: JSON.stringify({ storeMeetingSubjects: false }) }),
      );
      expect((await entries()).some((e) => 'subject' in e)).toBe(false);
    },
  );

  it('is in the OpenAPI document with its paging parameters', async () => {
    const doc = await json<{
      paths: Record<string, { get?: { parameters: Array<{ name: string; in: string }> } }>;
    }>(fetch(`${server.url}/api/openapi.json`));
    const op = doc.paths['/api/people/{id}/timeline']?.get;
    expect(op).toBeDefined();
    expect(op!.parameters.map((x) => `${x.in}:${x.name}`)).toEqual([
      'path:id',
      'query:limit',
      'query:before',
      'query:tz',
    ]);
  });
});
