import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { ensureDevCertificate } from './certs';
import { createFaultControlRouter, FaultController } from './graph/faults';
import { createMailCalendarRouter } from './graph/mailcal/router';
import { createGraphRouter } from './graph/router';
import { createIdentity, type DevIdentity } from './identity';
import { importJsonl } from './import/jsonl';
import { createMailboxControlRouter } from './mailbox/control';
import { MailboxStore } from './mailbox/store';
import type { TenantData } from './model';
import { generateOrg } from './org/generate';

/**
 * The built-in dev tenant: an Entra-compatible identity provider and a Graph v1.0-compatible API on
 * loopback, over a generated organisation (or imported Graph-shaped JSONL). Rapport reaches it only
 * through configuration — authority host, Graph base URL, app id and secret — exactly as it reaches
 * Microsoft Entra ID and Microsoft Graph in production.
 *
 * Two listeners: HTTPS for the SDKs (MSAL refuses plain-HTTP authorities, the Graph SDK only sends
 * tokens to HTTPS hosts) and plain HTTP on loopback for the browser-facing sign-in page, so a
 * browser never meets the self-signed certificate.
 */
export interface DevTenantOptions {
  seed: string;
  people: number;
  dataDir: string;
  /** HTTPS port for identity and Graph; 0 picks a free one. */
  port?: number;
  /** HTTP port for the sign-in page; 0 picks a free one. */
  browserPort?: number;
  host?: string;
  /** Redirect URIs registered for Rapport's app (its /auth/callback). */
  redirectUris: string[];
  /** Load Graph-shaped JSONL (e.g. the Enron data) instead of generating an organisation. */
  importDir?: string;
  now?: Date;
  heavyUserIds?: 'demo' | string[];
}

export interface DevTenant {
  data: TenantData;
  tenantId: string;
  /** https://localhost:PORT — the authority host and the Graph base URL. */
  origin: string;
  browserOrigin: string;
  app: { clientId: string; clientSecret: string; identifierUri: string };
  identity: DevIdentity;
  store: MailboxStore;
  faults: FaultController;
  close(): Promise<void>;
}

export const RAPPORT_GRAPH_SCOPES = [
  'User.Read',
  'User.Read.All',
  'Mail.ReadBasic',
  'Calendars.ReadWrite',
  'MailboxSettings.Read',
  'offline_access',
  'openid',
  'profile',
];

/** A GUID derived from a seed, so the demo app id is stable across restarts. */
export function seededGuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function listenOn(server: http.Server | https.Server, port: number, host: string): Promise<number> {
  const tryListen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (err: Error) => {
        server.off('listening', onListening);
        reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, host === 'localhost' ? '127.0.0.1' : host);
    });
  try {
    return await tryListen(port);
  } catch (err) {
    // A preferred port that is taken is not fatal for the dev tenant: any free port works.
    if (port !== 0 && (err as NodeJS.ErrnoException).code === 'EADDRINUSE') return tryListen(0);
    throw err;
  }
}

export async function startDevTenant(opts: DevTenantOptions): Promise<DevTenant> {
  const host = opts.host ?? 'localhost';
  const data = opts.importDir
    ? (await importJsonl(opts.importDir)).data
    : generateOrg({ seed: opts.seed, people: opts.people, now: opts.now, heavyUserIds: opts.heavyUserIds });
  const clock = () => new Date();
  const cert = ensureDevCertificate(path.join(opts.dataDir, 'certs'));

  const api = express();
  api.disable('x-powered-by');
  const browser = express();
  browser.disable('x-powered-by');
  const apiServer = https.createServer({ cert: cert.cert, key: cert.key }, api);
  const browserServer = http.createServer(browser);
  const port = await listenOn(apiServer, opts.port ?? 0, host);
  const browserPort = await listenOn(browserServer, opts.browserPort ?? 0, host);
  const origin = `https://${host}:${port}`;
  const browserOrigin = `http://${host}:${browserPort}`;

  const clientId = seededGuid(opts.seed, 'rapport-app');
  const clientSecret = randomBytes(24).toString('base64url');
  const identifierUri = `api://${host}/${clientId}`;
  const identity = await createIdentity({
    data,
    issuerOrigin: origin,
    browserOrigin,
    clock,
    apps: [
      {
        clientId,
        clientSecret,
        displayName: 'Rapport',
        redirectUris: opts.redirectUris,
        identifierUris: [identifierUri],
        apiScopes: ['access_as_user'],
        graphScopes: RAPPORT_GRAPH_SCOPES,
      },
    ],
  });
  const store = new MailboxStore(data, clock);
  const faults = new FaultController();
  // Attendees answer invitations over time: deliver the answers that are due, every few seconds.
  const responder = setInterval(() => store.deliverDueResponses(), 5_000);
  responder.unref();

  api.use('/_devtenant/faults', express.json(), createFaultControlRouter(faults));
  api.use('/_devtenant/mailbox', express.json({ limit: '10mb' }), createMailboxControlRouter(store));
  api.use('/_devtenant/identity', express.json(), identity.controlRouter);
  api.use(
    '/v1.0',
    createGraphRouter({
      data,
      authenticate: identity.authenticateGraph,
      faults,
      clock,
      mailCalendar: (ctx) => createMailCalendarRouter(ctx, store),
    }),
  );
  api.use(identity.router);
  browser.use(identity.router);

  const closeServer = (s: http.Server | https.Server) =>
    new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  return {
    data,
    tenantId: data.org.id,
    origin,
    browserOrigin,
    app: { clientId, clientSecret, identifierUri },
    identity,
    store,
    faults,
    close: async () => {
      clearInterval(responder);
      await Promise.all([closeServer(apiServer), closeServer(browserServer)]);
    },
  };
}
