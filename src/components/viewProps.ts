import type { TokenSource } from '../lib/api';
import type { RelationshipMap } from '../lib/mapApi';

/** What every view drawn from `GET /api/map` (map, table, next actions) is given. */
export interface ViewProps {
  map: RelationshipMap;
  getToken: TokenSource;
  onOpen: (address: string) => void;
  onChanged: () => void;
  /** Shows everyone of one function in the table (from a cluster on the map). */
  onShowFunction?: (fn: string) => void;
  /** Opens the Suggestions view (for one person, proposing a time with them first). */
  onSuggest?: (address?: string) => void;
  /** The table opens filtered to this function, its first row focused. */
  focusFunction?: string;
}
