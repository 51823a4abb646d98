import { TABS, type TabId } from './tabs';

/**
 * The tab's place in the URL's hash: the view (`#table`); for the Suggestions view the person a
 * suggestion was asked for (`#suggestions?for=megan%40contoso.com`); for the map's views the person
 * whose panel is open (`#table?person=…`, as the Outlook card's "Open in Teams" links) — so a reload
 * or a link opens the same thing.
 */
export interface Route {
  tab: TabId;
  /** Suggestions only: the address of the person to propose a time with, first. */
  suggestFor: string | null;
  /** Map, table, next actions: the person whose panel is open. */
  person: string | null;
}

const PERSON_TABS: readonly TabId[] = ['map', 'table', 'actions'];

export function parseHash(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  const id = q < 0 ? raw : raw.slice(0, q);
  const tab = TABS.some((t) => t.id === id) ? (id as TabId) : 'map';
  const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const value = (name: string) => params.get(name)?.trim() || null;
  return {
    tab,
    suggestFor: tab === 'suggestions' ? value('for') : null,
    person: PERSON_TABS.includes(tab) ? (value('person')?.toLowerCase() ?? null) : null,
  };
}

export function hashOf(route: Route): string {
  if (route.tab === 'suggestions' && route.suggestFor)
    return `#suggestions?${new URLSearchParams({ for: route.suggestFor }).toString()}`;
  if (PERSON_TABS.includes(route.tab) && route.person)
    return `#${route.tab}?${new URLSearchParams({ person: route.person }).toString()}`;
  return `#${route.tab}`;
}

/**
 * Teams hands a deep link's sub-entity to the tab (`context.page.subPageId`): Rapport's links name
 * a person (`person:<address>`), opened in the table with their panel.
 */
export function routeFromSubPage(subPageId: string | null | undefined): Route | null {
  const m = /^person:(.+@.+)$/.exec(subPageId?.trim() ?? '');
  return m ? { tab: 'table', suggestFor: null, person: m[1]!.toLowerCase() } : null;
}
