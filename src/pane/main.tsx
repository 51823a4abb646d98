import { createRoot } from 'react-dom/client';
import { connectOutlook } from '../hosts/outlook';
import type { ThemeName } from '../hosts/theme';
import { startPeopleFeed } from './feed';
import { PaneShell } from './PaneShell';

// The Outlook pane: a card for every colleague on the email being read or written.
// The same page options as src/lib/config.ts (host hint, theme override), read without zod: the
// pane's first download stays small.
const search = new URLSearchParams(window.location.search);
const pick = <T extends string>(v: string | null, allowed: readonly T[]) =>
  allowed.includes(v as T) ? (v as T) : undefined;
const config = {
  host: pick(search.get('host'), ['teams', 'outlook', 'standalone'] as const),
  theme: pick<ThemeName>(search.get('theme'), ['light', 'dark', 'contrast']),
};
const root = createRoot(document.getElementById('root')!);

if (search.get('authDialog') === '1') {
  // This page, opened in the Office dialog after Rapport's sign-in: hand the token to the pane.
  const [{ presentOffice, resolveOffice }, { runAuthDialogPage }] = await Promise.all([
    import('../hosts/office/load'),
    import('../hosts/office/dialog'),
  ]);
  const office = presentOffice(window) ?? (await resolveOffice(window, 5000));
  if (office) await runAuthDialogPage(office, search.get('signin_error'));
  document.body.textContent = 'Signed in. You can close this window.';
} else {
  const framed = window.self !== window.top;
  const outlook =
    config.host === 'standalone'
      ? null
      : await connectOutlook({
          timeoutMs: framed || config.host === 'outlook' ? 5000 : 1500,
          themeOverride: config.theme,
        }).catch(() => null);
  if (outlook) {
    // The item's people and their cards are asked for first; React draws the shell while they come.
    const feed = startPeopleFeed(outlook.office, outlook.host.getToken);
    await Promise.race([feed.settled, new Promise((r) => setTimeout(r, 150))]);
    root.render(
      <PaneShell
        host={outlook.host}
        office={outlook.office}
        teamsAppId={outlook.config.teamsAppId}
        feed={feed}
      />,
    );
  } else {
    const { standaloneHost } = await import('../hosts/standalone');
    root.render(<PaneShell host={standaloneHost(config.theme)} office={null} teamsAppId={null} />);
  }
}
