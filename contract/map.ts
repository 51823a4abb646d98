import { z } from 'zod';
import { automatedSender } from './settings';
import { businessFunction, instant, roleTag, stakeholderStatus } from './vocabulary';

/**
 * `GET /api/map`: the Internal Relationships Map as of a date — every colleague scored, with
 * health, function, calibration and the user's own notes; coverage per function, mentors, the
 * internal share and who is due. Built by server/insights/map.ts; read by the tab.
 */

const count = z.number().int().nonnegative();
const nullableText = z.string().nullable();

export const band = z.enum(['good', 'fair', 'poor', 'none']);
export const trend = z.enum(['up', 'flat', 'down']);

export const evidence = z.object({
  /** Counts are within this many days before asOf; the dates over all history. */
  windowDays: count,
  oneOnOnes: count,
  groupMeetings: count,
  largeMeetings: count,
  mailsSent: count,
  mailsReceived: count,
  twoWayExchanges: count,
  ccs: count,
  quickReplies: count,
  /** Weeks in the window with meaningful mail both ways. */
  twoWayWeeks: count,
  lastMet: instant.nullable(),
  lastContact: instant.nullable(),
  lastMeaningful: instant.nullable(),
});

export const health = z.object({
  /** 0–100; null when there is no evidence (band 'none'). */
  score: z.number().nullable(),
  band,
  cadenceDays: z.number(),
  dueDate: instant.nullable(),
  /** Negative while not yet due. */
  daysOverdue: z.number().nullable(),
  trend: trend.nullable(),
  cooling: z.boolean(),
});

export const appreciation = z.object({ id: z.string(), at: instant, note: z.string() });

/** A colleague the user curates: why they matter, notes, their own rating, appreciations. */
export const stakeholder = z.object({
  address: z.string(),
  personId: z.string().nullable(),
  status: stakeholderStatus,
  functionOverride: businessFunction.nullable(),
  why: nullableText,
  roleTag: roleTag.nullable(),
  priorities: nullableText,
  challenges: nullableText,
  notes: nullableText,
  selfRating: z.number().int().min(1).max(5).nullable(),
  cadenceDays: z.number().nullable(),
  tension: z.boolean(),
  /** Newest first. */
  appreciations: z.array(appreciation),
  updatedAt: instant,
});

export const calibrationFlag = z.enum(['overrated', 'underrated', 'unbacked']);

export const mapPerson = z.object({
  id: z.string().nullable(),
  address: z.string(),
  displayName: z.string(),
  jobTitle: nullableText,
  department: nullableText,
  officeLocation: nullableText,
  function: businessFunction,
  functionSource: z.enum(['directory', 'override']),
  tier: z.enum(['leadership', 'peer']),
  /** manager, skip-level, manager chain, direct report, executive — or null. */
  relation: nullableText,
  /** 0–100, one decimal. */
  strength: z.number(),
  explanation: z.string(),
  evidence: evidence.nullable(),
  health,
  /** Strength at each of the last 12 month ends, oldest first (the last point is asOf). */
  series: z.array(z.number()),
  stakeholder: stakeholder.nullable(),
  calibration: z.object({
    selfRating: z.number().nullable(),
    selfBand: band.nullable(),
    flag: calibrationFlag.nullable(),
  }),
  nextAction: nullableText,
});

export const candidate = z.object({
  address: z.string(),
  id: z.string().nullable(),
  displayName: z.string(),
  jobTitle: nullableText,
  source: z.enum(['meets', 'directory']),
  strength: z.number(),
});

export const functionSummary = z.object({
  name: businessFunction,
  /** People in the function the user has any evidence with. */
  people: count,
  good: count,
  fair: count,
  poor: count,
  /** "3 deep": good relationships wanted. */
  target: count,
  covered: z.boolean(),
  /** The unofficial leader (PageRank over co-attendance in the user's own meetings and threads). */
  leader: z
    .object({
      counterpart: z.string(),
      score: z.number(),
      items: count,
      groupItems: count,
      alongside: count,
      reason: z.string(),
      displayName: z.string(),
      id: z.string().nullable(),
    })
    .nullable(),
  candidates: z.array(candidate),
});

/** One month of the internal share (YYYY-MM): meeting hours and mail inside the company. */
export const monthShare = z.object({
  month: z.string(),
  meetingHoursInternal: z.number(),
  meetingHoursExternal: z.number(),
  mailInternal: z.number(),
  mailExternal: z.number(),
  meetingShare: z.number().nullable(),
  mailShare: z.number().nullable(),
});

export const mentor = z.object({
  id: z.string(),
  address: z.string().nullable(),
  displayName: z.string(),
  jobTitle: nullableText,
  why: z.string(),
  strength: z.number(),
});

/** An accepted stakeholder's next due date; overdue when daysOverdue > 0. */
export const dueEntry = z.object({
  address: z.string(),
  displayName: z.string(),
  dueDate: instant,
  daysOverdue: z.number(),
});

export const mapResponse = z.object({
  asOf: instant,
  modelVersion: z.string(),
  owner: z.object({ id: z.string(), displayName: z.string().nullable(), function: businessFunction }),
  /** Strongest first, accepted stakeholders before everyone; at most `limit` besides them. */
  people: z.array(mapPerson),
  totalPeople: count,
  functions: z.array(functionSummary),
  internalShare: z.array(monthShare),
  mentors: z.array(mentor),
  calibration: z.object({ rated: count, disagreements: count, warning: z.string().nullable() }),
  due: z.array(dueEntry),
  /** Not counted as colleagues: they look automated (the evidence in `why`); Settings can undo it. */
  automated: z.array(automatedSender),
});

export type Band = z.infer<typeof band>;
export type Evidence = z.infer<typeof evidence>;
export type Stakeholder = z.infer<typeof stakeholder>;
export type MapPerson = z.infer<typeof mapPerson>;
export type Candidate = z.infer<typeof candidate>;
export type FunctionSummary = z.infer<typeof functionSummary>;
export type MonthShare = z.infer<typeof monthShare>;
export type MapResponse = z.infer<typeof mapResponse>;
