import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meResponse } from '../../contract';
import type { Running } from '../../server/compose';
import { MACHINE_URL, machineAvailable } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectWire } from './wire';

/**
 * GET /api/me over HTTP through the whole stack in demo mode: token validation, OBO with MSAL,
 * the Graph SDK against the dev tenant, and the database (the machine's server when available).
 */
let server: TestServer;
let running: Running;

beforeAll(async () => {
  server = await startTestServer();
  running = server.running;
}, 120_000);
afterAll(() => server?.stop());

const tenant = () => running.devTenant!;
const call = async (token?: string) => {
  const r = await fetch(`${running.url}/api/me`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> };
};

describe(`GET /api/me (database: ${machineAvailable ? MACHINE_URL : 'embedded'})`, () => {
  it('returns you, your manager chain up to the top, and your department', async () => {
    const me = tenant().data.users[0]!;
    const r = await call(await tenant().identity.issueApiToken(me.id));
    expect(r.status).toBe(200);
    const body = expectWire(meResponse, r.body);
    expect(body.user).toMatchObject({ id: me.id, displayName: me.displayName, department: me.department });
    expect(body.managerChain[0]!.id).toBe(me.managerId);
    expect(body.managerChain.at(-1)!.jobTitle).toBe('Chief Executive Officer');
    expect(body.department.members.length).toBeGreaterThan(0);
    expect(body.department.members.every((m) => m.id !== me.id)).toBe(true);
    expect(body.tenant.id).toBe(tenant().tenantId);
  });

  it('shows the CEO an empty manager chain', async () => {
    const ceo = tenant().data.users.find((u) => u.jobTitle === 'Chief Executive Officer')!;
    const body = meResponse.parse((await call(await tenant().identity.issueApiToken(ceo.id))).body);
    expect(body.managerChain).toEqual([]);
  });

  it('refuses a missing or foreign token with 401 and WWW-Authenticate', async () => {
    const none = await call();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    const foreign = await call(
      await tenant().identity.issueApiToken(tenant().data.users[0]!.id, {
        claims: { tid: '99999999-9999-4999-8999-999999999999' },
      }),
    );
    expect(foreign.status).toBe(401);
  });

  it('asks for consent when a Graph permission was revoked', async () => {
    const u = tenant().data.users[3]!;
    tenant().identity.revokeConsent(u.id, 'Mail.ReadBasic');
    const r = await call(await tenant().identity.issueApiToken(u.id));
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('consent_required');
    expect(r.headers.get('www-authenticate')).toMatch(/consent_required/);
  });

  it('reports Graph being unavailable as 503, not as a crash', async () => {
    tenant().faults.add({ kind: 'status', status: 503, count: 20, retryAfter: 0, path: '^/me$' });
    try {
      const r = await call(await tenant().identity.issueApiToken(tenant().data.users[4]!.id));
      expect(r.status).toBe(503);
      expect(r.body.code).toBe('graph_throttled');
    } finally {
      tenant().faults.reset();
    }
    expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
  });
});

describe('sync API', () => {
  it('starts the first sync on first sign-in and reports progress until the map data is ready', async () => {
    const u = tenant().data.users[6]!;
    const token = await tenant().identity.issueApiToken(u.id);
    const status = async () =>
      (await (
        await fetch(`${running.url}/api/sync/status`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { phase: string; streams: Array<{ stream: string; items: number }> };
    expect((await status()).phase).toBe('not-started');
    expect((await call(token)).status).toBe(200); // first sign-in
    let s = await status();
    for (let i = 0; i < 100 && s.phase !== 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      s = await status();
    }
    expect(s.phase).toBe('ready');
    expect(s.streams.map((x) => x.stream)).toEqual(['calendar', 'mail:inbox', 'mail:sentitems']);
    expect(s.streams.every((x) => x.items > 0)).toBe(true);
    const again = await fetch(`${running.url}/api/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(202);
    expect((await fetch(`${running.url}/api/sync/status`)).status).toBe(401);
  });
});
