import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { sendProblem } from './problem';

/**
 * Validates params, query and body against zod schemas before the handler runs; a bad request gets
 * a 400 problem listing every issue. Parsed values are stored in `res.locals.valid`.
 */
export function validate<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(schemas: {
  params?: P;
  query?: Q;
  body?: B;
}): RequestHandler {
  return (req, res, next) => {
    const errors: Array<{ path: string; message: string }> = [];
    const valid: Record<string, unknown> = {};
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const r = schema.safeParse(req[part]);
      if (r.success) valid[part] = r.data;
      else
        for (const i of r.error.issues)
          errors.push({ path: [part, ...i.path].join('.'), message: i.message });
    }
    if (errors.length) {
      sendProblem(res, 400, {
        title: 'Invalid request',
        code: 'validation_failed',
        detail: errors[0]!.message,
        errors,
      });
      return;
    }
    res.locals.valid = valid;
    next();
  };
}

declare module 'express-serve-static-core' {
  interface Locals {
    valid?: Record<string, unknown>;
  }
}
