import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration comes from the environment, parsed once here.
 *
 * Demo mode and production differ only in these values: in demo mode `server/main.ts` starts the
 * built-in dev tenant first and fills the identity and Graph settings with its URLs, so every
 * other module talks to "Entra" and "Graph" through the same code paths as in production.
 */

const csv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()));

const port = z.coerce.number().int().min(0).max(65535);
const httpsUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** `demo` runs the built-in dev tenant; `tenant` talks to the real Microsoft Entra ID and Graph. */
  RAPPORT_MODE: z.enum(['demo', 'tenant']).default('demo'),
  PORT: port.default(53000),
  HOST: z.string().min(1).default('localhost'),
  /** The URL people and hosts use to reach the app (tab, pane, API). */
  PUBLIC_URL: httpsUrl.optional(),
  /** Serve HTTPS with these PEM files (Teams needs HTTPS for tabs outside demo mode). */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** Any PostgreSQL server; without it an embedded PostgreSQL runs under DATA_DIR. */
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('data'),

  /** Entra app registration (Teams Toolkit writes these names). */
  AAD_APP_CLIENT_ID: z.string().min(1).optional(),
  AAD_APP_CLIENT_SECRET: z.string().min(1).optional(),
  /** Authority host, e.g. https://login.microsoftonline.com (national clouds differ). */
  AAD_APP_OAUTH_AUTHORITY_HOST: httpsUrl.default('https://login.microsoftonline.com'),
  /** The tenant the app is registered in. */
  AAD_APP_TENANT_ID: z.string().min(1).optional(),
  /** Extra audiences accepted besides the client id, e.g. api://example.com/{clientId}. */
  API_AUDIENCES: csv.default([]),
  /** Tenants whose users may call the API; defaults to the app's own tenant. */
  ALLOWED_TENANTS: csv.optional(),

  /** Graph endpoint (national clouds and the dev tenant differ). */
  GRAPH_BASE_URL: httpsUrl.default('https://graph.microsoft.com'),
  /** Graph requests in flight at once from this server, all users together (each mailbox also stays under 4). */
  GRAPH_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Minutes between sweeps that queue active and stale users for sync; 0 turns the sweep off. */
  SYNC_SWEEP_MINUTES: z.coerce.number().int().min(0).max(30).default(5),
  /** 32 bytes, base64: encrypts the persisted MSAL token cache. Generated under DATA_DIR in demo mode. */
  TOKEN_CACHE_KEY: z.string().min(1).optional(),

  /** Dev tenant (demo mode and tests only). */
  DEVTENANT_PORT: port.default(0),
  DEVTENANT_SEED: z.string().min(1).default('rapport'),
  DEVTENANT_PEOPLE: z.coerce.number().int().min(20).max(20000).default(300),
  /** Give the demo user a heavy mailbox (≥ 50,000 messages and ≥ 5,000 events a year), for benchmarks. */
  DEVTENANT_HEAVY: z.enum(['none', 'demo']).default('none'),
  /** Serve Graph-shaped JSONL mailboxes (e.g. ../shared/datasets/enron) instead of a generated organisation. */
  DEVTENANT_IMPORT_DIR: z.string().min(1).optional(),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  publicUrl: string;
  dataDir: string;
  allowedTenants: string[];
  apiAudiences: string[];
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`Invalid configuration: ${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming the first bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" (as .env files and CI variables often leave them).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const c = parsed.data;
  if (c.RAPPORT_MODE === 'tenant') {
    for (const key of [
      'AAD_APP_CLIENT_ID',
      'AAD_APP_CLIENT_SECRET',
      'AAD_APP_TENANT_ID',
      'TOKEN_CACHE_KEY',
    ] as const) {
      if (!c[key]) throw new ConfigError(key, 'required when RAPPORT_MODE=tenant');
    }
  }
  if (Boolean(c.TLS_CERT_FILE) !== Boolean(c.TLS_KEY_FILE)) {
    throw new ConfigError(
      c.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE',
      'set both TLS_CERT_FILE and TLS_KEY_FILE, or neither',
    );
  }
  if (c.TOKEN_CACHE_KEY && Buffer.from(c.TOKEN_CACHE_KEY, 'base64').length !== 32) {
    throw new ConfigError('TOKEN_CACHE_KEY', 'must be 32 bytes, base64-encoded');
  }
  const scheme = c.TLS_CERT_FILE ? 'https' : 'http';
  return {
    ...c,
    publicUrl: c.PUBLIC_URL ?? `${scheme}://${c.HOST}:${c.PORT}`,
    dataDir: path.resolve(c.DATA_DIR),
    allowedTenants: c.ALLOWED_TENANTS ?? (c.AAD_APP_TENANT_ID ? [c.AAD_APP_TENANT_ID] : []),
    apiAudiences: [...new Set([...(c.AAD_APP_CLIENT_ID ? [c.AAD_APP_CLIENT_ID] : []), ...c.API_AUDIENCES])],
  };
}
