import { z } from 'zod';
import type { TokenSource } from './api';
import { useApi } from './useApi';

/** The parts of `GET /api/map` (server/insights/map.ts `RelationshipMap`) the tab shows. */
export const bandSchema = z.enum(['good', 'fair', 'poor', 'none']);
export type Band = z.infer<typeof bandSchema>;

const stakeholder = z.object({
  address: z.string(),
  status: z.enum(['candidate', 'accepted', 'rejected']),
  why: z.string().nullable(),
  notes: z.string().nullable(),
  priorities: z.string().nullable(),
  challenges: z.string().nullable(),
  selfRating: z.number().nullable(),
  cadenceDays: z.number().nullable(),
  roleTag: z.string().nullable().optional(),
  appreciations: z
    .array(z.object({ id: z.string(), at: z.string(), note: z.string() }))
    .optional()
    .default([]),
});
export type StakeholderInfo = z.infer<typeof stakeholder>;

const evidence = z.object({
  windowDays: z.number(),
  oneOnOnes: z.number(),
  groupMeetings: z.number(),
  largeMeetings: z.number(),
  mailsSent: z.number(),
  mailsReceived: z.number(),
  twoWayExchanges: z.number(),
  ccs: z.number(),
  lastMet: z.string().nullable(),
  lastContact: z.string().nullable(),
  lastMeaningful: z.string().nullable(),
  quickReplies: z.number().optional(),
});
export type EvidenceInfo = z.infer<typeof evidence>;

export const personSchema = z.object({
  id: z.string().nullable(),
  address: z.string(),
  displayName: z.string(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  function: z.string(),
  tier: z.enum(['leadership', 'peer']),
  relation: z.string().nullable(),
  strength: z.number(),
  explanation: z.string(),
  evidence: evidence.nullable(),
  health: z.object({
    score: z.number().nullable(),
    band: bandSchema,
    cadenceDays: z.number(),
    dueDate: z.string().nullable(),
    daysOverdue: z.number().nullable(),
    trend: z.enum(['up', 'flat', 'down']).nullable(),
    cooling: z.boolean(),
  }),
  series: z.array(z.number()),
  stakeholder: stakeholder.nullable(),
  calibration: z.object({
    selfRating: z.number().nullable(),
    selfBand: bandSchema.nullable(),
    flag: z.enum(['overrated', 'underrated', 'unbacked']).nullable(),
  }),
  nextAction: z.string().nullable(),
});
export type MapPerson = z.infer<typeof personSchema>;

export const candidateSchema = z.object({
  address: z.string(),
  id: z.string().nullable(),
  displayName: z.string(),
  jobTitle: z.string().nullable(),
  source: z.enum(['meets', 'directory']),
  strength: z.number(),
});
export const functionSchema = z.object({
  name: z.string(),
  people: z.number(),
  good: z.number(),
  fair: z.number(),
  poor: z.number(),
  target: z.number(),
  covered: z.boolean(),
  leader: z
    .object({
      displayName: z.string(),
      id: z.string().nullable(),
      reason: z.string(),
      counterpart: z.string(),
    })
    .nullable(),
  candidates: z.array(candidateSchema),
});
export type FunctionSummary = z.infer<typeof functionSchema>;

export const shareSchema = z.object({
  month: z.string(),
  meetingShare: z.number().nullable(),
  mailShare: z.number().nullable(),
});
export type MonthShare = z.infer<typeof shareSchema>;

export const mapSchema = z.object({
  asOf: z.string(),
  owner: z.object({ id: z.string(), displayName: z.string().nullable(), function: z.string() }),
  people: z.array(personSchema),
  totalPeople: z.number(),
  functions: z.array(functionSchema),
  internalShare: z.array(shareSchema),
  mentors: z.array(
    z.object({
      id: z.string(),
      address: z.string().nullable(),
      displayName: z.string(),
      jobTitle: z.string().nullable(),
      why: z.string(),
      strength: z.number(),
    }),
  ),
  calibration: z.object({ rated: z.number(), disagreements: z.number(), warning: z.string().nullable() }),
  due: z.array(
    z.object({ address: z.string(), displayName: z.string(), dueDate: z.string(), daysOverdue: z.number() }),
  ),
});
export type RelationshipMap = z.infer<typeof mapSchema>;

/**
 * Everyone, up to the server's maximum for `limit`: the table lists them all, the map draws the
 * strongest 300 and groups the rest per function, and a person opened from either is in the list.
 * One list for all three views, so their counts agree and switching views fetches nothing.
 */
export const MAP_LIMIT = 5000;

export function useMap(getToken: TokenSource) {
  return useApi(getToken, `/api/map?limit=${MAP_LIMIT}`, mapSchema);
}
