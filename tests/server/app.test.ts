import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
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
    expect((await request(appWith(routes)).get('/api/teapot')).body).toMatchObject({
      status: 418,
      code: 'teapot',
    });
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
