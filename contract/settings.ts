import { z } from 'zod';

/**
 * `GET /api/settings` and `PATCH /api/settings`: the user's settings, defaults filled in. (What a
 * PATCH may change, and within which bounds, is the server's request schema.)
 */
export const settingsResponse = z.object({
  storeMeetingSubjects: z.boolean(),
  /** Default cadence in days per tier; per-person overrides live on the stakeholder. */
  cadenceDays: z.object({ leadership: z.number().int(), peer: z.number().int() }),
  coverageTarget: z.number().int(),
  /** HH:MM. */
  lunchWindow: z.object({ start: z.string(), end: z.string() }),
  weeklyInviteBudget: z.number().int(),
  /** Never suggested to colleagues (the colleague-side opt-out). */
  doNotSuggestMe: z.boolean(),
  /** Send the week's suggestions without a click, within the budget. */
  autoSend: z.boolean(),
  excludedPeople: z.array(z.string()),
  excludedDomains: z.array(z.string()),
  /** Addresses that look automated but the user counts as colleagues. */
  countAsColleagues: z.array(z.string()),
  /** Addresses the user marked as automated. */
  markedAutomated: z.array(z.string()),
});

/** `GET /api/settings/automated`: addresses not counted as colleagues because they look automated. */
export const automatedSender = z.object({
  address: z.string(),
  displayName: z.string().nullable(),
  reason: z.enum(['system_address', 'list_only', 'broadcast', 'not_in_directory', 'no_profile', 'marked']),
  /** One line: the evidence. */
  why: z.string(),
  /** Messages from it the evidence is based on. */
  messages: z.number().int(),
  lastAt: z.string(),
});
export const automatedSendersResponse = z.object({ senders: z.array(automatedSender) });
export type AutomatedSenderWire = z.infer<typeof automatedSender>;

/** `DELETE /api/me/data`: rows deleted per table. */
export const deletedResponse = z.object({ deleted: z.record(z.string(), z.number().int()) });

export type SettingsResponse = z.infer<typeof settingsResponse>;
