import type { Interaction, InteractionKind } from '../../server/domain/interaction';

/** Interactions for tests of the insights: one call, one plausible row. */
export const AS_OF = new Date('2026-06-30T12:00:00Z');
export const DAY = 86_400_000;
export { INTERACTION_KINDS } from '../../server/domain/interaction';

let sequence = 0;

/** One interaction with `who`, `daysAgo` days before AS_OF; an address starting with "@" is external. */
export function interaction(
  who: string,
  kind: InteractionKind,
  daysAgo: number,
  over: Partial<Interaction> = {},
): Interaction {
  const meeting = kind.startsWith('meeting');
  return {
    sourceType: meeting ? 'event' : 'message',
    sourceId: `s${sequence++}`,
    counterpart: who,
    counterpartId: null,
    kind,
    at: new Date(AS_OF.getTime() - daysAgo * DAY),
    durationMinutes: meeting ? 30 : 0,
    participants: kind === 'meeting_small' ? 4 : kind === 'meeting_large' ? 40 : 2,
    direction:
      kind === 'mail_sent'
        ? 'outbound'
        : kind === 'mail_received' || kind === 'mail_cc'
          ? 'inbound'
          : 'mutual',
    ownerIsOrganizer: false,
    response: null,
    internal: !who.startsWith('@'),
    subject: null,
    ...over,
  };
}

/** A small seeded generator (mulberry32): property tests and benchmarks that replay exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
