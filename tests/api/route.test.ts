import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { AuthenticatedUser } from '../../server/auth/types';
import { createApp } from '../../server/app';
import { HttpError } from '../../server/http/problem';
import { route } from '../../server/http/route';
import { createLogger } from '../../server/logger';

/** The route helper on its own: typed parts, the API's 400 problem, the user, async errors. */
const user: AuthenticatedUser = {
  tid: 't1',
  oid: 'o1',
  name: null,
  preferredUsername: null,
  scopes: ['access_as_user'],
  assertion: 'x',
};
const signedIn: express.RequestHandler = (_req, res, next) => {
  res.locals.user = user;
  next();
};

const params = z.object({ id: z.string().min(2) });
const query = z.object({ limit: z.coerce.number().int().min(1).default(10) });
const body = z.object({ note: z.string().trim().min(1) }).strict();

const routes = express.Router();
routes.post(
  '/api/things/:id',
  signedIn,
  route({ params, query, body }, async (input, res) => {
    expectTypeOf(input.params).toEqualTypeOf<{ id: string }>();
    expectTypeOf(input.query).toEqualTypeOf<{ limit: number }>();
    expectTypeOf(input.body).toEqualTypeOf<{ note: string }>();
    expectTypeOf(input.user).toEqualTypeOf<AuthenticatedUser>();
    res.status(201).json({ oid: input.user.oid, ...input.params, ...input.query, ...input.body });
  }),
);
routes.get(
  '/api/plain',
  signedIn,
  route({}, ({ params, query, body }, res) => {
    expectTypeOf(params).toEqualTypeOf<undefined>();
    res.json({ params: params ?? null, query: query ?? null, body: body ?? null });
  }),
);
routes.get(
  '/api/missing',
  signedIn,
  route({}, async () => {
    await Promise.resolve();
    throw new HttpError(404, { title: 'Not on your map', code: 'not_found' });
  }),
);
routes.get(
  '/api/anonymous',
  route({}, (_input, res) => {
    res.json({ reached: true });
  }),
);

const app = createApp({
  config: { NODE_ENV: 'test' },
  logger: createLogger({ level: 'silent' }, new Writable({ write: (_c, _e, cb) => cb() })),
  routes: [{ path: '/', router: routes }],
});

describe('route()', () => {
  it('hands the handler the parsed parts and the caller', async () => {
    const r = await request(app).post('/api/things/ab?limit=3').send({ note: '  thanks ' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ oid: 'o1', id: 'ab', limit: 3, note: 'thanks' });
    // Defaults come from the schema; a part without one is not read at all.
    expect((await request(app).post('/api/things/ab').send({ note: 'x' })).body.limit).toBe(10);
    expect((await request(app).get('/api/plain?x=1')).body).toEqual({
      params: null,
      query: null,
      body: null,
    });
  });

  it('answers invalid input with the 400 problem listing every issue, without running the handler', async () => {
    const r = await request(app).post('/api/things/a?limit=0').send({ note: '', extra: 1 });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      code: 'validation_failed',
      instance: '/api/things/a?limit=0',
    });
    expect(r.body.detail).toBe(r.body.errors[0].message);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'params.id',
      'query.limit',
      'body.note',
      'body',
    ]);
  });

  it('passes an async error to the error handler', async () => {
    const r = await request(app).get('/api/missing');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ title: 'Not on your map', code: 'not_found' });
  });

  it('refuses to run without an authenticated user (a route mounted without requireUser)', async () => {
    const r = await request(app).get('/api/anonymous');
    expect(r.status).toBe(500);
    expect(r.body).not.toHaveProperty('reached');
  });
});
