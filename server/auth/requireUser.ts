import type { RequestHandler } from 'express';
import { AuthError } from './errors';
import type { TokenValidator } from './tokenValidator';

/** Requires `Authorization: Bearer <Entra access token for this API>`; sets `res.locals.user`. */
export function requireUser(validator: TokenValidator, realm = 'rapport'): RequestHandler {
  return async (req, res, next) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9\-_.]+)$/i.exec(header.trim());
    if (!match) {
      next(new AuthError(401, 'invalid_token', 'a bearer token is required', realm));
      return;
    }
    try {
      res.locals.user = await validator.validate(match[1]!);
      next();
    } catch (err) {
      next(err);
    }
  };
}
