import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/** Graph's error body (fixture error-response.example.json): one place builds it. */
export function graphErrorBody(code: string, message: string, status = 400, clock: Date = new Date()) {
  return {
    error: {
      code,
      message,
      innerError: {
        // Throttling answers carry the HTTP status inside innerError too (fixture throttling-429).
        ...(status === 429 ? { code: '429', message: 'Please retry after', status: '429' } : {}),
        date: clock.toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': randomUUID(),
        'client-request-id': randomUUID(),
      },
    },
  };
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export function sendGraphError(res: Response, err: GraphError): void {
  for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
  res.status(err.status).json(graphErrorBody(err.code, err.message, err.status));
}
