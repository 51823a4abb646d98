import type { TokenSource } from '../lib/api';
import type { ThemeName } from './theme';

/** Where the page runs, and what that host gives it: a token for Rapport's API and a theme. */
export interface Host {
  kind: 'teams' | 'outlook' | 'standalone';
  getToken: TokenSource;
  theme: ThemeName;
  onThemeChange(cb: (t: ThemeName) => void): void;
  /** Standalone only: end the sign-in session (here and at the identity provider) and leave the page. */
  signOut?: () => Promise<void>;
  /** Ask for consent to Graph permissions (after a consent_required answer). */
  requestConsent(): Promise<void>;
  /** Teams: the sub-entity a deep link to the tab carried (`person:<address>`), if any. */
  subPageId?: string | null;
  /** Opens a link outside the page: a Teams deep link (chat, new meeting) or a download. */
  openLink(url: string): Promise<void>;
}

/** Outside Teams: a new browser tab, with no access back to this page. */
export async function openInNewTab(url: string): Promise<void> {
  window.open(url, '_blank', 'noopener,noreferrer');
}
