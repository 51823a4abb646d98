/** The tab's views, in navigation order; the id is also the URL's hash. */
export const TABS = [
  { id: 'map', label: 'Map' },
  { id: 'table', label: 'Table' },
  { id: 'coverage', label: 'Coverage' },
  { id: 'actions', label: 'Next actions' },
  { id: 'suggestions', label: 'Suggestions' },
  { id: 'review', label: 'Monthly review' },
  { id: 'settings', label: 'Settings' },
  { id: 'you', label: 'You' },
] as const;
export type TabId = (typeof TABS)[number]['id'];
/** The views drawn from one fetch of the map (MapData). */
export type MapTab = Extract<TabId, 'map' | 'table' | 'actions'>;
