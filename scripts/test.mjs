#!/usr/bin/env node
// `npm test`: lint, typecheck, then the whole vitest suite (unit, integration against the dev tenant
// and both databases, browser). Ends with the plain line "N passed, N failed, N skipped" that CI reads.
// Extra arguments go to vitest (e.g. `npm test -- tests/auth`); `--no-static` skips lint and typecheck.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const noStatic = args.includes('--no-static');
const vitestArgs = args.filter((a) => a !== '--no-static');
const bin = (name) => path.join('node_modules', '.bin', name);
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: process.env }).status ?? 1;

let staticFailures = 0;
if (!noStatic && vitestArgs.length === 0) {
  console.log('== lint (eslint, prettier)');
  if (run(bin('eslint'), ['.']) !== 0) staticFailures++;
  if (run(bin('prettier'), ['--check', '--log-level', 'warn', '.']) !== 0) staticFailures++;
  // The browser code without Node's types, the server without the DOM, then tests, benches, scripts.
  for (const project of ['tsconfig.web.json', 'tsconfig.server.json', 'tsconfig.json']) {
    console.log(`== typecheck (tsc -p ${project})`);
    if (run(bin('tsc'), ['--noEmit', '-p', project]) !== 0) staticFailures++;
  }
}

console.log(`== tests (vitest on Node ${process.version})`);
const report = path.join('test-results', 'vitest.json');
fs.mkdirSync('test-results', { recursive: true });
fs.rmSync(report, { force: true });
const code = run(process.execPath, [
  path.join('node_modules', 'vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...vitestArgs,
]);

let passed = 0;
let failed = staticFailures;
let skipped = 0;
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed += r.numFailedTests;
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that failed to load counts as a failure even if no test inside it ran.
  failed += (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
} catch {
  failed += 1;
  console.error('vitest wrote no report: counting the run as failed');
}
if (staticFailures)
  console.error(`${staticFailures} static check(s) failed (lint/typecheck): counted as failures`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code !== 0 || failed > 0 ? 1 : 0);
