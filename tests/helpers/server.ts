import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServer, type Running } from '../../server/compose';
import { loadConfig } from '../../server/config';
import { freshMachineDatabase, machineAvailable } from './databases';

/**
 * The whole server in demo mode, in this process, on free ports: dev tenant, auth, database (a fresh
 * database on the machine's PostgreSQL when it is up, else embedded). For API tests over HTTP.
 */
export interface TestServer {
  running: Running;
  url: string;
  /** Calls the API as the dev tenant user `oid` (or without a token). */
  as(oid: string | null): (p: string, init?: RequestInit) => Promise<Response>;
  stop(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-api-'));
  fs.cpSync(path.resolve('data/certs'), path.join(dataDir, 'certs'), { recursive: true });
  let drop: (() => Promise<void>) | undefined;
  let DATABASE_URL: string | undefined;
  if (machineAvailable) {
    const fresh = await freshMachineDatabase();
    DATABASE_URL = fresh.url;
    drop = fresh.drop;
  }
  const running = await composeServer(
    loadConfig({
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DEVTENANT_PEOPLE: '60',
      ...(DATABASE_URL ? { DATABASE_URL } : {}),
      ...env,
    }),
  );
  return {
    running,
    url: running.url,
    as:
      (oid) =>
      async (p, init = {}) => {
        const headers = new Headers(init.headers);
        if (oid)
          headers.set('authorization', `Bearer ${await running.devTenant!.identity.issueApiToken(oid)}`);
        if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
        return fetch(`${running.url}${p}`, { ...init, headers });
      },
    stop: async () => {
      await running.close();
      await drop?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
