import { z } from 'zod';
import type { TokenSource } from './api';
import { sendJson } from './useApi';

export const savedStakeholderSchema = z.object({
  address: z.string(),
  status: z.string(),
  selfRating: z.number().nullable(),
});
export const stakeholderPath = (address: string) => `/api/stakeholders/${encodeURIComponent(address)}`;

export const ROLE_TAGS = ['approver', 'sponsor', 'mentor', 'unofficial-leader', 'peer', 'support'] as const;
export type RoleTag = (typeof ROLE_TAGS)[number];

export interface StakeholderFields {
  status?: 'candidate' | 'accepted' | 'rejected';
  why?: string | null;
  notes?: string | null;
  priorities?: string | null;
  challenges?: string | null;
  roleTag?: RoleTag | null;
  cadenceDays?: number | null;
}

/** Creates or updates the curated stakeholder (`PUT /api/stakeholders/:address`). */
export const saveStakeholder = (getToken: TokenSource, address: string, fields: StakeholderFields) =>
  sendJson(getToken, stakeholderPath(address), 'PUT', savedStakeholderSchema, fields);
