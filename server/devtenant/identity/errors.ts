import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { AppRegistration } from './options';

/** Entra's OAuth errors: an AADSTS code in the description, trace and correlation ids, a timestamp. */

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    description: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(description);
  }
}

export function oauthError(
  status: number,
  error: string,
  code: number,
  text: string,
  extra: Record<string, unknown> = {},
) {
  return new OAuthError(status, error, code, `AADSTS${code}: ${text}`, extra);
}

export function sendOAuthError(res: Response, e: OAuthError, clock: () => Date) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const ts = clock()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  res.status(e.status).json({
    error: e.error,
    error_description: `${e.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${ts}`,
    error_codes: [e.code],
    timestamp: ts,
    trace_id: traceId,
    correlation_id: correlationId,
    ...e.extra,
  });
}

/** Entra's AADSTS65001: the user or an admin has not consented to a permission. */
export function consentRequired(app: AppRegistration) {
  return oauthError(
    400,
    'invalid_grant',
    65001,
    `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`,
    { suberror: 'consent_required' },
  );
}
