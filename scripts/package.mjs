#!/usr/bin/env node
// `npm run package [-- --env dev]`: the Teams / Microsoft 365 app package. Fills ${{VAR}} in
// appPackage/manifest.template.json (what Teams Toolkit provisions from) with env/.env.<env>,
// env/.env.<env>.user and the process environment (which wins), validates it offline against the
// schema of its version, and writes appPackage/build/appPackage.<env>.zip with the manifest and
// both icons.
// `npm run package -- --demo`: writes appPackage/manifest.json, the same template filled for the
// built-in demo (https://localhost:53000, the dev tenant's app id): a concrete, valid manifest to
// sideload against the demo and to validate as is. A test keeps it equal to the template's rendering.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { DEMO_VARS } from './lib/demoManifest.mjs';

const argv = process.argv.slice(2);
const demo = argv.includes('--demo');
const env = demo ? 'local' : argv.includes('--env') ? argv[argv.indexOf('--env') + 1] : 'dev';
const vars = {};
for (const file of [`env/.env.${env}`, `env/.env.${env}.user`]) {
  if (!fs.existsSync(file)) continue;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) vars[m[1]] = m[2];
  }
}
if (demo) Object.assign(vars, DEMO_VARS);
else for (const [k, v] of Object.entries(process.env)) if (/^[A-Z0-9_]+$/.test(k) && v) vars[k] = v;

const template = fs.readFileSync('appPackage/manifest.template.json', 'utf8');
const missing = new Set();
const manifest = template.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_, name) => {
  if (vars[name] === undefined || (vars[name] === '' && name !== 'APP_NAME_SUFFIX')) missing.add(name);
  return vars[name] ?? '';
});
if (missing.size) {
  console.error(
    `Cannot package for "${env}": set ${[...missing].join(', ')} (provision with Teams Toolkit, or export them).`,
  );
  process.exit(1);
}
if (demo) {
  fs.writeFileSync(path.join('appPackage', 'manifest.json'), manifest);
  console.log('wrote appPackage/manifest.json (demo values)');
  process.exit(0);
}
const out = path.join('appPackage', 'build');
fs.mkdirSync(out, { recursive: true });
const staged = path.join(out, `manifest.${env}.json`);
fs.writeFileSync(staged, manifest);
for (const icon of ['color.png', 'outline.png'])
  fs.copyFileSync(path.join('appPackage', icon), path.join(out, icon));
const check = spawnSync(path.join('node_modules', '.bin', 'office-addin-manifest'), ['validate', staged], {
  encoding: 'utf8',
});
if (check.status !== 0) {
  console.error(`The manifest is not valid:\n${check.stdout}${check.stderr}`);
  process.exit(1);
}
const zip = zipSync({
  'manifest.json': Buffer.from(manifest),
  'color.png': fs.readFileSync('appPackage/color.png'),
  'outline.png': fs.readFileSync('appPackage/outline.png'),
});
const target = path.join(out, `appPackage.${env}.zip`);
fs.writeFileSync(target, zip);
console.log(`wrote ${target}`);
