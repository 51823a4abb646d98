import { mapResponse } from '../../contract/map';
import type { TokenSource } from './api';
import { useApi } from './useApi';

/** `GET /api/map` as the wire contract (contract/map.ts) has it: what the tab's views are drawn from. */
export type {
  Band,
  Evidence as EvidenceInfo,
  FunctionSummary,
  MapPerson,
  MonthShare,
  MapResponse as RelationshipMap,
  Stakeholder as StakeholderInfo,
} from '../../contract/map';

/**
 * Everyone, up to the server's maximum for `limit`: the table lists them all, the map draws the
 * strongest 300 and groups the rest per function, and a person opened from either is in the list.
 * One list for all three views, so their counts agree and switching views fetches nothing.
 */
export const MAP_LIMIT = 5000;

export function useMap(getToken: TokenSource) {
  return useApi(getToken, `/api/map?limit=${MAP_LIMIT}`, mapResponse);
}
