import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as wire from '../../contract';
import type { DirectoryUser } from '../../server/devtenant/model';
import type { RelationshipMap } from '../../server/insights/map';
import { devTenantUsers, firstSync, json } from '../helpers/api';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectWire } from './wire';

/**
 * A colleague Rapport has no evidence for yet — a newcomer in the directory, on an email the user
 * writes: the Outlook card says so and offers "add to map", and "suggest lunch or coffee" works from
 * their directory entry (the map has no row for them).
 */
let server: TestServer;
const { users, me } = devTenantUsers(() => server);
let newcomer: DirectoryUser;

beforeAll(async () => {
  server = await startTestServer();
  const owner = me();
  const template = users().find(
    (u) => u.userType === 'Member' && u.accountEnabled && u.id !== owner.id && u.jobTitle,
  )!;
  const domain = owner.mail!.slice(owner.mail!.indexOf('@') + 1);
  const mail = `noor.haddad@${domain}`;
  // Joined this week: in the directory, with working hours, and no meeting or mail with anyone.
  newcomer = {
    ...structuredClone(template),
    id: randomUUID(),
    userPrincipalName: mail,
    mail,
    proxyAddresses: [`SMTP:${mail}`],
    displayName: 'Noor Haddad',
    givenName: 'Noor',
    surname: 'Haddad',
    jobTitle: 'Solutions Engineer',
    officeLocation: owner.officeLocation,
    managerId: owner.managerId,
    demoPersona: undefined,
  };
  server.running.devTenant!.store.addUser(newcomer);
  await firstSync(server, owner.id);
}, 180_000);
afterAll(() => server?.stop());

describe('a suggestion for a colleague not on the map', () => {
  it('is made from their directory entry, with times both are free', async () => {
    const map = await json<RelationshipMap>(server.as(me().id)('/api/map'));
    expect(map.people.map((p) => p.address)).not.toContain(newcomer.mail);
    const body = await json<{ suggestion: wire.Suggestion }>(
      server.as(me().id)(`/api/suggestions/for/${encodeURIComponent(newcomer.mail!.toUpperCase())}`, {
        method: 'POST',
        body: '{}',
      }),
    );
    expectWire(wire.personSuggestionResponse, body);
    expect(body.suggestion.person).toMatchObject({
      address: newcomer.mail,
      id: newcomer.id,
      displayName: 'Noor Haddad',
      jobTitle: 'Solutions Engineer',
    });
    expect(body.suggestion.slots.length).toBeGreaterThan(0);
    expect(body.suggestion.preview.subject).toMatch(/Noor|lunch|coffee/i);
  });
});

describe('the Outlook card of a colleague not on the map', () => {
  it('says Rapport has no evidence yet, and "add to map" puts them on it with why they matter', async () => {
    const cards = () =>
      json<wire.PeopleCardsResponse>(
        server.as(me().id)('/api/people/cards', {
          method: 'POST',
          body: JSON.stringify({ addresses: [newcomer.mail] }),
        }),
      );
    const before = await cards();
    expect(before.cards[0]).toMatchObject({
      kind: 'colleague',
      address: newcomer.mail,
      person: null,
      inDirectory: true,
      automated: null,
    });
    await json(
      server.as(me().id)(`/api/stakeholders/${encodeURIComponent(newcomer.mail!)}`, {
        method: 'PUT',
        body: JSON.stringify({ status: 'accepted', why: 'new on my deals' }),
      }),
      201,
    );
    const after = (await cards()).cards[0] as wire.PaneColleagueCard;
    expect(after.person).toMatchObject({ address: newcomer.mail, displayName: 'Noor Haddad' });
    expect(after.person?.stakeholder?.why).toBe('new on my deals');
  });
});
