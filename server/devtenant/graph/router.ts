import express, { type ErrorRequestHandler } from 'express';
import type { TenantData } from '../model';
import type { GraphAuthenticator } from '../principal';
import { createBatchRouter } from './batch';
import type { GraphContext } from './context';
import { GraphError, sendGraphError } from './errors';
import type { FaultController } from './faults';
import { outlookMailbox } from './throttle';
import { createDirectoryRouter } from './users';

/**
 * The dev tenant's Microsoft Graph v1.0 surface, mounted at /v1.0: authentication, faults and
 * throttling first, then the directory, mail and calendar resources and $batch.
 */
export function createGraphRouter(opts: {
  data: TenantData;
  authenticate: GraphAuthenticator;
  faults?: FaultController;
  clock?: () => Date;
  mailCalendar?: (ctx: GraphContext) => express.Router;
}): express.Router {
  const byKey = new Map<string, TenantData['users'][number]>();
  for (const u of opts.data.users) {
    byKey.set(u.id.toLowerCase(), u);
    byKey.set(u.userPrincipalName.toLowerCase(), u);
    if (u.mail) byKey.set(u.mail.toLowerCase(), u);
  }
  const ctx: GraphContext = {
    data: opts.data,
    clock: opts.clock ?? (() => new Date()),
    resolveUser: (key, principal) =>
      byKey.get((key === 'me' ? principal.oid : decodeURIComponent(key)).toLowerCase()),
  };
  const router = express.Router();
  router.use(async (req, res, next) => {
    res.setHeader('request-id', crypto.randomUUID());
    res.setHeader('client-request-id', req.header('client-request-id') ?? crypto.randomUUID());
    res.setHeader('OData-Version', '4.0');
    res.setHeader('Cache-Control', 'no-cache');
    try {
      res.locals.principal = await opts.authenticate(req.header('authorization'));
      next();
    } catch (err) {
      next(err);
    }
  });
  if (opts.faults) {
    router.use(opts.faults.middleware());
    router.use(opts.faults.throttle.middleware(outlookMailbox));
    router.use(opts.faults.latencyMiddleware());
  }
  router.use(createBatchRouter());
  router.use(createDirectoryRouter(ctx));
  if (opts.mailCalendar) router.use(opts.mailCalendar(ctx));
  router.use((req, _res, next) => {
    const segment = req.path.split('/').filter(Boolean).pop() ?? '';
    next(new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`));
  });
  router.use(((err, _req, res, _next) => {
    if (err instanceof GraphError) return sendGraphError(res, err);
    const e = err as { type?: string };
    if (e.type === 'entity.parse.failed')
      return sendGraphError(res, new GraphError(400, 'BadRequest', 'Unable to read JSON request payload.'));
    return sendGraphError(
      res,
      new GraphError(500, 'InternalServerError', 'An internal server error occurred.'),
    );
  }) as ErrorRequestHandler);
  return router;
}
