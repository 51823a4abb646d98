import { z } from 'zod';
import type { TokenSource } from '../../lib/api';
import { sendJson } from '../../lib/useApi';

const saved = z.object({ address: z.string(), status: z.string(), selfRating: z.number().nullable() });
const path = (address: string) => `/api/stakeholders/${encodeURIComponent(address)}`;

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

/** Logs an appreciation ("appreciate them, provide public recognition"). */
export const appreciate = (getToken: TokenSource, address: string, note: string) =>
  sendJson(getToken, `${path(address)}/appreciations`, 'POST', z.object({ id: z.string() }), { note });

/** Creates or updates the curated stakeholder (`PUT /api/stakeholders/:address`). */
export const saveStakeholder = (getToken: TokenSource, address: string, fields: StakeholderFields) =>
  sendJson(getToken, path(address), 'PUT', saved, fields);

/** Rates the relationship 1–5, making the person a stakeholder first when they are not one yet. */
export async function rate(
  getToken: TokenSource,
  address: string,
  selfRating: number,
  isStakeholder: boolean,
) {
  if (!isStakeholder) await saveStakeholder(getToken, address, { status: 'accepted' });
  return sendJson(getToken, `${path(address)}/rating`, 'PUT', saved, { selfRating });
}
