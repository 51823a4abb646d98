import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out wherever they appear. Tokens, secrets and cookies never reach a log line,
 * whether they arrive in headers, bodies or error objects.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.client_secret',
  '*.assertion',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.idToken',
  '*.id_token',
  '*.token',
  '*.code',
  '*.code_verifier',
  '*.TOKEN_CACHE_KEY',
  '*.AAD_APP_CLIENT_SECRET',
  '*.DATABASE_URL',
];

export function createLogger(opts: { level: string }, destination?: DestinationStream): Logger {
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'rapport' },
    },
    destination,
  );
}
