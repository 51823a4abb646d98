import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as wire from '../../contract';
import type { RelationshipMap } from '../../server/insights/map';
import { devTenantUsers, firstSync, json } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectWire } from './wire';

/**
 * Machines are not colleagues, on the generated organisation's truth, through the real sync: its
 * ticketing system, newsletter and HR portal are not on the demo user's map and are listed in
 * Settings with the evidence; the shared mailbox that answers is a colleague; no real person is
 * taken for a machine; and the user can count one as a colleague again, or mark one as automated.
 */
let server: TestServer;
const { users, me } = devTenantUsers(() => server);
const as = (p: string, init?: RequestInit) => server.as(me().id)(p, init);
const map = () => json<RelationshipMap>(as('/api/map?limit=1000'));
const automated = async () =>
  expectWire(wire.automatedSendersResponse, await json(as('/api/settings/automated'))).senders;
const patch = (body: object) => json(as('/api/settings', { method: 'PATCH', body: JSON.stringify(body) }));
const truth = () => server.running.devTenant!.data.machines!;

beforeAll(async () => {
  server = await startTestServer();
  await firstSync(server, me().id);
}, 180_000);
afterAll(() => server.stop());

describe('senders that look automated', () => {
  it('keeps the generated machines off the map and lists them with the evidence', async () => {
    const m = await map();
    const listed = await automated();
    const byAddress = new Map(listed.map((s) => [s.address, s]));
    for (const address of truth().automated) {
      expect(m.people.map((p) => p.address)).not.toContain(address);
      expect(byAddress.get(address), address).toBeDefined();
      expect(byAddress.get(address)!.why).toMatch(/never wrote to it/);
    }
    expect(byAddress.get(truth().automated[0]!)).toMatchObject({
      reason: 'no_profile',
      displayName: 'IT Service Desk',
    });
    expect(byAddress.get(truth().automated[1]!)?.reason).toBe('list_only');
    expect(byAddress.get(truth().automated[2]!)?.reason).toBe('not_in_directory');
    expect(m.automated).toEqual(listed);
  });

  it('counts the shared mailbox that answers as a colleague', async () => {
    const m = await map();
    const desk = m.people.find((p) => p.address === truth().colleagues[0]);
    expect(desk?.strength).toBeGreaterThan(0);
    expect((await automated()).map((s) => s.address)).not.toContain(truth().colleagues[0]);
  });

  it('takes no real colleague for a machine', async () => {
    const people = new Set(
      users()
        .filter((u) => u.userType === 'Member' && u.jobTitle)
        .flatMap((u) => [u.mail, u.userPrincipalName].map((a) => a?.toLowerCase())),
    );
    expect((await automated()).filter((s) => people.has(s.address))).toEqual([]);
  });

  it('is undone with "count as a colleague", and an address can be marked as automated', async () => {
    const [tickets] = truth().automated;
    const [desk] = truth().colleagues;
    await patch({ countAsColleagues: [tickets] });
    expect((await map()).people.map((p) => p.address)).toContain(tickets);
    expect((await automated()).map((s) => s.address)).not.toContain(tickets);
    await patch({ markedAutomated: [desk] });
    expect((await map()).people.map((p) => p.address)).not.toContain(desk);
    expect((await automated()).find((s) => s.address === desk)).toMatchObject({ reason: 'marked' });
    await patch({ countAsColleagues: [], markedAutomated: [] });
    expect((await automated()).map((s) => s.address)).toContain(tickets);
    expect((await map()).people.map((p) => p.address)).toContain(desk);
  });
});
