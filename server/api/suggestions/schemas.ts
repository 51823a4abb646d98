import { z } from 'zod';

/**
 * Request shapes of the suggestions API: validated at the boundary, documented in OpenAPI. (What
 * is answered is the wire contract, contract/suggestions.ts.)
 */
export const suggestionParam = z.object({ id: z.uuid('a suggestion id') });
export const addressParam = z.object({
  address: z.string().trim().toLowerCase().email('an e-mail address').max(320),
});
export const sendBody = z.object({ start: z.iso.datetime({ offset: true }) }).strict();
export const scope = z.enum(['suggestion', 'person']).default('suggestion');
export const snoozeBody = z.object({ days: z.number().int().min(1).max(60).default(7), scope }).strict();
export const dismissBody = z.object({ scope }).strict();
export const emptyBody = z.object({}).strict().optional();
/** A meeting being organised in Outlook: its time and the attendees so far. */
export const meetingBody = z
  .object({
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
    attendees: z.array(z.string().trim().toLowerCase().email().max(320)).max(500),
  })
  .strict();
