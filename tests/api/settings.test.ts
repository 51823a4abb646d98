import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsResponse } from '../../contract';
import { devTenantUsers } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectWire } from './wire';

/** GET/PATCH /api/settings over HTTP: defaults, validation, persistence, and one user per row. */
let server: TestServer;
const { users } = devTenantUsers(() => server);
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server?.stop());

describe('settings API', () => {
  it('starts from defaults: meeting subjects off, coverage target 3', async () => {
    const r = await server.as(users()[0]!.id)('/api/settings');
    expect(r.status).toBe(200);
    expect(expectWire(settingsResponse, await r.json())).toMatchObject({
      storeMeetingSubjects: false,
      coverageTarget: 3,
    });
  });

  it('keeps a change across calls, for that user only', async () => {
    const me = server.as(users()[1]!.id);
    const r = await me('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({ coverageTarget: 4, excludedDomains: ['Fabrikam.com'] }),
    });
    expect(r.status).toBe(200);
    expectWire(settingsResponse, await r.json());
    expect(await (await me('/api/settings')).json()).toMatchObject({
      coverageTarget: 4,
      excludedDomains: ['fabrikam.com'],
    });
    const other = await (await server.as(users()[2]!.id)('/api/settings')).json();
    expect(other).toMatchObject({ coverageTarget: 3, excludedDomains: [] });
  });

  it('refuses bad input with a problem naming the field, and changes nothing', async () => {
    const me = server.as(users()[3]!.id);
    for (const body of [
      { coverageTarget: 0 },
      { lunchWindow: { start: '25:00', end: '13:00' } },
      { unknownSetting: true },
      {},
    ]) {
      const r = await me('/api/settings', { method: 'PATCH', body: JSON.stringify(body) });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const bad = await me('/api/settings', { method: 'PATCH', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await (await me('/api/settings')).json()).toMatchObject({ coverageTarget: 3 });
  });

  it('needs a token', async () => {
    expect((await server.as(null)('/api/settings')).status).toBe(401);
  });
});
