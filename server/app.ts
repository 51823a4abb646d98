import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GraphError } from '@microsoft/microsoft-graph-client';
import compression from 'compression';
import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Config } from './config';
import { classifyGraphError, describeGraphFailure, GraphTokenError, isRetryable } from './graph/errors';
import { HttpError, sendProblem } from './http/problem';
import { requestLog } from './http/requestLog';
import { securityHeaders } from './http/security';
import type { Logger } from './logger';

export interface AppRoute {
  /** Mount path; routers usually carry full paths and mount at '/'. */
  path: string;
  router: Router;
}

export interface AppDeps {
  /** RAPPORT_MODE 'demo' also serves the Outlook harness page (/harness/); any other mode hides it. */
  config: Pick<Config, 'NODE_ENV'> & Partial<Pick<Config, 'RAPPORT_MODE'>>;
  logger: Logger;
  routes: AppRoute[];
  /** The built front end (dist/web): /tab/ and /pane/ (and /harness/ in demo mode). */
  staticDir?: string;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Maps anything thrown by a route to a problem response; internal details never leave the server. */
function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // A token problem met inside a Graph call (consent withdrawn, sign-in needed) is answered as
    // itself, just like one met before the call.
    const cause = err instanceof GraphTokenError ? err.cause : err;
    if (cause instanceof HttpError) {
      sendProblem(res, cause.status, cause.problem, cause.headers);
      return;
    }
    const e = err as { type?: string; status?: number; statusCode?: number };
    if (e.type === 'entity.parse.failed') {
      sendProblem(res, 400, { title: 'Malformed JSON body', code: 'malformed_json' });
      return;
    }
    if (e.type === 'entity.too.large') {
      sendProblem(res, 413, { title: 'Request body too large', code: 'body_too_large' });
      return;
    }
    if (err instanceof GraphError || err instanceof GraphTokenError) {
      // Graph answered after the SDK's own retries: say so plainly, without Graph's internals.
      const f = classifyGraphError(err);
      req.log?.warn(
        { graphStatus: f.status, graphCode: f.graphCode, graphFailure: f.code },
        'Microsoft Graph request failed',
      );
      const detail = `Graph error ${describeGraphFailure(f)}`;
      if (isRetryable(f)) {
        // The same request may well succeed shortly: say when to try again.
        const throttled = f.code === 'throttled';
        sendProblem(
          res,
          503,
          {
            title: throttled
              ? 'Microsoft Graph is busy; try again shortly'
              : 'Microsoft Graph is unavailable; try again shortly',
            code: throttled ? 'graph_throttled' : 'graph_unavailable',
            detail,
          },
          { 'Retry-After': '10' },
        );
      } else sendProblem(res, 502, { title: 'Microsoft Graph request failed', code: 'graph_error', detail });
      return;
    }
    (req.log ?? logger).error({ err }, 'unhandled error');
    sendProblem(res, 500, { title: 'Internal server error', code: 'internal_error' });
  };
}

/** Small answers asked for often: never worth compressing. */
const HOT_SMALL = /^\/api\/(people\/|me$|health$|sync\/status$)/;

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    const incoming = req.header('x-request-id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', id);
    next();
  });
  app.use(requestLog(deps.logger, { ignore: (url) => url === '/api/health' }));
  app.use(securityHeaders());
  // A sales leader's map is a few hundred KB of JSON and the tab's chunks are text: gzip them for
  // Teams and Outlook clients on real networks (answers under 1 KB are left alone). The hot small
  // answers — the Outlook person card, sync polls, health — skip it altogether: compression wraps
  // every response it sees, which costs them ~10 % of their throughput for nothing.
  const compress = compression({ threshold: 1024 });
  app.use((req, res, next) => (HOT_SMALL.test(req.path) ? next() : compress(req, res, next)));
  app.use(express.json({ limit: '1mb' }));

  for (const r of deps.routes) app.use(r.path, r.router);

  app.use('/api', (req, res) =>
    sendProblem(res, 404, { title: 'Not found', detail: `No API route ${req.method} ${req.originalUrl}` }),
  );

  if (deps.staticDir) {
    const dir = deps.staticDir;
    const demo = deps.config.RAPPORT_MODE === 'demo';
    // The harness plays Outlook around the pane with the demo's data: never part of a real deployment.
    if (!demo)
      app.use('/harness', (req, res) =>
        sendProblem(res, 404, { title: 'Not found', detail: `Nothing at ${req.originalUrl}` }),
      );
    app.use(
      express.static(dir, {
        index: 'index.html',
        setHeaders: (res, file) => {
          // Vite puts a content hash in asset names: cache them forever, never the HTML.
          if (file.includes(`${path.sep}assets${path.sep}`))
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          else res.setHeader('Cache-Control', 'no-cache');
        },
      }),
    );
    for (const page of demo ? ['tab', 'pane', 'harness'] : ['tab', 'pane']) {
      const html = path.join(dir, page, 'index.html');
      if (fs.existsSync(html)) {
        // Client-side routes (no file extension) get the page; a missing file stays a 404.
        app.get(`/${page}/{*rest}`, (req, res, next) => {
          if (/\.[^/]*$/.test(req.path)) return next();
          res.setHeader('Cache-Control', 'no-cache');
          res.sendFile(html);
        });
      }
    }
    app.get('/', (_req, res) => res.redirect('/tab/'));
  }
  app.use((req, res) =>
    sendProblem(res, 404, { title: 'Not found', detail: `Nothing at ${req.originalUrl}` }),
  );
  app.use(errorHandler(deps.logger));
  return app;
}
