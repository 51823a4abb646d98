import { appreciationResponse, savedStakeholderResponse } from '../../../contract/stakeholders';
import type { TokenSource } from '../../lib/api';
import { saveStakeholder, stakeholderPath } from '../../lib/stakeholderApi';
import { sendJson } from '../../lib/useApi';

/** Logs an appreciation ("appreciate them, provide public recognition"). */
export const appreciate = (getToken: TokenSource, address: string, note: string) =>
  sendJson(getToken, `${stakeholderPath(address)}/appreciations`, 'POST', appreciationResponse, { note });

/** Rates the relationship 1–5, making the person a stakeholder first when they are not one yet. */
export async function rate(
  getToken: TokenSource,
  address: string,
  selfRating: number,
  isStakeholder: boolean,
) {
  if (!isStakeholder) await saveStakeholder(getToken, address, { status: 'accepted' });
  return sendJson(getToken, `${stakeholderPath(address)}/rating`, 'PUT', savedStakeholderResponse, {
    selfRating,
  });
}
