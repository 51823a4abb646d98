import { z } from 'zod';
import { FUNCTIONS } from '../../insights/functions';
import { ROLE_TAGS } from '../../insights/map';

/** Request shapes of the insights API: validated at the boundary, documented in OpenAPI. */
const text = (max: number) => z.string().trim().max(max).nullable();

export const emailParam = z.object({
  address: z.string().trim().toLowerCase().email('an e-mail address'),
});
export const idParam = z.object({ id: z.string().trim().min(1).max(200) });
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
    status: z.enum(['candidate', 'accepted', 'rejected']),
    function: z.enum(FUNCTIONS).nullable(),
    why: text(2000),
    roleTag: z.enum(ROLE_TAGS).nullable(),
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
