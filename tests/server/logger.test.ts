import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()));
      cb();
    },
  });
  return { logger: createLogger({ level: 'info' }, stream), lines };
}

describe('logger', () => {
  it('blanks secrets at any depth of a logged object, under any field name that says so', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        headers: { authorization: 'Bearer eyJhbGc.x.y', cookie: 'rapport_session=abc', accept: 'json' },
        body: { grant_type: 'authorization_code', code: 'M.R3_BAY', client_secret: 's3cr3t' },
        msal: { tokens: [{ refreshToken: 'rt-123', idTokenClaims: { name: 'Megan' } }] },
        config: {
          AAD_APP_CLIENT_SECRET: 'app-secret',
          TOKEN_CACHE_KEY: 'key',
          DATABASE_URL: 'postgres://u:p@h/db',
        },
        user: 'megan@contoso.example',
      },
      'token request',
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of [
      'eyJhbGc',
      'rapport_session=abc',
      'M.R3_BAY',
      's3cr3t',
      'rt-123',
      'app-secret',
      'u:p@h',
    ])
      expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      msg: 'token request',
      user: 'megan@contoso.example',
      headers: { accept: 'json', authorization: '[redacted]' },
      body: { grant_type: 'authorization_code', code: '[redacted]' },
    });
  });

  it('keeps error codes and messages, which are what an operator needs', () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    logger.warn({ err, graph: { code: 'ErrorItemNotFound', status: 404 } }, 'failed');
    expect(lines[0]).toMatchObject({
      err: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' },
      graph: { code: 'ErrorItemNotFound' },
    });
  });

  it('honours the level', () => {
    const stream = new Writable({ write: (_c, _e, cb) => cb() });
    expect(createLogger({ level: 'warn' }, stream).isLevelEnabled('info')).toBe(false);
    expect(createLogger({ level: 'debug' }, stream).isLevelEnabled('debug')).toBe(true);
  });
});
