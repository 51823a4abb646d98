#!/usr/bin/env node
// `npm run bench -- <name> [args]`: runs bench/<name>.ts, which prints its figures and writes
// bench/results/<name>.json. The dev tenant's certificate is trusted the same way as in `npm start`.
import fs from 'node:fs';
import path from 'node:path';
import { runTrustedTs } from './lib/devCert.mjs';

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
fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
await runTrustedTs(path.join('bench', `${name}.ts`), rest);
