import { z } from 'zod';
import type { TokenSource } from '../../lib/api';
import { sendJson, useApi } from '../../lib/useApi';

export const settingsSchema = z.object({
  storeMeetingSubjects: z.boolean(),
  cadenceDays: z.object({ leadership: z.number(), peer: z.number() }),
  coverageTarget: z.number(),
  lunchWindow: z.object({ start: z.string(), end: z.string() }),
  weeklyInviteBudget: z.number(),
  excludedPeople: z.array(z.string()),
  excludedDomains: z.array(z.string()),
});
export type Settings = z.infer<typeof settingsSchema>;

export const useSettings = (getToken: TokenSource) => useApi(getToken, '/api/settings', settingsSchema);
export const saveSettings = (getToken: TokenSource, patch: Partial<Settings>) =>
  sendJson(getToken, '/api/settings', 'PATCH', settingsSchema, patch);
export const deleteMyData = (getToken: TokenSource) =>
  sendJson(getToken, '/api/me/data', 'DELETE', z.object({ deleted: z.record(z.string(), z.number()) }));
