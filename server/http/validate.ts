import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { sendProblem } from './problem';

/** The zod schemas a request's parts must satisfy; a part without one is not read. */
export interface RequestSchemas<P = unknown, Q = unknown, B = unknown> {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
}

export interface ValidationIssue {
  path: string;
  message: string;
}

const PARTS = ['params', 'query', 'body'] as const;
type RequestPart = (typeof PARTS)[number];

/**
 * Parses params, query and body against their schemas: every part's parsed value, or every issue
 * of every part (so a client fixes them all at once, not one round trip each).
 */
export function parseRequest(
  schemas: RequestSchemas,
  req: Request,
): { ok: true; values: Partial<Record<RequestPart, unknown>> } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const values: Partial<Record<RequestPart, unknown>> = {};
  for (const part of PARTS) {
    const schema = schemas[part];
    if (!schema) continue;
    const r = schema.safeParse(req[part]);
    if (r.success) values[part] = r.data;
    else
      for (const i of r.error.issues) issues.push({ path: [part, ...i.path].join('.'), message: i.message });
  }
  return issues.length ? { ok: false, issues } : { ok: true, values };
}

/** The 400 problem every invalid request gets: the first issue as detail, all of them listed. */
export function sendValidationProblem(res: Response, issues: ValidationIssue[]): void {
  sendProblem(res, 400, {
    title: 'Invalid request',
    code: 'validation_failed',
    detail: issues[0]!.message,
    errors: issues,
  });
}

/**
 * Validates params, query and body against zod schemas before the handler runs; a bad request gets
 * a 400 problem listing every issue. Parsed values are stored in `res.locals.valid`. Routes of the
 * API use `route` (route.ts), which hands the handler typed values instead.
 */
export function validate(schemas: RequestSchemas): RequestHandler {
  return (req, res, next) => {
    const parsed = parseRequest(schemas, req);
    if (!parsed.ok) {
      sendValidationProblem(res, parsed.issues);
      return;
    }
    res.locals.valid = parsed.values;
    next();
  };
}

declare module 'express-serve-static-core' {
  interface Locals {
    valid?: Record<string, unknown>;
  }
}
