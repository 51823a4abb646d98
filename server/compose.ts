import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { healthRouter } from './api/health/router';
import { insightsRouter } from './api/insights/router';
import { openApiRouter } from './api/openapi';
import { meRouter } from './api/me/router';
import { settingsRouter } from './api/settings/router';
import { signinRouter } from './api/signin/router';
import { suggestionsRouter } from './api/suggestions/router';
import { syncRouter } from './api/sync/router';
import { createApp } from './app';
import { createGraphTokenProvider } from './auth/graphTokens';
import { requireUser } from './auth/requireUser';
import { createTokenValidator } from './auth/tokenValidator';
import type { AuthenticatedUser } from './auth/types';
import type { Config } from './config';
import type { DevTenant } from './devtenant/server';
import { createGraphClient, createGraphLimiter } from './graph/client';
import { InsightsService } from './insights/service';
import { listen, onShutdown } from './http/listen';
import { createLogger, type Logger } from './logger';
import { openDatabase } from './store/db';
import { SessionsRepository } from './store/sessionsRepository';
import { PgTokenCacheStore } from './store/tokenCacheRepository';
import { upsertAppUser } from './store/usersRepository';
import { type SuggestionJobs, startSuggestionJobs } from './suggestions/jobs';
import { SuggestionsService } from './suggestions/service';
import { startSyncJobs } from './sync/jobs';
import { syncStatus } from './sync/userSync';

/** Delegated Graph permissions Rapport uses (least privilege: metadata only). */
export const GRAPH_SCOPES = [
  'User.Read',
  'User.Read.All',
  'Mail.ReadBasic',
  'Calendars.ReadWrite',
  'MailboxSettings.Read',
];

