import { z } from 'zod';

/**
 * A mailbox's time zone and working hours (`GET /me/mailboxSettings`): what scheduling needs to
 * propose lunch in the user's day, not in UTC. Only these two fields are asked for.
 */
export const MAILBOX_SETTINGS_URL = '/me/mailboxSettings?$select=timeZone,workingHours';

export const mailboxSettingsSchema = z.object({
  timeZone: z.string().nullish(),
  workingHours: z
    .object({
      daysOfWeek: z.array(z.string()).nullish(),
      startTime: z.string().nullish(),
      endTime: z.string().nullish(),
      timeZone: z.object({ name: z.string().nullish() }).passthrough().nullish(),
    })
    .passthrough()
    .nullish(),
});
export type MailboxSettings = z.infer<typeof mailboxSettingsSchema>;
