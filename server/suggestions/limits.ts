import type { InviteResponse } from './invite';

/**
 * The limits that protect colleagues, as pure rules: a cool-down per person after any invite,
 * lengthened after each decline, a pause after repeated declines; the user's weekly budget; the
 * colleague's weekly cap across every organiser; the colleague's own opt-out. The counts come from
 * PostgreSQL, which also holds the lock that makes them true under concurrent clicks
 * (see repository.ts); here only the decision.
 */

const DAY = 86_400_000;

/** Days after any invite before the same person is suggested again. */
export const COOL_DOWN_DAYS = 21;
/** Consecutive declines after which the person is paused. */
export const PAUSE_AFTER_DECLINES = 2;
export const PAUSE_DAYS = 180;

/** One earlier invite from this organiser to this person. */
export interface PastInvite {
  sentAt: number;
  response: InviteResponse;
}

/**
 * Until when the person is not to be invited again (UTC ms), or null. Each decline in a row (the
 * newest invites first) doubles the cool-down; two in a row pause them for half a year.
 */
export function coolDownUntil(history: readonly PastInvite[]): number | null {
  if (history.length === 0) return null;
  const newest = [...history].sort((a, b) => b.sentAt - a.sentAt);
  let declines = 0;
  for (const h of newest) {
    if (h.response !== 'declined') break;
    declines++;
  }
  const last = newest[0]!.sentAt;
  if (declines >= PAUSE_AFTER_DECLINES) return last + PAUSE_DAYS * DAY;
  return last + COOL_DOWN_DAYS * 2 ** declines * DAY;
}

export type Refusal = 'opted_out' | 'cooling_down' | 'budget_exhausted' | 'colleague_capped';

export interface InviteCheck {
  now: number;
  /** The colleague said "don't suggest me". */
  optedOut: boolean;
  coolDownUntil: number | null;
  /** Invites the user sent this week, and their budget. */
  sentThisWeek: number;
  weeklyBudget: number;
  /** Rapport invites the colleague received in the last seven days, from everyone. */
  receivedThisWeek: number;
  receiveCap: number;
}

/** Why an invite may not go now, or null when it may. Checked in this order. */
export function refusal(c: InviteCheck): Refusal | null {
  if (c.optedOut) return 'opted_out';
  if (c.coolDownUntil !== null && c.now < c.coolDownUntil) return 'cooling_down';
  if (c.sentThisWeek >= c.weeklyBudget) return 'budget_exhausted';
  if (c.receivedThisWeek >= c.receiveCap) return 'colleague_capped';
  return null;
}

/** Whether a person may be suggested at all this week (the budget is the send's business). */
export function suggestable(c: Pick<InviteCheck, 'now' | 'optedOut' | 'coolDownUntil'>): boolean {
  return !c.optedOut && (c.coolDownUntil === null || c.now >= c.coolDownUntil);
}
