import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Client, PageIterator } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate } from '../../../../server/devtenant/certs';
import { BEN, message } from '../../mailbox/smallTenant';
import { mailcalApp } from './app';

/** A delta round through the real Graph SDK over HTTPS: absolute nextLinks and deltaLinks work. */
const tenant = mailcalApp();
let server: https.Server;
let client: Client;
beforeAll(async () => {
  const cert = ensureDevCertificate('data/certs');
  server = https.createServer({ cert: cert.cert, key: cert.key }, tenant.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  client = Client.initWithMiddleware({
    baseUrl: `https://localhost:${port}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set(['localhost']),
    authProvider: { getAccessToken: async () => 'stub' },
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('Graph SDK', () => {
  it('walks a message delta round with PageIterator, then sees only the new message', async () => {
    const ids: string[] = [];
    const first = await client
      .api('/me/mailFolders/inbox/messages/delta')
      .header('Prefer', 'odata.maxpagesize=7')
      .get();
    const it = new PageIterator(client, first, (m: { id: string }) => {
      ids.push(m.id);
      return true;
    });
    await it.iterate();
    expect(ids).toHaveLength(25);
    const deltaLink = it.getDeltaLink()!;
    expect(deltaLink).toMatch(
      /^https:\/\/localhost:\d+\/v1\.0\/me\/mailFolders\/inbox\/messages\/delta\?\$deltatoken=/,
    );
    const added = tenant.store.addMessage(
      tenant.data.users[0]!.id,
      message('sdk', BEN, tenant.data.users[0]!, '2026-03-01T09:00:00Z'),
    );
    const next = await client.api(deltaLink).get();
    expect(next.value.map((m: { id: string }) => m.id)).toEqual([added.graphId]);
  });
});
