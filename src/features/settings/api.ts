import {
  automatedSendersResponse,
  deletedResponse,
  type SettingsResponse,
  settingsResponse,
} from '../../../contract/settings';
import { apiFetch, type TokenSource } from '../../lib/api';
import { sendJson, useApi } from '../../lib/useApi';

/** `GET /api/settings`, as the wire contract (contract/settings.ts) has it. */
export type Settings = SettingsResponse;

export const useSettings = (getToken: TokenSource) => useApi(getToken, '/api/settings', settingsResponse);
export const saveSettings = (getToken: TokenSource, patch: Partial<Settings>) =>
  sendJson(getToken, '/api/settings', 'PATCH', settingsResponse, patch);
export const deleteMyData = (getToken: TokenSource) =>
  sendJson(getToken, '/api/me/data', 'DELETE', deletedResponse);

/** `GET /api/settings/automated`: who is not counted as a colleague because they look automated. */
export const useAutomatedSenders = (getToken: TokenSource) =>
  useApi(getToken, '/api/settings/automated', automatedSendersResponse);
export const currentSettings = (getToken: TokenSource) =>
  apiFetch(getToken, '/api/settings', settingsResponse);
