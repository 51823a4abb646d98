import { z } from 'zod';
import { businessFunction, roleTag, stakeholderStatus } from '../../../contract';

/**
 * Request shapes of the insights API: validated at the boundary, documented in OpenAPI. (What the
 * API answers is the wire contract, contract/.)
 */
const text = (max: number) => z.string().trim().max(max).nullable();

export const emailParam = z.object({
  address: z.string().trim().toLowerCase().email('an e-mail address'),
});
/** The Outlook pane: everyone on an email at once (Outlook allows 3 calls in flight, not 50). */
export const cardsBody = z
  .object({
    addresses: z
      .array(z.string().trim().toLowerCase().email('an e-mail address').max(320))
      .min(1)
      .max(50, 'at most 50 addresses; the pane summarises longer lists'),
  })
  .strict();
export const idParam = z.object({ id: z.string().trim().min(1).max(200) });
/** Any string: a month with no snapshot, well-formed or not, is simply not found (404). */
export const monthParam = z.object({ month: z.string() });
export const appreciationParam = emailParam.extend({ id: z.string().uuid('an appreciation id') });

export const mapQuery = z.object({
  asOf: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .optional()
    .describe('compute the map as of this instant'),
  limit: z.coerce.number().int().min(1).max(5000).default(300),
});

export const stakeholderBody = z
  .object({
    status: stakeholderStatus,
    function: businessFunction.nullable(),
    why: text(2000),
    roleTag: roleTag.nullable(),
    priorities: text(2000),
    challenges: text(2000),
    notes: text(10_000),
    selfRating: z.number().int().min(1).max(5).nullable(),
    cadenceDays: z.number().int().min(1).max(365).nullable(),
    tension: z.boolean(),
  })
  .partial()
  .strict();
export type StakeholderBody = z.infer<typeof stakeholderBody>;

export const ratingBody = z.object({ selfRating: z.number().int().min(1).max(5) }).strict();
export const appreciationBody = z
  .object({
    note: z.string().trim().min(1).max(2000),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export const snapshotBody = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
      .optional(),
  })
  .strict();
export const exportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

const between = 'limit must be a whole number between 1 and 200';
/** True for a time zone the runtime knows (IANA names such as America/Chicago, and UTC). */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timelineQuery = z.object({
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int(between)
    .min(1, between)
    .max(200, between)
    .default(50)
    .describe('entries per page'),
  before: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'before must be an ISO 8601 date or date-time, e.g. 2026-05-01T00:00:00Z',
    })
    .optional()
    .describe('only entries strictly before this instant: the previous page’s nextBefore'),
  tz: z
    .string()
    .refine(isTimeZone, 'tz must be an IANA time zone, e.g. Europe/Paris')
    .optional()
    .describe('the time zone whose calendar months the 12-month strip counts (default UTC)'),
});
