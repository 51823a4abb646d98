import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { composeServer, type Running } from '../../server/compose';
import { loadConfig } from '../../server/config';
import { freshMachineDatabase, machineAvailable } from '../helpers/databases';
import { launchBrowser } from './browser';

/**
 * The demo as `npm start` composes it (server/main.ts: the built tab and pane, the dev tenant, the
 * API, a fresh database), but in this process, so a browser suite can also look into the dev tenant
 * — a colleague's calendar after the tab sent them an invite — through `running.devTenant`.
 */
export interface InProcessDemo {
  url: string;
  running: Running;
  stop(): Promise<void>;
}

const newest = (p: string): number => {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, e) => Math.max(m, newest(path.join(p, e))), 0);
};

/** Builds dist/web when it is missing or older than the sources, as scripts/start.mjs does. */
function ensureBuilt(): string {
  const dir = path.resolve('dist/web');
  const stamp = path.join(dir, '.built');
  const sources = Math.max(newest('src'), newest('vite.config.ts'), newest('package-lock.json'));
  if (!fs.existsSync(stamp) || fs.statSync(stamp).mtimeMs < sources) {
    const r = spawnSync(path.join('node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (r.status !== 0) throw new Error(`vite build failed (${r.status})`);
    fs.writeFileSync(stamp, new Date().toISOString());
  }
  return dir;
}

export async function startDemoInProcess(env: Record<string, string> = {}): Promise<InProcessDemo> {
  const staticDir = ensureBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-demo-'));
  // The certificate the test process trusts (vitest.config.ts), so Node reaches the dev tenant.
  fs.cpSync(path.resolve('data/certs'), path.join(dataDir, 'certs'), { recursive: true });
  const db = machineAvailable ? await freshMachineDatabase() : null;
  const running = await composeServer(
    loadConfig({
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(db ? { DATABASE_URL: db.url } : {}),
      ...env,
    }),
    { staticDir },
  );
  return {
    url: running.url,
    running,
    stop: async () => {
      await running.close();
      await db?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** demoInBrowser's twin (tests/browser/browser.ts) with the demo in this process. */
export function inProcessDemoInBrowser(
  options: {
    demoEnv?: Record<string, string>;
    setup?: (demo: InProcessDemo, browser: Browser) => Promise<void>;
    timeout?: number;
  } = {},
): { demo: () => InProcessDemo; browser: () => Browser } {
  let demo: InProcessDemo | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemoInProcess(options.demoEnv), launchBrowser()]);
    fs.mkdirSync('test-results', { recursive: true });
    await options.setup?.(demo, browser);
  }, options.timeout ?? 180_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });
  return { demo: () => demo!, browser: () => browser! };
}
