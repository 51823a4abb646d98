import type { Client } from '@microsoft/microsoft-graph-client';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AuthenticatedUser } from '../../server/auth/types';
import { DIRECTORY_URL, harnessRouter, INBOX_URL } from '../../server/api/harness/router';

/**
 * The harness's mailbox and directory (demo only) are read from Graph once per user for a short
 * while, not at every harness load: on the demo's one Node thread those reads would compete with
 * the pane's own requests.
 */
function app(opts: { fail?: () => boolean } = {}) {
  const calls: string[] = [];
  let clock = 0;
  const graph = {
    api: (url: string) => ({
      get: async () => {
        calls.push(url);
        if (opts.fail?.()) throw new Error('Graph is down');
        if (url === INBOX_URL)
          return {
            value: [
              {
                id: 'm1',
                subject: 'Hello',
                receivedDateTime: '2026-11-20T09:00:00Z',
                from: { emailAddress: { address: 'Ana@Contoso.example', name: 'Ana' } },
                toRecipients: [],
                ccRecipients: [],
              },
            ],
          };
        if (url === DIRECTORY_URL)
          return {
            value: [{ displayName: 'Ana', mail: 'ana@contoso.example', jobTitle: null, userType: 'Member' }],
          };
        if (url.startsWith('/me/mailboxSettings')) return { timeZone: 'UTC' };
        return { id: 'u1', displayName: 'Megan', mail: 'megan@contoso.example' };
      },
    }),
  } as unknown as Client;
  const server = express();
  server.use((req, res, next) => {
    res.locals.user = {
      tid: 't1',
      oid: req.header('x-user') ?? 'u1',
      name: null,
      preferredUsername: null,
      scopes: [],
      assertion: 'x',
    } satisfies AuthenticatedUser;
    next();
  });
  server.use(
    harnessRouter({
      requireUser: (_req, _res, next) => next(),
      graphFor: async () => graph,
      cacheMs: 30_000,
      now: () => clock,
    }),
  );
  return { server, calls, advance: (ms: number) => (clock += ms) };
}

describe('the harness routes', () => {
  it("read each user's mailbox once for 30 seconds, then afresh", async () => {
    const a = app();
    const first = await request(a.server).get('/api/harness/inbox').expect(200);
    expect(first.body.messages[0].from).toEqual({ displayName: 'Ana', emailAddress: 'ana@contoso.example' });
    const reads = a.calls.length;
    a.advance(29_000);
    expect((await request(a.server).get('/api/harness/inbox').expect(200)).body).toEqual(first.body);
    expect(a.calls).toHaveLength(reads);
    await request(a.server).get('/api/harness/inbox').set('x-user', 'u2').expect(200); // another user
    expect(a.calls).toHaveLength(2 * reads);
    a.advance(2_000);
    await request(a.server).get('/api/harness/inbox').expect(200);
    expect(a.calls).toHaveLength(3 * reads);
  });

  it('share one directory read between requests at the same moment, and keep no failure', async () => {
    let down = true;
    const a = app({ fail: () => down });
    expect((await request(a.server).get('/api/harness/directory')).status).toBeGreaterThanOrEqual(500);
    down = false;
    const [x, y] = await Promise.all([
      request(a.server).get('/api/harness/directory'),
      request(a.server).get('/api/harness/directory'),
    ]);
    expect(x.body).toEqual({ people: [{ displayName: 'Ana', mail: 'ana@contoso.example', jobTitle: null }] });
    expect(y.body).toEqual(x.body);
    expect(a.calls.filter((u) => u === DIRECTORY_URL)).toHaveLength(2); // the failure, then one read
  });
});
