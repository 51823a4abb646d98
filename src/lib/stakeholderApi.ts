import { savedStakeholderResponse } from '../../contract/stakeholders';
import type { RoleTag, StakeholderStatus } from '../../contract/vocabulary';
import type { TokenSource } from './api';
import { sendJson } from './useApi';

export { ROLE_TAGS, type RoleTag } from '../../contract/vocabulary';

export const stakeholderPath = (address: string) => `/api/stakeholders/${encodeURIComponent(address)}`;

export interface StakeholderFields {
  status?: StakeholderStatus;
  why?: string | null;
  notes?: string | null;
  priorities?: string | null;
  challenges?: string | null;
  roleTag?: RoleTag | null;
  cadenceDays?: number | null;
}

/** Creates or updates the curated stakeholder (`PUT /api/stakeholders/:address`). */
export const saveStakeholder = (getToken: TokenSource, address: string, fields: StakeholderFields) =>
  sendJson(getToken, stakeholderPath(address), 'PUT', savedStakeholderResponse, fields);
