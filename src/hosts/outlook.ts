import { type Host, openInNewTab } from './host';
import { fromOfficeBackground, type ThemeName } from './theme';

/** Microsoft's hosted office.js: the supported source inside Outlook. */
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

function loadScript(src: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = document.createElement('script');
    const timer = setTimeout(() => resolve(false), timeoutMs);
    s.src = src;
    s.onload = () => {
      clearTimeout(timer);
      resolve(true);
    };
    s.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
    document.head.appendChild(s);
  });
}

/**
 * Inside Outlook: Office SSO (`Office.auth.getAccessToken`, a token for Rapport's API that the
 * backend exchanges on-behalf-of) and Office's theme. Resolves null when not hosted by Outlook
 * within `timeoutMs` — office.js outside Office resolves onReady with no host.
 */
export async function outlookHost(timeoutMs: number, themeOverride?: ThemeName): Promise<Host | null> {
  if (!window.Office && !(await loadScript(OFFICE_JS, timeoutMs))) return null;
  const office = window.Office;
  if (!office) return null;
  const info = await Promise.race([
    office.onReady(),
    new Promise<null>((r) => setTimeout(() => r(null), timeoutMs)),
  ]);
  if (!info || info.host !== office.HostType.Outlook) return null;
  const theme = () => fromOfficeBackground(office.context.officeTheme?.bodyBackgroundColor);
  const getToken = () =>
    office.auth.getAccessToken({
      allowSignInPrompt: true,
      allowConsentPrompt: true,
      forMSGraphAccess: false,
    });
  return {
    kind: 'outlook',
    theme: themeOverride ?? theme(),
    onThemeChange() {
      // Outlook exposes no theme-change event to mail add-ins; the pane picks the theme up on open.
    },
    getToken,
    openLink: openInNewTab,
    async requestConsent() {
      await getToken();
    },
  };
}
