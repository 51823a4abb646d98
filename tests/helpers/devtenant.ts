import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { LimitFunction } from 'p-limit';
import { type DevTenant, RAPPORT_GRAPH_SCOPES, startDevTenant } from '../../server/devtenant/server';
import { createGraphClient } from '../../server/graph/client';

/** A dev tenant in this process (HTTPS on loopback), small and fast, for integration tests. */
export async function startTestTenant(
  opts: { people?: number; seed?: string } = {},
): Promise<DevTenant & { dataDir: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-tenant-'));
  // The certificate the test processes trust (vitest.config.ts) lives in the repo's data folder.
  fs.mkdirSync(path.join(dataDir), { recursive: true });
  fs.cpSync(path.resolve('data/certs'), path.join(dataDir, 'certs'), { recursive: true });
  const tenant = await startDevTenant({
    seed: opts.seed ?? 'tests',
    people: opts.people ?? 40,
    dataDir,
    port: 0,
    browserPort: 0,
    redirectUris: ['http://localhost:1/auth/callback'],
  });
  return {
    ...tenant,
    dataDir,
    stop: async () => {
      await tenant.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Graph SDK signed in as `userId`, pointed at the dev tenant: the production code path. */
export function graphAs(
  tenant: DevTenant,
  userId: string,
  scopes: string[] = RAPPORT_GRAPH_SCOPES,
  limiter?: LimitFunction,
): Client {
  return createGraphClient({
    baseUrl: tenant.origin,
    getToken: () => tenant.identity.issueGraphToken(userId, scopes),
    limiter,
  });
}

/** A raw Graph call with a token for `userId` (for exact status codes and headers). */
export async function graphFetch(
  tenant: DevTenant,
  userId: string,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  const token = await tenant.identity.issueGraphToken(userId, RAPPORT_GRAPH_SCOPES);
  const full = url.startsWith('http') ? url : `${tenant.origin}/v1.0${url}`;
  return fetch(full, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
}
