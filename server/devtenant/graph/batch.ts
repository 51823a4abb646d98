import http from 'node:http';
import https from 'node:https';
import express, { type Request } from 'express';
import { z } from 'zod';
import { GraphError } from './errors';

/**
 * JSON batching (`POST /v1.0/$batch`): up to 20 requests, each sent back through the same Graph
 * surface on loopback — so each one is authenticated, throttled and fault-injected on its own, and a
 * throttled sub-request comes back as `status: 429` inside a 200, as Graph does.
 */
const batchSchema = z.object({
  requests: z
    .array(
      z.object({
        id: z.string().min(1),
        method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
        url: z.string().min(1),
        headers: z.record(z.string(), z.string()).optional(),
        body: z.unknown().optional(),
        dependsOn: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});
type SubRequest = z.infer<typeof batchSchema>['requests'][number];
interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

function send(req: Request, sub: SubRequest): Promise<SubResponse> {
  const secure = req.protocol === 'https';
  // Batch URLs are written by hand (the docs' own contain spaces): escape what HTTP cannot carry.
  const path = `/v1.0${sub.url.startsWith('/') ? '' : '/'}${sub.url}`.replace(/[^\x21-\x7e]/g, (c) =>
    encodeURIComponent(c),
  );
  const body = sub.body === undefined ? undefined : JSON.stringify(sub.body);
  const headers: Record<string, string> = { ...(sub.headers ?? {}) };
  const auth = req.header('authorization');
  if (auth) headers.authorization = auth;
  // Links inside sub-responses (nextLink, context) must name the host the client called.
  const host = req.header('host');
  if (host) headers.host = host;
  if (body) headers['content-type'] ??= 'application/json';
  return new Promise((resolve) => {
    const r = (secure ? https : http).request(
      {
        host: '127.0.0.1',
        port: req.socket.localPort,
        method: sub.method,
        path,
        headers,
        // The dev tenant calling itself on loopback: its own certificate, no need to verify it.
        ...(secure ? { rejectUnauthorized: false, servername: 'localhost' } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const out: SubResponse = { id: sub.id, status: res.statusCode ?? 500, headers: {} };
          const names: Record<string, string> = {
            'retry-after': 'Retry-After',
            'content-type': 'Content-Type',
            'cache-control': 'Cache-Control',
            'odata-version': 'OData-Version',
            'x-ms-resource-unit': 'x-ms-resource-unit',
            location: 'Location',
            'preference-applied': 'Preference-Applied',
          };
          for (const [h, name] of Object.entries(names)) {
            const v = res.headers[h];
            if (typeof v === 'string') out.headers[name] = v;
          }
          if (text) {
            try {
              out.body = JSON.parse(text);
            } catch {
              out.body = text;
            }
          }
          resolve(out);
        });
      },
    );
    r.on('error', () =>
      resolve({
        id: sub.id,
        status: 503,
        headers: {},
        body: { error: { code: 'ServiceNotAvailable', message: 'The sub-request failed.' } },
      }),
    );
    if (body) r.write(body);
    r.end();
  });
}

export function createBatchRouter(): express.Router {
  const router = express.Router();
  router.post('/$batch', express.json({ limit: '4mb' }), async (req, res, next) => {
    const parsed = batchSchema.safeParse(req.body);
    if (!parsed.success) return next(new GraphError(400, 'BadRequest', 'Invalid batch payload format.'));
    const requests = parsed.data.requests;
    if (requests.length > 20)
      return next(
        new GraphError(400, 'BadRequest', 'Number of batch request steps exceeds the maximum of 20.'),
      );
    const ids = new Set(requests.map((r) => r.id));
    if (ids.size !== requests.length)
      return next(new GraphError(400, 'BadRequest', 'Batch request contains duplicate request ids.'));
    for (const r of requests) {
      if (
        r.body !== undefined &&
        !Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')
      ) {
        return next(
          new GraphError(400, 'BadRequest', `Content-Type header is required for request with id ${r.id}.`),
        );
      }
      for (const d of r.dependsOn ?? [])
        if (!ids.has(d))
          return next(new GraphError(400, 'BadRequest', `Request ${r.id} depends on unknown request ${d}.`));
    }
    const results = new Map<string, Promise<SubResponse>>();
    const run = (r: SubRequest): Promise<SubResponse> => {
      const existing = results.get(r.id);
      if (existing) return existing;
      const p = (async () => {
        const deps = await Promise.all(
          (r.dependsOn ?? []).map((d) => run(requests.find((x) => x.id === d)!)),
        );
        if (deps.some((d) => d.status >= 400)) {
          return {
            id: r.id,
            status: 424,
            headers: {},
            body: { error: { code: 'FailedDependency', message: 'A dependent request failed.' } },
          };
        }
        return send(req, r);
      })();
      results.set(r.id, p);
      return p;
    };
    const responses = await Promise.all(requests.map(run));
    // Graph may answer out of order; finished-first order makes clients correlate by id.
    res.json({
      responses: responses.sort((a, b) => (a.status === b.status ? 0 : a.status < b.status ? -1 : 1)),
    });
  });
  return router;
}
