import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Hosts that frame Rapport: Teams (web, desktop, government clouds), Outlook on the web and the
 * Microsoft 365 app. `frame-ancestors` replaces X-Frame-Options, which would forbid them all.
 */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://local.teams.office.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.outlook.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
];

/**
 * Helmet's headers, computed once: they are the same for every response (no per-request nonce),
 * so one loop of setHeader replaces a dozen middleware calls per request.
 */
export function securityHeaders(): RequestHandler {
  const headers: Array<[string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string) => void headers.push([name, String(value)]),
    removeHeader: () => {},
    getHeader: () => undefined,
  };
  let done = false;
  helmetMiddleware()({} as never, recorder as never, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    res.removeHeader('X-Powered-By');
    next();
  };
}

function helmetMiddleware() {
  return helmet({
    frameguard: false,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'frame-ancestors': FRAME_ANCESTORS,
        'script-src': ["'self'", 'https://res.cdn.office.net', 'https://appsforoffice.microsoft.com'],
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'style-src': ["'self'", "'unsafe-inline'"], // Fluent UI (Griffel) injects styles at run time
        'form-action': null,
        'upgrade-insecure-requests': null,
      },
    },
    // Teams and Outlook embed us cross-origin: keep the defaults that would break framing off.
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}
