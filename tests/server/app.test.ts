import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { GraphError } from '@microsoft/microsoft-graph-client';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { healthRouter } from '../../server/api/health/router';
import { createApp } from '../../server/app';
import { HttpError } from '../../server/http/problem';
import { validate } from '../../server/http/validate';
import { createLogger } from '../../server/logger';

function appWith(routes: express.Router, logSink?: string[]) {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logSink?.push(chunk.toString());
      cb();
    },
  });
  return createApp({
    config: { NODE_ENV: 'test' },
    logger: createLogger({ level: 'info' }, stream),
    routes: [{ path: '/', router: routes }],
  });
}

const routes = express.Router();
routes.post('/api/echo', validate({ body: z.object({ name: z.string().min(1) }) }), (_req, res) =>
  res.json(res.locals.valid),
);
routes.get('/api/boom', () => {
  throw new Error('secret internal detail');
});
routes.get('/api/teapot', () => {
  throw new HttpError(418, { title: 'I am a teapot', code: 'teapot' });
});
/** GraphErrors shaped as the SDK makes them: an answer's status, code and headers, or none (-1). */
const graphError = (status: number, code: string | null, headers: Record<string, string> = {}) =>
  Object.assign(new GraphError(status, 'Graph said no'), { code, headers: new Headers(headers) });
const GRAPH_FAILURES: Record<string, GraphError> = {
  throttled: graphError(429, 'TooManyRequests', { 'Retry-After': '3' }),
  'busy-503': graphError(503, 'ServiceNotAvailable', { 'Retry-After': '1' }),
  'down-503': graphError(503, 'ServiceNotAvailable'),
  'internal-500': graphError(500, 'InternalServerError'),
  network: graphError(-1, 'TypeError'),
  denied: graphError(403, 'ErrorAccessDenied'),
};
GRAPH_FAILURES.network!.message = 'fetch failed';
routes.get('/api/graph/:failure', (req) => {
  throw GRAPH_FAILURES[req.params.failure as string];
});
routes.post('/api/login', (req, res) => {
  req.log.info({ body: req.body }, 'login attempt');
  res.status(204).end();
});

