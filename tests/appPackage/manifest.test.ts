import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { seededGuid } from '../../server/devtenant/server';
// @ts-expect-error: a plain .mjs module without types (values only)
import { DEMO_VARS } from '../../scripts/lib/demoManifest.mjs';

/** The Microsoft 365 app package: valid offline against its schema version, with the right icons. */
const require = createRequire(import.meta.url);
const raw = fs.readFileSync('appPackage/manifest.template.json', 'utf8');
const SAMPLE: Record<string, string> = {
  TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
  TAB_ENDPOINT: 'https://rapport.contoso.example',
  TAB_DOMAIN: 'rapport.contoso.example',
  AAD_APP_CLIENT_ID: '66666666-7777-4888-8999-000000000000',
  APP_NAME_SUFFIX: '',
};
const filled = raw.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_, k: string) => SAMPLE[k] ?? '');

describe('app package', () => {
  it('keeps $schema and manifestVersion equal, at a version with extensions', () => {
    const m = JSON.parse(raw) as { $schema: string; manifestVersion: string; extensions: unknown[] };
    expect(m.$schema).toContain(`/v${m.manifestVersion}/`);
    expect(Number(m.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(17);
    expect(m.extensions.length).toBeGreaterThan(0);
  });

  it('validates against the official schema of its version, offline', () => {
    const m = JSON.parse(filled) as { manifestVersion: string };
    const dir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
    const schema = JSON.parse(
      fs.readFileSync(
        path.join(dir, `build/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`),
        'utf8',
      ),
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const valid = ajv.validate(schema, m);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = PNG.sync.read(fs.readFileSync('appPackage/color.png'));
    const outline = PNG.sync.read(fs.readFileSync('appPackage/outline.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      expect(a === 0 || (r === 255 && g === 255 && b === 255)).toBe(true);
    }
  });

  it('`npm run package` validates with office-addin-manifest and zips manifest and icons, placeholders filled', () => {
    const r = spawnSync(process.execPath, ['scripts/package.mjs', '--env', 'dev'], {
      env: { ...process.env, ...SAMPLE },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const files = unzipSync(fs.readFileSync('appPackage/build/appPackage.dev.zip'));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(Buffer.from(files['manifest.json']!).toString()).not.toContain('${{');
  });

  it('ships appPackage/manifest.json as the template filled for the demo, valid as is', () => {
    const demo = DEMO_VARS as Record<string, string>;
    const rendered = raw.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_, k: string) => demo[k] ?? '');
    expect(fs.readFileSync('appPackage/manifest.json', 'utf8')).toBe(rendered); // no drift: `npm run package -- --demo`
    expect(demo.AAD_APP_CLIENT_ID).toBe(seededGuid('rapport', 'rapport-app')); // the demo's own app id
    const r = spawnSync(
      path.join('node_modules', '.bin', 'office-addin-manifest'),
      ['validate', 'appPackage/manifest.json'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stdout + r.stderr).not.toMatch(/Error #/);
    expect(r.status).toBe(0);
  });

  it('`npm run package` refuses to build with unset values, naming them', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in SAMPLE)));
    const r = spawnSync(process.execPath, ['scripts/package.mjs', '--env', 'dev'], { env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/TEAMS_APP_ID/);
  });
});
