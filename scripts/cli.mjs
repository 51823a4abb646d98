#!/usr/bin/env node
// `npm run cli -- <command> [options]`: runs server/cli/main.ts with the dev tenant's certificate
// trusted, as `npm start` and the benchmarks do.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { devTrustBundle } from './lib/devCert.mjs';

const bundle = await devTrustBundle();
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', path.join('server', 'cli', 'main.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: bundle,
      LOG_LEVEL: process.env.LOG_LEVEL || 'silent',
    },
  },
);
process.exit(r.status ?? 1);
