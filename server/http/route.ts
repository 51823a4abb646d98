import type { Request, RequestHandler, Response } from 'express';
import type { AuthenticatedUser } from '../auth/types';
import { parseRequest, type RequestSchemas, sendValidationProblem } from './validate';

/** What a route's handler is given: the caller, and each request part as its schema parsed it. */
export interface RouteInput<P, Q, B> {
  user: AuthenticatedUser;
  /** The parsed path parameters; undefined when the route declares no schema for them. */
  params: P;
  query: Q;
  body: B;
  req: Request;
}

/**
 * One API route: its request parts validated against zod schemas (an invalid request gets the
 * API's 400 problem, the handler never runs), the handler typed from those schemas and given the
 * authenticated user. Mount it behind `requireUser`; a route reached without a user is a wiring
 * bug, so it fails as a 500 instead of running anonymously. Express 5 passes a rejected handler's
 * error to the error handler.
 *
 *   router.get('/api/map', route({ query: mapQuery }, async ({ user, query }, res) => …));
 */
export function route<P = undefined, Q = undefined, B = undefined>(
  schemas: RequestSchemas<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>, res: Response) => Promise<void> | void,
): RequestHandler {
  return async (req, res) => {
    const user = res.locals.user;
    if (!user) throw new Error(`${req.method} ${req.path} is mounted without requireUser`);
    const parsed = parseRequest(schemas, req);
    if (!parsed.ok) {
      sendValidationProblem(res, parsed.issues);
      return;
    }
    // Each value was parsed by the schema of its part, so it has that schema's output type; a part
    // without a schema is undefined, the type parameter's default.
    const { params, query, body } = parsed.values as { params: P; query: Q; body: B };
    await handler({ user, params, query, body, req }, res);
  };
}
