import { z } from 'zod';
import type { InteractionKind } from '../../domain/interaction';

/**
 * Every weight of the insights model, as configuration: defaults here, overridable per tenant.
 * The defaults are principled (Viva Insights' 2–8 participant rule, attention shared among
 * participants, reciprocity) and were checked against the generated truth, not fitted to Enron.
 */
const kindWeights = z.object({
  meeting_1on1: z.number().nonnegative().default(3),
  meeting_small: z.number().nonnegative().default(3),
  meeting_large: z.number().nonnegative().default(0.3),
  mail_sent: z.number().nonnegative().default(1),
  mail_received: z.number().nonnegative().default(1),
  mail_reply: z.number().nonnegative().default(1),
  mail_cc: z.number().nonnegative().default(0.2),
});

const tierCadence = z.object({
  /** Strength at or above which a tie is in this tier. */
  minStrength: z.number().min(0).max(100),
  cadenceDays: z.number().positive(),
});

export const modelConfigSchema = z.object({
  kindWeights: kindWeights.default(kindWeights.parse({})),
  /** Viva Insights: collaboration with 2–8 people (the owner included) is meaningful. */
  meaningfulMaxParticipants: z.number().int().min(2).default(8),
  /** Mail with more participants than that counts this fraction (meetings use meeting_large). */
  largeMailFactor: z.number().min(0).max(1).default(0.1),
  /**
   * Attention is shared: an item with n participants gives each counterpart 1/(n−1)^shareExponent
   * of its weight, so a 1:1 counts fully and a team meeting is spread across the team.
   */
  shareExponent: z.number().min(0).max(2).default(1),
  /** Meeting length scales weight by (minutes/referenceMinutes)^durationExponent, clamped. */
  referenceMinutes: z.number().positive().default(30),
  durationExponent: z.number().min(0).max(1).default(0.5),
  durationClamp: z.tuple([z.number().positive(), z.number().positive()]).default([0.5, 2]),
  /** Meetings in one weekly slot (a standing meeting) give diminishing returns past about this much. */
  recurringKnee: z.number().positive().default(1),
  /** Recency: interactions lose half their weight every halfLifeDays. */
  halfLifeDays: z.number().positive().default(21),
  /**
   * Mail counts sentWeight per message the owner sends (a deliberate act) and receivedWeight per
   * message received (anyone can send mail); each matched pair (min of sent and received) earns
   * reciprocityBonus on top, so two-way beats one-way and adding mail never lowers a score.
   */
  sentWeight: z.number().min(0).default(0.6),
  receivedWeight: z.number().min(0).default(0.25),
  reciprocityBonus: z.number().min(0).default(1),
  /**
   * Reply latency where known (messages of one conversation): each reply — theirs to the owner or
   * the owner's to them — within replyFastHours adds replyBonus (decayed like the rest). Additive,
   * so a slow reply never lowers a score; quick back-and-forth is what engaged colleagues do.
   */
  replyBonus: z.number().min(0).default(0.5),
  replyFastHours: z.number().positive().default(8),
  /**
   * Regularity: each distinct week (Monday–Sunday, UTC) with meaningful mail (2–8 people, not a
   * copy; either way) adds regularityWeight, decayed from that week's latest such mail. Meetings
   * are not counted in any weekly or breadth term: a standing meeting's recurrence is one decision,
   * already discounted (recurringKnee). Off by default: on Enron it rewards steady one-way mail
   * (0.456 → 0.438 at weight 1; docs/enron.md), where twoWayWeekWeight keeps only the reciprocal weeks.
   */
  regularityWeight: z.number().min(0).default(0),
  /**
   * Steady two-way contact: each distinct week with meaningful mail both ways (the owner wrote to
   * them and heard from them) adds twoWayWeekWeight, decayed from the earlier of that week's latest
   * mail each way. Persistence of reciprocity, not its volume: eight weeks of back-and-forth say
   * more about the next quarter than one busy week of the same count. 1 is the reciprocity term's
   * unit (each matched pair earns 2 × reciprocityBonus). Not counted in the cooling rule's monthly
   * activity (a month's volume, not a pattern over weeks), like the long-standing floor.
   */
  twoWayWeekWeight: z.number().min(0).default(1),
  /**
   * Breadth: each distinct conversation (conversationId) with meaningful mail adds breadthWeight,
   * decayed from its latest such mail: many topics rather than one long thread. Off by default
   * (Enron 0.456 → 0.438 at weight 1, generated Spearman 0.860 → 0.854; docs/enron.md).
   */
  breadthWeight: z.number().min(0).default(0),
  /** Received mail gives diminishing returns past about this much (decayed) mail: k·ln(1 + x/k). */
  receivedKnee: z.number().positive().default(3),
  /**
   * Long-standing ties keep some weight: the score never falls below longStandingFloor × the same
   * evidence decayed with longHalfLifeDays (rescaled to the short half-life's units).
   */
  longHalfLifeDays: z.number().positive().default(180),
  longStandingFloor: z.number().min(0).max(1).default(0.2),
  /** Strength = 100 × (1 − e^(−evidence/saturation)): diminishing returns, always 0..100. */
  saturation: z.number().positive().default(12),
  /** The window the evidence counts and explanation talk about. */
  evidenceWindowDays: z.number().int().positive().default(90),
  /** Default cadence by tier (strongest first); the user may set their own per person. */
  cadenceByTier: z.array(tierCadence).default([
    { minStrength: 70, cadenceDays: 14 },
    { minStrength: 40, cadenceDays: 30 },
    { minStrength: 15, cadenceDays: 60 },
    { minStrength: 0, cadenceDays: 90 },
  ]),
  /** Health bands: poor < fair ≤ … < good. */
  healthBands: z.object({ fair: z.number().default(40), good: z.number().default(60) }).default({
    fair: 40,
    good: 60,
  }),
  /** Health = strengthShare × strength + (1 − strengthShare) × timeliness (both 0..100). */
  healthStrengthShare: z.number().min(0).max(1).default(0.4),
  /** Trend: slope of the last trendMonths months relative to their mean, per month. */
  trendMonths: z.number().int().min(2).default(4),
  trendThreshold: z.number().positive().default(0.08),
  /**
   * Cooling: solid before (mean monthly activity ≥ coolingSolid, in evidence units: a 30-minute
   * 1:1 is 3) and now at most coolingRatio of that.
   */
  coolingSolid: z.number().min(0).default(3),
  coolingRatio: z.number().min(0).max(1).default(0.25),
  /**
   * A tie must have mattered to cool: its best 3-month mean strength before the last quarter is at
   * least coolingMinStrength, and its strength now is at most coolingStrengthRatio of that (the
   * decayed strength has really dropped, not just two quiet months of a strong tie).
   */
  coolingMinStrength: z.number().min(0).max(100).default(20),
  coolingStrengthRatio: z.number().min(0).max(1).default(0.7),
});

export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type KindWeights = Record<InteractionKind, number>;

export const DEFAULT_CONFIG: ModelConfig = modelConfigSchema.parse({});

/** A full config from partial overrides (validated). */
export function modelConfig(overrides: unknown = {}): ModelConfig {
  return modelConfigSchema.parse(overrides);
}
