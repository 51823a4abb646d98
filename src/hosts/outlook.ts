import { type Host, openInNewTab } from './host';
import {
  authPlan,
  capabilitiesOf,
  type AuthMethod,
  ssoGetter,
  type TokenGetter,
  tokenChain,
} from './office/auth';
import { type PaneConfig, readPaneConfig } from './office/config';
import { dialogGetter } from './office/dialog';
import { resolveOffice } from './office/load';
import type { OfficeLike } from './office/types';
import { fromOfficeBackground, type ThemeName } from './theme';

export interface OutlookConnection {
  host: Host;
  office: OfficeLike;
  config: PaneConfig;
  /** The sign-in methods in the order they are tried (for diagnostics and tests). */
  plan: AuthMethod[];
}

interface PageWindow {
  Office?: unknown;
  parent?: unknown;
  location?: { search?: string; host?: string; origin?: string };
  matchMedia?: (q: string) => { matches: boolean; addEventListener?: (t: string, cb: () => void) => void };
  addEventListener?: (t: string, cb: () => void) => void;
}

/**
 * Inside Outlook (or the demo harness's Office stand-in): waits for `Office.onReady`, picks the
 * sign-in chain (NAA → Office SSO → Office dialog) and follows Office's theme. Resolves null when
 * not hosted by Outlook within `timeoutMs` — office.js outside Office resolves onReady with no host.
 */
export async function connectOutlook(opts: {
  timeoutMs: number;
  themeOverride?: ThemeName;
  win?: PageWindow;
  naa?: (cfg: { clientId: string; apiScope: string; authority: string }) => Promise<TokenGetter>;
}): Promise<OutlookConnection | null> {
  const win = opts.win ?? (window as unknown as PageWindow);
  const office = await resolveOffice(win, opts.timeoutMs);
  if (!office) return null;
  const info = await Promise.race([
    office.onReady(),
    new Promise<null>((r) => setTimeout(() => r(null), opts.timeoutMs)),
  ]);
  if (!info || info.host !== office.HostType.Outlook) return null;
  const config = readPaneConfig(win.location?.search ?? '', win.location?.host ?? '');
  const plan = authPlan(capabilitiesOf(office, config));
  const getToken = tokenChain(plan, {
    naa: async () => {
      const load = opts.naa ?? (await import('./office/naa')).naaGetter;
      return load({ clientId: config.clientId!, apiScope: config.apiScope!, authority: config.authority });
    },
    sso: async () => ssoGetter(office),
    dialog: async () => dialogGetter(office, win.location?.origin ?? ''),
  });
  const forced = () => win.matchMedia?.('(forced-colors: active)').matches === true;
  const theme = (): ThemeName =>
    opts.themeOverride ??
    (forced()
      ? 'contrast'
      : fromOfficeBackground(office.context.officeTheme?.bodyBackgroundColor ?? undefined));
  const host: Host = {
    kind: 'outlook',
    theme: theme(),
    onThemeChange(cb) {
      if (opts.themeOverride) return;
      // Mail add-ins get no theme-change event: look again when the pane regains focus, and when
      // the system's high contrast changes.
      let last = theme();
      const check = () => {
        const now = theme();
        if (now !== last) cb((last = now));
      };
      win.addEventListener?.('focus', check);
      win.matchMedia?.('(forced-colors: active)').addEventListener?.('change', check);
    },
    getToken,
    openLink: openInNewTab,
    async requestConsent() {
      await getToken({ forceRefresh: true });
    },
  };
  return { host, office, config, plan };
}

/** The Host alone (host detection for the tab and tests). */
export async function outlookHost(timeoutMs: number, themeOverride?: ThemeName): Promise<Host | null> {
  return (await connectOutlook({ timeoutMs, themeOverride }))?.host ?? null;
}