export interface Running {
  url: string;
  config: Config;
  logger: Logger;
  devTenant?: DevTenant;
  /** The weekly suggestions job (tests and benchmarks sweep it by hand). */
  weekly: SuggestionJobs;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The demo's token-cache key lives under DATA_DIR, so a restart can still read the cache. */
function demoKey(dataDir: string): string {
  const file = path.join(dataDir, 'token-cache.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * The composition root: configuration in, a listening server out. In demo mode the dev tenant starts
 * first and its URLs, app id and secret become the identity and Graph settings — after that, every
 * module runs exactly as it does against Microsoft Entra ID and Graph.
 */
export async function composeServer(
  base: Config,
  opts: { staticDir?: string; installSignalHandlers?: boolean; logger?: Logger } = {},
): Promise<Running> {
  const logger = opts.logger ?? createLogger({ level: base.LOG_LEVEL });
  const closers: Array<() => Promise<void>> = [];
  let config = base;
  if (config.PORT === 0) {
    const port = await freePort();
    config = {
      ...config,
      PORT: port,
      publicUrl: base.PUBLIC_URL ?? `${base.TLS_CERT_FILE ? 'https' : 'http'}://${base.HOST}:${port}`,
    };
  }
  try {
    let devTenant: DevTenant | undefined;
    let harnessRouter: typeof import('./api/harness/router').harnessRouter | undefined;
    if (config.RAPPORT_MODE === 'demo') {
      // The Outlook harness page's data (/harness/): demo mode only, like the dev tenant itself.
      ({ harnessRouter } = await import('./api/harness/router'));
      // Loaded here, not at the top: a tenant-mode process never loads the generator or the fake Graph.
      const { startDevTenant } = await import('./devtenant/server');
      devTenant = await startDevTenant({
        seed: config.DEVTENANT_SEED,
        people: config.DEVTENANT_PEOPLE,
        dataDir: config.dataDir,
        port: config.DEVTENANT_PORT || config.PORT + 1,
        browserPort: config.DEVTENANT_PORT ? config.DEVTENANT_PORT + 1 : config.PORT + 2,
        host: config.HOST,
        redirectUris: [`${config.publicUrl}/auth/callback`],
        heavyUserIds: config.DEVTENANT_HEAVY === 'demo' ? 'demo' : undefined,
        importDir: config.DEVTENANT_IMPORT_DIR,
      });
      closers.push(devTenant.close);
      config = {
        ...config,
        AAD_APP_CLIENT_ID: devTenant.app.clientId,
        AAD_APP_CLIENT_SECRET: devTenant.app.clientSecret,
        AAD_APP_TENANT_ID: devTenant.tenantId,
        AAD_APP_OAUTH_AUTHORITY_HOST: devTenant.origin,
        GRAPH_BASE_URL: devTenant.origin,
        TOKEN_CACHE_KEY: config.TOKEN_CACHE_KEY ?? demoKey(config.dataDir),
        allowedTenants: [devTenant.tenantId],
        apiAudiences: [devTenant.app.clientId, devTenant.app.identifierUri],
      };
      logger.info(
        { origin: devTenant.origin, tenant: devTenant.tenantId, users: devTenant.data.users.length },
        'dev tenant started',
      );
    }
    const clientId = config.AAD_APP_CLIENT_ID!;
    const tenantId = config.AAD_APP_TENANT_ID!;
    const encryptionKey = Buffer.from(config.TOKEN_CACHE_KEY!, 'base64');

    const database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.dataDir,
      logger,
    });
    closers.push(database.close);
    const tokenStore = new PgTokenCacheStore(database.db);
    const validator = createTokenValidator({
      authorityHost: config.AAD_APP_OAUTH_AUTHORITY_HOST,
      audiences: config.apiAudiences,
      allowedTenants: config.allowedTenants,
      requiredScope: 'access_as_user',
    });
    const graphTokens = createGraphTokenProvider({
      clientId,
      clientSecret: config.AAD_APP_CLIENT_SECRET!,
      authorityHost: config.AAD_APP_OAUTH_AUTHORITY_HOST,
      tenantId,
      cache: tokenStore,
      encryptionKey,
      logger,
    });
    const authn = requireUser(validator);
    const graphLimiter = createGraphLimiter(config.GRAPH_MAX_CONCURRENCY);
    const graphFor = async (user: AuthenticatedUser) => {
      const scopes = GRAPH_SCOPES.map((s) => `${graphResource(config.GRAPH_BASE_URL)}/${s}`);
      // The first token is fetched here, not inside the SDK, which would hide consent errors.
      await graphTokens.onBehalfOf(user, scopes);
      return createGraphClient({
        baseUrl: config.GRAPH_BASE_URL,
        getToken: () => graphTokens.onBehalfOf(user, scopes),
        limiter: graphLimiter,
      });
    };
    const scopesFor = () => GRAPH_SCOPES.map((s) => `${graphResource(config.GRAPH_BASE_URL)}/${s}`);
    const insights = new InsightsService(database.db, {
      syncStatus: (tid, oid) => syncStatus(database.db, tid, oid),
    });
    const suggestions = new SuggestionsService({
      db: database.db,
      map: (tid, oid) => insights.map(tid, oid, { limit: 1000 }),
    });
    // Background work acts for users with the refresh token MSAL cached at their last OBO.
    const jobs = await startSyncJobs({
      onSynced: (tid, oid) => insights.invalidate(tid, oid),
      snapshot: (tid, oid, month) => insights.snapshot(tid, oid, month),
      pool: database.pool,
      db: database.db,
      logger,
      graphFor: async (tid, oid) =>
        createGraphClient({
          baseUrl: config.GRAPH_BASE_URL,
          getToken: () => graphTokens.silent(tid, oid, scopesFor()),
          limiter: graphLimiter,
        }),
      pollingIntervalSeconds: config.NODE_ENV === 'test' ? 0.5 : 2,
      sweepEveryMinutes: config.SYNC_SWEEP_MINUTES,
    });
    closers.push(jobs.stop);
    const weekly = await startSuggestionJobs({
      pool: database.pool,
      db: database.db,
      logger,
      service: suggestions,
      graphFor: async (tid, oid) =>
        createGraphClient({
          baseUrl: config.GRAPH_BASE_URL,
          getToken: () => graphTokens.silent(tid, oid, scopesFor()),
          limiter: graphLimiter,
        }),
      pollingIntervalSeconds: config.NODE_ENV === 'test' ? 0.5 : 2,
      sweepCron: config.SYNC_SWEEP_MINUTES === 0 ? null : undefined,
    });
    closers.push(weekly.stop);
    const startSync = async (user: AuthenticatedUser) => {
      await graphFor(user); // an OBO now: surfaces consent errors and caches the refresh token
      await jobs.enqueue(user.tid, user.oid);
    };
    const onSeen = async (user: AuthenticatedUser, p: { displayName: string; upn: string | null }) => {
      await upsertAppUser(database.db, {
        tid: user.tid,
        oid: user.oid,
        displayName: p.displayName,
        upn: p.upn,
      });
      const status = await syncStatus(database.db, user.tid, user.oid);
      if (status.phase === 'not-started')
        await startSync(user).catch((err: unknown) => logger.warn({ err }, 'first sync did not start'));
    };
    // Users whose first sync is known to have started: the check is one query per user and process.
    const syncing = new Set<string>();
    const firstUse = async (user: AuthenticatedUser) => {
      const key = `${user.tid}|${user.oid}`;
      if (syncing.has(key)) return;
      syncing.add(key);
      const status = await syncStatus(database.db, user.tid, user.oid).catch(() => null);
      if (status?.phase !== 'not-started') return;
      await startSync(user).catch((err: unknown) => {
        syncing.delete(key); // tried again on the next request
        logger.warn({ err }, 'first sync did not start');
      });
    };
    const identifierUri =
      config.apiAudiences.find((a) => a.startsWith('api://')) ??
      `api://${new URL(config.publicUrl).host}/${clientId}`;
    const version = JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')).version as string;
    const app = createApp({
      config,
      logger,
      staticDir: opts.staticDir,
      routes: [
        { path: '/', router: healthRouter({ version, ping: database.ping }) },
        {
          path: '/',
          router: signinRouter({
            clientId,
            clientSecret: config.AAD_APP_CLIENT_SECRET!,
            authorityHost: config.AAD_APP_OAUTH_AUTHORITY_HOST,
            tenantId,
            apiScope: `${identifierUri}/access_as_user`,
            publicUrl: config.publicUrl,
            sessions: new SessionsRepository(database.db),
            cache: tokenStore,
            encryptionKey,
            logger,
          }),
        },
        { path: '/', router: meRouter({ requireUser: authn, graphFor, onSeen }) },
        { path: '/', router: syncRouter({ db: database.db, requireUser: authn, start: startSync }) },
        {
          path: '/',
          router: settingsRouter({ requireUser: authn, settings: insights }),
        },
        { path: '/', router: suggestionsRouter({ suggestions, requireUser: authn, graphFor }) },
        { path: '/', router: openApiRouter() },
        ...(harnessRouter ? [{ path: '/', router: harnessRouter({ requireUser: authn, graphFor }) }] : []),
        {
          path: '/',
          router: insightsRouter({
            insights,
            requireUser: authn,
            forgetTokens: (u) => graphTokens.forget(u.tid, u.oid),
            firstUse,
          }),
        },
      ],
    });
    const tls =
      config.TLS_CERT_FILE && config.TLS_KEY_FILE
        ? {
            cert: fs.readFileSync(config.TLS_CERT_FILE, 'utf8'),
            key: fs.readFileSync(config.TLS_KEY_FILE, 'utf8'),
          }
        : undefined;
    const listening = await listen(app, { port: config.PORT, host: config.HOST, tls });
    closers.push(() => listening.close());
    const close = async () => {
      for (const c of [...closers].reverse())
        await c().catch((err: unknown) => logger.warn({ err }, 'shutdown step failed'));
    };
    if (opts.installSignalHandlers) onShutdown([close], (m) => logger.info(m));
    return { url: config.publicUrl, config, logger, devTenant, weekly, close };
  } catch (err) {
    for (const c of [...closers].reverse()) await c().catch(() => {});
    throw err;
  }
}

/** Graph scopes are named by resource: the dev tenant and national clouds differ from graph.microsoft.com. */
function graphResource(graphBaseUrl: string): string {
  return /(^|\.)graph\.microsoft\./.test(new URL(graphBaseUrl).hostname)
    ? new URL(graphBaseUrl).origin
    : 'https://graph.microsoft.com';
}
