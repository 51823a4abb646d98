import { GraphClientError, GraphError } from '@microsoft/microsoft-graph-client';
import { ConsentRequiredError, InteractionRequiredError } from '../auth/errors';

/**
 * One reading of every way a Graph call fails — an SDK `GraphError`, a `$batch` sub-response, a
 * dropped connection, a token that could not be had — as a few domain codes. Callers decide on the
 * code, never on raw statuses: wait and retry (throttled, transient), start the stream over
 * (cursorExpired), stop and tell the user (forbidden), or give up. Pure: no I/O, no clock.
 */
export type GraphFailureCode =
  'throttled' | 'transient' | 'cursorExpired' | 'forbidden' | 'notFound' | 'badRequest' | 'unknown';

/** Why Graph refuses, in terms of what the user (or their IT) can do about it. */
export type ForbiddenReason =
  /** Entra: the user or an admin has not consented (or withdrew consent) to a permission. */
  | 'consentRequired'
  /** The user must sign in again (MFA, Conditional Access, a revoked session). */
  | 'signInRequired'
  /** Graph answered 403: the token lacks what the request needs. */
  | 'accessDenied'
  /** The mailbox is inactive, soft-deleted, on-premises or unlicensed: only IT can fix it. */
  | 'mailboxUnavailable';

export interface GraphFailure {
  code: GraphFailureCode;
  /** The HTTP status Graph answered; null when no answer came (network, token). */
  status: number | null;
  /** Graph's `error.code` (or the token or network error's), when there is one. */
  graphCode: string | null;
  /** From `Retry-After` (delta seconds, fractional honoured); null when absent. */
  retryAfterMs: number | null;
  /** Set for `forbidden` only. */
  reason: ForbiddenReason | null;
}

/** A failure already classified (a `$batch` sub-response, say), carried as an exception. */
export class GraphFailureError extends Error {
  constructor(
    readonly failure: GraphFailure,
    message: string,
  ) {
    super(message);
    this.name = 'GraphFailureError';
  }
}

/**
 * No token could be had for a Graph call. The SDK turns whatever the auth provider throws into a
 * GraphError(-1) keeping only its name and message — all but its own GraphClientError, which it
 * passes on — so the provider's error (consent withdrawn, sign-in needed) travels as the cause.
 */
export class GraphTokenError extends GraphClientError {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    // GraphClientError sets its own prototype in its constructor, which would hide this class.
    Object.setPrototypeOf(this, GraphTokenError.prototype);
    this.name = 'GraphTokenError';
  }
}

/** Worth trying again later: the same request may well succeed. */
export const isRetryable = (f: GraphFailure): boolean => f.code === 'throttled' || f.code === 'transient';

/** "ErrorAccessDenied (403)", "HTTP 503", "consent_required": short enough for logs and status. */
export function describeGraphFailure(f: GraphFailure): string {
  if (f.graphCode && f.status !== null) return `${f.graphCode} (${f.status})`;
  if (f.status !== null) return `HTTP ${f.status}`;
  return f.graphCode ?? f.code;
}

/** Fetch's `Headers` (what the SDK keeps) or a plain record (what `$batch` answers carry). */
type HeaderSource = Headers | Record<string, string> | null | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  return Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
}

/** Delta seconds only: Graph sends those (fractional ones too, e.g. "2.128"). */
export function retryAfterMs(headers: HeaderSource): number | null {
  const v = header(headers, 'retry-after');
  const s = v === null || v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : null;
}

const THROTTLE_CODES = /^(TooManyRequests|ApplicationThrottled|activityLimitReached|throttledRequest)$/i;
// Graph spells these PascalCase on the wire and camelCase in the docs.
const CURSOR_CODES = /^(syncStateNotFound|resyncRequired)$/i;
// Usually a 404: the mailbox exists in Entra but Exchange Online will not serve it.
const MAILBOX_CODES = /^(MailboxNotEnabledForRESTAPI|ErrorNonExistentMailbox)$/i;

