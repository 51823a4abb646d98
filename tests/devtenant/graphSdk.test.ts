import { PageIterator } from '@microsoft/microsoft-graph-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphAs, graphFetch, startTestTenant } from '../helpers/devtenant';

/** The real Graph SDK against the dev tenant: paging, throttling, batching — the production path. */
let tenant: Awaited<ReturnType<typeof startTestTenant>>;
let me: string;

beforeAll(async () => {
  tenant = await startTestTenant({ people: 120 });
  me = tenant.data.users[0]!.id;
});
afterEach(() => tenant.faults.reset());
afterAll(() => tenant.stop());

describe('the Graph SDK against the dev tenant', () => {
  it('pages through every user with PageIterator and absolute nextLinks', async () => {
    const client = graphAs(tenant, me);
    const first = await client.api('/users').select('id,displayName').top(25).get();
    const seen: string[] = [];
    await new PageIterator(client, first, (u: { id: string }) => {
      seen.push(u.id);
      return true;
    }).iterate();
    expect(new Set(seen).size).toBe(tenant.data.users.length);
    expect(first['@odata.nextLink']).toMatch(/^https:\/\/localhost:\d+\/v1\.0\/users\?\$skiptoken=/);
  });

  it('survives a 429 storm by waiting as long as Retry-After says, every time', async () => {
    tenant.faults.add({ kind: 'storm', count: 3, retryAfter: 0.3, path: '/me/mailFolders' });
    const started = Date.now();
    const page = await graphAs(tenant, me)
      .api('/me/mailFolders/inbox/messages/delta')
      .header('Prefer', 'odata.maxpagesize=5')
      .get();
    const waited = Date.now() - started;
    expect(page.value).toHaveLength(5);
    expect(tenant.faults.injected.storm).toBe(3);
    expect(waited).toBeGreaterThanOrEqual(900); // 3 × 0.3 s, never earlier
  });

  it('gives up after the SDK’s retry budget when the storm does not end', async () => {
    tenant.faults.add({ kind: 'storm', count: 50, retryAfter: 0.05, path: '/me/calendarView' });
    const err = await graphAs(tenant, me)
      .api('/me/calendarView?startDateTime=2026-01-01T00:00:00Z&endDateTime=2026-01-02T00:00:00Z')
      .get()
      .catch((e: unknown) => e);
    expect((err as { statusCode?: number }).statusCode).toBe(429);
  });

  it('refuses a fifth concurrent request to one mailbox, which the SDK then retries', async () => {
    tenant.faults.setLatency({ fixedMs: 250, path: '/me/messages' });
    const client = graphAs(tenant, me);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => client.api('/me/messages').top(1).get()),
    );
    expect(results.every((r) => r.value.length === 1)).toBe(true);
    expect(tenant.faults.throttle.throttled).toBeGreaterThan(0);
  });

  it('keeps the budget per mailbox: 10,000 requests per 10 minutes, configurable', async () => {
    tenant.faults.throttle.reset({ requestsPerWindow: 3, windowMs: 60_000 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await graphFetch(tenant, me, '/me/mailboxSettings')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another mailbox has its own budget.
    expect((await graphFetch(tenant, tenant.data.users[1]!.id, '/me/mailboxSettings')).status).toBe(200);
  });

  it('returns throttled sub-requests of a batch as 429s inside a 200', async () => {
    tenant.faults.setLatency({ fixedMs: 150, path: '/me/messages' });
    const requests = Array.from({ length: 10 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: '/me/messages?$top=1',
    }));
    const r = await graphFetch(tenant, me, '/$batch', {
      method: 'POST',
      body: JSON.stringify({ requests }),
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(200);
    const { responses } = (await r.json()) as {
      responses: Array<{ status: number; headers: Record<string, string> }>;
    };
    const throttled = responses.filter((x) => x.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((x) => x.headers['Retry-After'])).toBe(true);
    expect(responses.filter((x) => x.status === 200).length).toBeGreaterThanOrEqual(4);
  });

  it('rejects bad input like Graph: a missing token, a missing scope, a malformed filter, a bad $top', async () => {
    expect((await fetch(`${tenant.origin}/v1.0/me`)).status).toBe(401);
    const noMail = await tenant.identity.issueGraphToken(me, ['User.Read']);
    expect(
      (await fetch(`${tenant.origin}/v1.0/me/messages`, { headers: { authorization: `Bearer ${noMail}` } }))
        .status,
    ).toBe(403);
    const bad = await graphFetch(tenant, me, "/users?$filter=department eq 'Sales");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
    expect((await graphFetch(tenant, me, '/users?$top=5000')).status).toBe(400);
    expect((await graphFetch(tenant, me, `/users/${tenant.data.users[1]!.id}/messages`)).status).toBe(403);
  });
});

describe('faults on demand', () => {
  it('drops connections, holds requests until they time out, and injects 5xx the SDK retries', async () => {
    tenant.faults.add({ kind: 'drop', count: 1, path: '/me$' });
    await expect(graphFetch(tenant, me, '/me')).rejects.toThrow();
    tenant.faults.add({ kind: 'timeout', count: 1, holdMs: 200, path: '/me$' });
    const started = Date.now();
    await expect(graphFetch(tenant, me, '/me')).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    tenant.faults.add({ kind: 'status', status: 503, count: 2, retryAfter: 0.1, path: '/me$' });
    const profile = await graphAs(tenant, me).api('/me').get();
    expect(profile.id).toBe(me);
    expect(tenant.faults.injected).toMatchObject({ drop: 1, timeout: 1, status: 2 });
  });
});
