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

export function securityHeaders() {
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
