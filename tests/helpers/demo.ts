import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Runs the real demo (`npm start`'s launcher) on free ports with its own data folder. */
export interface DemoProcess {
  url: string;
  /** The dev tenant's HTTPS origin (identity, Graph and its control API). */
  devTenantOrigin: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

async function freePortBlock(): Promise<number> {
  // The demo takes PORT, PORT+1 (dev tenant HTTPS) and PORT+2 (sign-in page).
  for (let i = 0; i < 50; i++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const ok = await Promise.all([0, 1, 2].map((d) => portFree(base + d)));
    if (ok.every(Boolean)) return base;
  }
  throw new Error('no free ports');
}
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function startDemo(env: Record<string, string> = {}, timeoutMs = 150_000): Promise<DemoProcess> {
  const port = await freePortBlock();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-demo-'));
  // The dev tenant's certificate the test process already trusts (vitest.config.ts), so tests can
  // call the demo's dev tenant too (its control API: what landed on a colleague's calendar).
  if (fs.existsSync('data/certs')) fs.cpSync('data/certs', path.join(dataDir, 'certs'), { recursive: true });
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  // HTTPS when given a certificate (Teams' SDK refuses some calls from plain-HTTP pages).
  const scheme = env.TLS_CERT_FILE ? 'https' : 'http';
  const url = `${scheme}://localhost:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => {
        const t = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
          r(null);
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(t);
          r(null);
        });
      });
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the demo exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok)
        return { url, devTenantOrigin: `https://localhost:${port + 1}`, dataDir, output: () => out, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`the demo did not become healthy within ${timeoutMs} ms:\n${out}`);
}
