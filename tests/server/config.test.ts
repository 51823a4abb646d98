import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('configuration', () => {
  it('defaults to demo mode on the Teams Toolkit port', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ RAPPORT_MODE: 'demo', PORT: 53000, publicUrl: 'http://localhost:53000' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ RAPPORT_MODE: 'prod' }, 'RAPPORT_MODE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ GRAPH_BASE_URL: 'not a url' }, 'GRAPH_BASE_URL'],
    [{ TOKEN_CACHE_KEY: 'c2hvcnQ=' }, 'TOKEN_CACHE_KEY'],
    [{ TLS_CERT_FILE: 'cert.pem' }, 'TLS_KEY_FILE'],
    [{ RAPPORT_MODE: 'tenant' }, 'AAD_APP_CLIENT_ID'],
  ])('names the bad setting: %o', (env, setting) => {
    let err: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).setting).toBe(setting);
    expect((err as ConfigError).message).toContain(setting);
  });

  it('treats empty variables as unset', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(c.PORT).toBe(53000);
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('tenant mode allows only the app’s own tenant unless told otherwise', () => {
    const env = {
      RAPPORT_MODE: 'tenant',
      AAD_APP_CLIENT_ID: 'c1',
      AAD_APP_CLIENT_SECRET: 's',
      AAD_APP_TENANT_ID: 't1',
      TOKEN_CACHE_KEY: Buffer.alloc(32).toString('base64'),
    };
    expect(loadConfig(env).allowedTenants).toEqual(['t1']);
    expect(loadConfig({ ...env, ALLOWED_TENANTS: 't1, t2' }).allowedTenants).toEqual(['t1', 't2']);
    expect(loadConfig({ ...env, API_AUDIENCES: 'api://x/c1' }).apiAudiences).toEqual(['c1', 'api://x/c1']);
  });

  it('a server started with bad configuration prints one line naming the setting and exits 1', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('Warning'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT: /);
  });
});
