import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const REDACTED = '[redacted]';

/** Field names whose values never reach a log line, at any depth of a logged object. */
const SENSITIVE_KEY = /token|secret|password|passwd|assertion|authorization|cookie|api[-_]?key|database_url/i;
/** `code` is an authorization code in request bodies and queries, but an error code elsewhere. */
const REQUEST_PARTS = new Set(['body', 'query', 'params', 'form']);
const MAX_DEPTH = 8;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/**
 * A copy of `value` with sensitive fields blanked. Only plain objects and arrays are walked: errors,
 * requests and responses are left to their serializers (which keep no headers, see app.ts).
 */
export function redactSensitive(value: unknown, parentKey = '', depth = 0): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => redactSensitive(v, parentKey, depth + 1));
  if (!isPlain(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const sensitive =
      SENSITIVE_KEY.test(key) || (/^code(_verifier)?$/i.test(key) && REQUEST_PARTS.has(parentKey));
    out[key] = sensitive && v !== undefined && v !== null ? REDACTED : redactSensitive(v, key, depth + 1);
  }
  return out;
}

/** Headers of serialized requests and responses, should a serializer ever keep them. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-ms-token-aad-access-token"]',
  'res.headers["set-cookie"]',
];

export function createLogger(opts: { level: string }, destination?: DestinationStream): Logger {
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: { log: (obj) => redactSensitive(obj) as Record<string, unknown> },
      base: { service: 'rapport' },
    },
    destination,
  );
}
