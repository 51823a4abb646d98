#!/usr/bin/env node
// `npm run cli -- <command> [options]`: runs server/cli/main.ts with the dev tenant's certificate
// trusted, as `npm start` and the benchmarks do.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const { ensureDevCertificate, trustBundle } = await tsImport('../server/devtenant/certs.ts', import.meta.url);
const cert = ensureDevCertificate(path.resolve(process.env.DATA_DIR || 'data', 'certs'));
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', path.join('server', 'cli', 'main.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: trustBundle(cert),
      LOG_LEVEL: process.env.LOG_LEVEL || 'silent',
    },
  },
);
process.exit(r.status ?? 1);
