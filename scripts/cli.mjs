#!/usr/bin/env node
// `npm run cli -- <command> [options]`: runs server/cli/main.ts with the dev tenant's certificate
// trusted, as `npm start` and the benchmarks do.
import path from 'node:path';
import { runTrustedTs } from './lib/devCert.mjs';

await runTrustedTs(path.join('server', 'cli', 'main.ts'), process.argv.slice(2));
