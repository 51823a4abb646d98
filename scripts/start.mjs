#!/usr/bin/env node
// `npm start`: the whole product in demo mode — builds the front end when it is missing or stale,
// makes the dev tenant's certificate, then runs the server (dev tenant + API + tab + pane).
// `npm run dev`: the same server restarting on change, plus Vite's dev server with hot reload.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const dev = process.argv.includes('--dev');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const dataDir = path.resolve(process.env.DATA_DIR || 'data');

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = 0;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newestMtime(path.join(p, e)));
  return m;
}

if (!dev) {
  const stamp = path.join('dist', 'web', '.built');
  const sources = Math.max(
    newestMtime('src'),
    newestMtime('vite.config.ts'),
    newestMtime('package-lock.json'),
  );
  if (!fs.existsSync(stamp) || fs.statSync(stamp).mtimeMs < sources) {
    console.log('Building the tab and the pane (first start only, ~30 s)…');
    // Always a production bundle, whatever NODE_ENV the caller (a test runner, say) has set.
    const r = spawnSync(path.join('node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
    fs.writeFileSync(stamp, new Date().toISOString());
  }
}

const { ensureDevCertificate, trustBundle } = await tsImport('../server/devtenant/certs.ts', import.meta.url);
const cert = ensureDevCertificate(path.join(dataDir, 'certs'));
const env = { ...process.env, NODE_EXTRA_CA_CERTS: trustBundle(cert) };

const children = [];
const server = spawn(
  process.execPath,
  ['--import', 'tsx', ...(dev ? ['--watch-path=server'] : []), 'server/main.ts'],
  {
    stdio: 'inherit',
    env,
  },
);
children.push(server);
if (dev) children.push(spawn(path.join('node_modules', '.bin', 'vite'), [], { stdio: 'inherit', env }));

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const c of children) c.kill(sig);
  });
}
server.on('exit', (code, signal) => {
  for (const c of children) if (c !== server) c.kill('SIGTERM');
  process.exit(code ?? (signal ? 0 : 1));
});
