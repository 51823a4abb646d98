#!/usr/bin/env node
// `npm run bench -- <name> [args]`: runs bench/<name>.ts, which prints its figures and writes
// bench/results/<name>.json. The dev tenant's certificate is trusted the same way as in `npm start`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { devTrustBundle } from './lib/devCert.mjs';

const [name, ...rest] = process.argv.slice(2);
const available = fs.existsSync('bench')
  ? fs
      .readdirSync('bench')
      .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
      .map((f) => f.slice(0, -3))
  : [];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>   (available: ${available.join(', ') || 'none yet'})`);
  process.exit(2);
}
const bundle = await devTrustBundle();
fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', `${name}.ts`), ...rest], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_EXTRA_CA_CERTS: bundle,
    LOG_LEVEL: process.env.LOG_LEVEL || 'silent',
  },
});
process.exit(r.status ?? 1);
