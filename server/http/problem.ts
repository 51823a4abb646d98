import type { Response } from 'express';

/** RFC 9457 problem details: every error the API returns has this one shape. */
export interface Problem {
  title: string;
  detail?: string;
  /** A stable machine-readable code, e.g. 'consent_required', 'validation_failed'. */
  code?: string;
  type?: string;
  errors?: Array<{ path: string; message: string }>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'HttpError';
  }
}

export function sendProblem(
  res: Response,
  status: number,
  p: Problem,
  headers: Record<string, string> = {},
): void {
  // Headers carry only printable ASCII; a stray character must not turn a 401 into a crash.
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v.replace(/[^\x20-\x7e]/g, '?'));
  const requestId = res.getHeader('x-request-id');
  res
    .status(status)
    .type('application/problem+json')
    .json({
      type: p.type ?? 'about:blank',
      title: p.title,
      status,
      ...(p.detail ? { detail: p.detail } : {}),
      ...(p.code ? { code: p.code } : {}),
      ...(p.errors ? { errors: p.errors } : {}),
      instance: res.req.originalUrl,
      ...(requestId ? { requestId: String(requestId) } : {}),
    });
}

/** `problem(res, 404, { title: 'Not found' })`: the short name routes use. */
export const problem = sendProblem;
