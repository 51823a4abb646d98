import { z } from 'zod';
import type { TokenSource } from '../../lib/api';
import { sendJson, useApi } from '../../lib/useApi';

const change = z.object({ address: z.string(), displayName: z.string(), from: z.string(), to: z.string() });
export const reviewSchema = z.object({
  since: z.string().nullable(),
  slipped: z.array(change),
  improved: z.array(change),
  newPeople: z.array(z.object({ address: z.string(), displayName: z.string(), strength: z.number() })),
  due: z.array(
    z.object({ address: z.string(), displayName: z.string(), dueDate: z.string(), daysOverdue: z.number() }),
  ),
  reRate: z.array(
    z.object({
      address: z.string(),
      displayName: z.string(),
      selfRating: z.number().nullable(),
      band: z.string(),
    }),
  ),
  coverage: z.array(
    z.object({ name: z.string(), good: z.number(), was: z.number().nullable(), target: z.number() }),
  ),
  stakeholders: z.number(),
  proposals: z.number(),
  suggestedActions: z.array(z.string()),
});
export type Review = z.infer<typeof reviewSchema>;

export const useReview = (getToken: TokenSource) => useApi(getToken, '/api/review', reviewSchema);

/** Keeps this month's map as a snapshot: next month's review compares against it. */
export const takeSnapshot = (getToken: TokenSource) =>
  sendJson(getToken, '/api/snapshots', 'POST', z.object({ month: z.string() }), {});

export const saveRating = (getToken: TokenSource, address: string, selfRating: number) =>
  sendJson(
    getToken,
    `/api/stakeholders/${encodeURIComponent(address)}/rating`,
    'PUT',
    z.object({ selfRating: z.number().nullable() }),
    { selfRating },
  );
