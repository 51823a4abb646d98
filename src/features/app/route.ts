import { TABS, type TabId } from './tabs';

/**
 * The tab's place in the URL's hash: the view (`#table`), and for the Suggestions view the person
 * a suggestion was asked for (`#suggestions?for=megan%40contoso.com`), so a reload or a link opens
 * the same thing.
 */
export interface Route {
  tab: TabId;
  /** Suggestions only: the address of the person to propose a time with, first. */
  suggestFor: string | null;
}

export function parseHash(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  const id = q < 0 ? raw : raw.slice(0, q);
  const tab = TABS.some((t) => t.id === id) ? (id as TabId) : 'map';
  let suggestFor: string | null = null;
  if (tab === 'suggestions' && q >= 0) {
    const value = new URLSearchParams(raw.slice(q + 1)).get('for')?.trim();
    suggestFor = value ? value : null;
  }
  return { tab, suggestFor };
}

export function hashOf(route: Route): string {
  return route.tab === 'suggestions' && route.suggestFor
    ? `#suggestions?${new URLSearchParams({ for: route.suggestFor }).toString()}`
    : `#${route.tab}`;
}
