import { z } from 'zod';
import { type Host, openInNewTab } from './host';
import { fromMediaQueries, type ThemeName } from './theme';

const tokenResponse = z.object({ accessToken: z.string(), expiresOn: z.string().nullable() });

/** Sends the browser to the sign-in flow, coming back to where it was. */
export function goToSignIn(prompt?: string): never {
  const here = `${window.location.pathname}${window.location.search.replace(/([?&])signin_error=[^&]*/, '$1')}`;
  window.location.assign(
    `/auth/login?returnTo=${encodeURIComponent(here)}${prompt ? `&prompt=${prompt}` : ''}`,
  );
  throw new Error('redirecting to sign-in');
}

/**
 * A plain browser: the backend holds the sign-in session (HttpOnly cookie) and hands out short-lived
 * access tokens for the API; they are kept in memory only and refreshed a minute before expiry.
 */
export function standaloneHost(themeOverride?: ThemeName): Host {
  let cached: { token: string; expiresAt: number } | null = null;
  const media = (q: string) => window.matchMedia?.(q).matches ?? false;
  return {
    kind: 'standalone',
    theme: themeOverride ?? fromMediaQueries(media),
    onThemeChange(cb) {
      if (themeOverride || !window.matchMedia) return;
      for (const q of ['(prefers-color-scheme: dark)', '(forced-colors: active)']) {
        window.matchMedia(q).addEventListener('change', () => cb(fromMediaQueries(media)));
      }
    },
    async getToken(opts) {
      if (cached && !opts?.forceRefresh && cached.expiresAt - Date.now() > 60_000) return cached.token;
      const res = await fetch('/auth/token', {
        method: 'POST',
        credentials: 'include',
        headers: { 'X-Rapport-Request': '1' },
      });
      if (res.status === 401) goToSignIn();
      if (!res.ok) throw new Error(`Could not get a token (${res.status})`);
      const body = tokenResponse.parse(await res.json());
      cached = {
        token: body.accessToken,
        expiresAt: body.expiresOn ? Date.parse(body.expiresOn) : Date.now() + 5 * 60_000,
      };
      return cached.token;
    },
    async signOut() {
      const res = await fetch('/auth/logout', {
        method: 'POST',
        credentials: 'include',
        headers: { 'X-Rapport-Request': '1' },
      });
      cached = null;
      const body = z
        .object({ endSessionUrl: z.string().nullable() })
        .safeParse(await res.json().catch(() => null));
      window.location.assign(body.success && body.data.endSessionUrl ? body.data.endSessionUrl : '/tab/');
    },
    openLink: openInNewTab,
    async requestConsent() {
      goToSignIn('consent');
    },
  };
}
