import { expect } from 'vitest';
import type { TestServer } from './server';

/**
 * What the API test files share on top of startTestServer: the dev tenant's users, waiting for a
 * user's first sync, and reading a JSON response with its status checked.
 */

/** The dev tenant's users of the server `server()` returns, and the two the API tests act as. */
export function devTenantUsers(server: () => TestServer) {
  const users = () => server().running.devTenant!.data.users;
  return {
    users,
    /** The demo user: a regional sales director with a year of history. */
    me: () => users()[0]!,
    other: () => users()[1]!,
  };
}

/** Signs `oid` in (which queues the first sync) and waits until that sync is ready. */
export async function firstSync(server: TestServer, oid: string): Promise<void> {
  const call = server.as(oid);
  expect((await call('/api/me')).status).toBe(200); // first sign-in queues the first sync
  for (let i = 0; i < 300; i++) {
    const s = (await (await call('/api/sync/status')).json()) as { phase: string };
    if (s.phase === 'ready') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('first sync did not finish');
}

/** The response's JSON body, after checking its status (`status`, 200 unless told). */
export const json = async <T>(r: Response | Promise<Response>, status = 200): Promise<T> => {
  const res = await r;
  const body = (await res.text()) || 'null';
  expect(res.status, body.slice(0, 300)).toBe(status);
  return JSON.parse(body) as T;
};
