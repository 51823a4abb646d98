import type { BringSuggestion, SentInvite, SuggestedPerson, SuggestionKind } from '../../contract';
import type { GraphScheduleInformation } from '../graph/schemas';
import type { Refusal } from './limits';
import type * as repo from './repository';
import { wallTime, type Zone } from './zone';

/**
 * Rows as the API answers them, and the sentences a refusal is said in; the local dates of the
 * user's Rapport lunches. Pure.
 */

/** A refusal the API turns into its problem: the code, and a sentence for the user. */
export class SuggestionRefusal extends Error {
  constructor(
    readonly code: Refusal | 'slot_taken' | 'not_found' | 'no_schedule' | 'not_suggestable',
    message: string,
  ) {
    super(message);
    this.name = 'SuggestionRefusal';
  }
}

export function lunchDaysOf(invites: readonly repo.InviteRow[], zone: Zone): Set<string> {
  return new Set(
    invites
      .filter((i) => i.kind === 'lunch' && i.response !== 'declined' && i.response !== 'cancelled')
      .map((i) => wallTime(zone, i.start.getTime()).date),
  );
}

export function zoneNameOf(info: GraphScheduleInformation): string | null {
  const tz = info.workingHours?.timeZone;
  return tz && !('bias' in tz) ? tz.name : null;
}

export function refused(r: Refusal, name: string): SuggestionRefusal {
  switch (r) {
    case 'opted_out':
      return new SuggestionRefusal('not_suggestable', 'Rapport cannot suggest a time with this colleague.');
    case 'cooling_down':
      return new SuggestionRefusal(
        'cooling_down',
        `You invited ${name} recently; Rapport waits before inviting them again.`,
      );
    case 'budget_exhausted':
      return new SuggestionRefusal(
        'budget_exhausted',
        'Your weekly invite budget is used up. Raise it in Settings or wait for next week.',
      );
    case 'colleague_capped':
      return new SuggestionRefusal(
        'colleague_capped',
        `${name} cannot take another Rapport invitation this week. Try next week.`,
      );
  }
}

export function toSent(i: repo.InviteRow): SentInvite {
  return {
    id: i.id,
    suggestionId: i.suggestionId,
    person: { address: i.address, displayName: i.displayName },
    kind: i.kind as SuggestionKind,
    start: i.start.toISOString(),
    end: i.end.toISOString(),
    sentAt: i.createdAt.toISOString(),
    response: i.response,
    proposedStart: i.proposedStart ? i.proposedStart.toISOString() : null,
    happened: i.happened,
    auto: i.auto,
  };
}

export function toBring(b: repo.BringRow): BringSuggestion {
  return {
    id: b.id,
    meeting: b.meeting as BringSuggestion['meeting'],
    colleague: b.colleague as SuggestedPerson,
    why: b.why,
    state: b.state === 'added' ? 'added' : 'proposed',
  };
}