describe('server shell', () => {
  it('answers unknown API routes with a problem+json 404', async () => {
    const r = await request(appWith(routes)).get('/api/nope');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({ title: 'Not found', status: 404, instance: '/api/nope' });
  });

  it('answers malformed JSON with 400 and validation failures with every issue', async () => {
    const app = appWith(routes);
    const bad = await request(app).post('/api/echo').set('content-type', 'application/json').send('{"name":');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('malformed_json');
    const invalid = await request(app).post('/api/echo').send({ name: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body.name' }] });
    expect((await request(app).post('/api/echo').send({ name: 'Megan' })).body).toEqual({
      body: { name: 'Megan' },
    });
  });

  it('never leaks internal errors, and says which request failed', async () => {
    const r = await request(appWith(routes)).get('/api/boom').set('x-request-id', 'req-123');
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toContain('secret internal detail');
    expect(r.body.requestId).toBe('req-123');
    expect(r.headers['x-request-id']).toBe('req-123');
    // Without a usable id (absent, or not a plain token) the server makes one and still echoes it.
    for (const incoming of [undefined, 'bad id\twith\tcontrol', 'x'.repeat(300)]) {
      const req = request(appWith(routes)).get('/api/boom');
      const res = incoming ? await req.set('x-request-id', incoming) : await req;
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    }
    expect((await request(appWith(routes)).get('/api/teapot')).body).toMatchObject({
      status: 418,
      code: 'teapot',
    });
  });

  it('answers Graph failures worth retrying with 503 and Retry-After, the others with 502', async () => {
    const app = appWith(routes);
    const answer = async (failure: string) => {
      const r = await request(app).get(`/api/graph/${failure}`);
      return { status: r.status, code: r.body.code, retryAfter: r.headers['retry-after'] ?? null };
    };
    expect(await answer('throttled')).toEqual({ status: 503, code: 'graph_throttled', retryAfter: '10' });
    expect(await answer('busy-503')).toEqual({ status: 503, code: 'graph_throttled', retryAfter: '10' });
    for (const transient of ['down-503', 'internal-500', 'network'])
      expect(await answer(transient)).toEqual({ status: 503, code: 'graph_unavailable', retryAfter: '10' });
    expect(await answer('denied')).toEqual({ status: 502, code: 'graph_error', retryAfter: null });
    const denied = await request(app).get('/api/graph/denied');
    expect(denied.body.detail).toBe('Graph error ErrorAccessDenied (403)');
  });

  it('lets Teams and Outlook frame the pages', async () => {
    const r = await request(appWith(routes)).get('/api/nope');
    expect(r.headers['x-frame-options']).toBeUndefined();
    const csp = r.headers['content-security-policy'] as string;
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    expect(csp).toContain('https://outlook.office.com');
  });

  it('keeps tokens, cookies and secrets out of the logs', async () => {
    const lines: string[] = [];
    await request(appWith(routes, lines))
      .post('/api/login')
      .set('authorization', 'Bearer eyJ.secret.token')
      .set('cookie', 'rapport_session=abc123')
      .send({ client_secret: 'hunter2', assertion: 'eyJassert', code: 'authcode', user: 'megan' });
    const log = lines.join('');
    expect(log).toContain('login attempt');
    expect(log).toContain('megan');
    for (const secret of ['eyJ.secret.token', 'abc123', 'hunter2', 'eyJassert', 'authcode'])
      expect(log).not.toContain(secret);
  });

  it('reports health, and 503 when the database does not answer', async () => {
    const up = await request(appWith(healthRouter({ version: '1', ping: async () => true }))).get(
      '/api/health',
    );
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', database: 'up' });
    const down = await request(appWith(healthRouter({ version: '1', ping: async () => false }))).get(
      '/api/health',
    );
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', database: 'down' });
  });
});

describe('graceful shutdown', () => {
  it('finishes a request in flight before the server closes', async () => {
    const { listen } = await import('../../server/http/listen');
    const slow = express.Router();
    slow.get('/api/slow', async (_req, res) => {
      await new Promise((r) => setTimeout(r, 300));
      res.json({ done: true });
    });
    const server = await listen(appWith(slow), { port: 0, host: '127.0.0.1' });
    const pending = fetch(`${server.url}/api/slow`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 50));
    const closed = server.close(5_000);
    expect(await pending).toEqual({ done: true });
    await closed;
    await expect(fetch(`${server.url}/api/slow`)).rejects.toThrow();
  });
});

describe('shutdown on SIGTERM', () => {
  it('finishes a request that needs the database, closes the server before the database, exits 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-shutdown-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('tests/server/fixtures/shutdownServer.ts'), dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /ready (\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
      });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      const pending = fetch(`${url}/api/slow`);
      await new Promise((r) => setTimeout(r, 150));
      child.kill('SIGTERM');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ finished: true });
      expect(await exited).toBe(0);
      const steps = out.split('\n').filter((l) => l.startsWith('closed'));
      expect(steps).toEqual(['closed http', 'closed database']);
      expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false); // PostgreSQL stopped cleanly
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the built front end', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-web-'));
  for (const page of ['tab', 'pane']) {
    fs.mkdirSync(path.join(dir, page), { recursive: true });
    fs.writeFileSync(path.join(dir, page, 'index.html'), `<!doctype html><title>${page}</title>`);
  }
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'tab-DVZVKhY0.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'assets', 'big-Q1w2E3r4.js'), 'console.log("a chunk");\n'.repeat(500));
  const payload = { people: Array.from({ length: 200 }, (_, i) => ({ name: `Person ${i}`, strength: i })) };
  const api = express.Router();
  api.get('/api/map', (_req, res) => void res.json(payload));
  api.get('/api/people/p1', (_req, res) => void res.json(payload));
  const app = createApp({
    config: { NODE_ENV: 'test' },
    logger: createLogger({ level: 'silent' }),
    routes: [{ path: '/', router: api }],
    staticDir: dir,
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('caches hashed assets forever and revalidates every page', async () => {
    const asset = await request(app).get('/assets/tab-DVZVKhY0.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await request(app).get('/tab/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>tab</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('gzips large text for clients that accept it, and leaves tiny answers alone', async () => {
    const big = await request(app).get('/assets/big-Q1w2E3r4.js').set('Accept-Encoding', 'gzip');
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(big.text).toContain('console.log("a chunk");');
    const plain = await request(app).get('/assets/big-Q1w2E3r4.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const tiny = await request(app).get('/assets/tab-DVZVKhY0.js').set('Accept-Encoding', 'gzip');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    const map = await request(app).get('/api/map').set('Accept-Encoding', 'gzip');
    expect(map.headers['content-encoding']).toBe('gzip');
    expect(map.body).toEqual(payload);
    // The person card is small and hot: never compressed, whatever its size here.
    const card = await request(app).get('/api/people/p1').set('Accept-Encoding', 'gzip');
    expect(card.headers['content-encoding']).toBeUndefined();
  });

  it('serves each page for its client-side routes, but not for missing files', async () => {
    const deep = await request(app).get('/pane/compose/suggestions');
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<title>pane</title>');
    expect((await request(app).get('/tab/missing-chunk.js')).status).toBe(404);
    const unknownApi = await request(app).get('/api/unknown');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('allows the office.js and teams-js script sources, and nothing else from elsewhere', async () => {
    const csp = (await request(app).get('/tab/')).headers['content-security-policy'] as string;
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'));
    expect(scriptSrc?.trim().split(/\s+/).slice(1).sort()).toEqual(
      ["'self'", 'https://appsforoffice.microsoft.com', 'https://res.cdn.office.net'].sort(),
    );
    for (const host of [
      'https://*.teams.microsoft.us',
      'https://*.cloud.microsoft',
      'https://*.microsoft365.com',
    ])
      expect(csp).toContain(host);
  });
});