/** From an HTTP answer (status, Graph's code, Retry-After) to the domain code. */
function fromHttp(status: number, graphCode: string | null, retryAfter: number | null): GraphFailure {
  const f = (code: GraphFailureCode, reason: ForbiddenReason | null = null): GraphFailure => ({
    code,
    status,
    graphCode,
    retryAfterMs: retryAfter,
    reason,
  });
  const c = graphCode ?? '';
  if (CURSOR_CODES.test(c) || status === 410) return f('cursorExpired');
  if (MAILBOX_CODES.test(c)) return f('forbidden', 'mailboxUnavailable');
  if (THROTTLE_CODES.test(c) || status === 429 || status === 509) return f('throttled');
  if (status === 503) return f(retryAfter === null ? 'transient' : 'throttled');
  if (status === 401) return f('forbidden', 'signInRequired');
  if (status === 403) return f('forbidden', 'accessDenied');
  if (status === 404) return f('notFound');
  if (status === 408) return f('transient');
  if (status === 501 || status === 505) return f('badRequest'); // not implemented: retrying won't help
  if (status >= 500) return f('transient');
  if (status >= 400) return f('badRequest');
  return f('unknown');
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
// The SDK wraps a failed fetch into GraphError(-1) keeping only the name and message, so the
// message is all that is left of the socket's story ("fetch failed", undici's "terminated").
const NETWORK_MESSAGE =
  /fetch failed|terminated|socket hang up|other side closed|network|ECONNRESET|ETIMEDOUT|ECONNREFUSED/i;

const prop = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** A dropped or timed-out connection, whoever reports it (Node, undici, the SDK's wrapper). */
function networkCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = prop(e, 'cause'), depth++) {
    const code = str(prop(e, 'code'));
    if (code && NETWORK_CODES.has(code)) return code;
    const name = str(prop(e, 'name'));
    if (name === 'AbortError' || name === 'TimeoutError') return name;
    if (prop(e, 'errorCode') === 'network_error') return 'network_error'; // MSAL reaching Entra
  }
  const message = str(prop(err, 'message'));
  const name = str(prop(err, 'code')) ?? str(prop(err, 'name'));
  if (
    message &&
    (name === 'TypeError' || name === 'FetchError' || name === 'Error') &&
    NETWORK_MESSAGE.test(message)
  )
    return 'network';
  return null;
}

// PostgreSQL's own passing failures (connection lost, serialization, deadlock, shutdown, too many
// connections): a sync that hit one may well succeed next time, like one that met a Graph 503.
const TRANSIENT_SQLSTATE = /^(08|40001|40P01|53300|57P0[1-3])/;

const failure = (
  code: GraphFailureCode,
  graphCode: string | null = null,
  reason: ForbiddenReason | null = null,
): GraphFailure => ({ code, status: null, graphCode, retryAfterMs: null, reason });

/** Anything a Graph call (or the sync around it) threw, as a domain failure. */
export function classifyGraphError(err: unknown): GraphFailure {
  if (err instanceof GraphFailureError) return err.failure;
  if (err instanceof GraphTokenError) return classifyGraphError(err.cause);
  if (err instanceof ConsentRequiredError) return failure('forbidden', 'consent_required', 'consentRequired');
  if (err instanceof InteractionRequiredError)
    return failure('forbidden', 'interaction_required', 'signInRequired');
  const network = networkCode(err);
  if (network) return failure('transient', network);
  if (err instanceof GraphError && err.statusCode > 0)
    return fromHttp(err.statusCode, err.code ?? null, retryAfterMs(err.headers));
  const sqlState = str(prop(err, 'code'));
  if (sqlState && TRANSIENT_SQLSTATE.test(sqlState) && sqlState.length === 5)
    return failure('transient', sqlState);
  return failure('unknown', err instanceof GraphError ? (err.code ?? null) : null);
}

/** A `$batch` sub-response (or any answer read by hand): null when it succeeded. */
export function classifyGraphResponse(res: {
  status: number;
  headers?: HeaderSource;
  body?: unknown;
}): GraphFailure | null {
  if (res.status >= 200 && res.status < 400) return null;
  return fromHttp(res.status, str(prop(prop(res.body, 'error'), 'code')), retryAfterMs(res.headers));
}
