import type { Host } from './host';
import { fromTeamsTheme, type ThemeName } from './theme';

/**
 * Inside Teams: teams-js SSO (`getAuthToken`, which Teams caches — call it every time) and the
 * Teams theme, live. Resolves null when the page is not hosted by Teams within `timeoutMs`.
 */
export async function teamsHost(timeoutMs: number, themeOverride?: ThemeName): Promise<Host | null> {
  const { app, authentication } = await import('@microsoft/teams-js');
  const initialized = await Promise.race([
    app.initialize().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs)),
  ]);
  // getContext never settles when initialize failed: only ask once the SDK says it is ready.
  if (!initialized || !app.isInitialized()) return null;
  const context = await app.getContext();
  return {
    kind: 'teams',
    theme: themeOverride ?? fromTeamsTheme(context.app.theme),
    // Older Teams clients may leave the page out of the context.
    subPageId: (context.page as { subPageId?: string } | undefined)?.subPageId ?? null,
    onThemeChange(cb) {
      if (!themeOverride) app.registerOnThemeChangeHandler((t) => cb(fromTeamsTheme(t)));
    },
    getToken: () => authentication.getAuthToken(),
    // Inside Teams a deep link must go through the SDK: the tab's iframe cannot navigate Teams.
    openLink: (url) => app.openLink(url),
    async requestConsent() {
      await authentication.authenticate({
        url: `${window.location.origin}/auth/login?prompt=consent&returnTo=/auth/done`,
        width: 600,
        height: 535,
      });
    },
  };
}
