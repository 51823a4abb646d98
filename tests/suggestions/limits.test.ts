import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COOL_DOWN_DAYS,
  coolDownUntil,
  PAUSE_AFTER_DECLINES,
  type PastInvite,
  refusal,
  suggestable,
} from '../../server/suggestions/limits';

const DAY = 86_400_000;
const response = fc.constantFrom(
  'none',
  'accepted',
  'tentativelyAccepted',
  'declined',
  'newTimeProposed',
  'cancelled' as const,
);
const history = fc.array(fc.record({ sentAt: fc.integer({ min: 0, max: 400 * DAY }), response }), {
  maxLength: 8,
});

describe('the limits that protect colleagues', () => {
  it('never lets an invite through over the budget, over the cap, inside a cool-down or to an opted-out colleague', () => {
    fc.assert(
      fc.property(
        fc.record({
          now: fc.integer({ min: 0, max: 500 * DAY }),
          optedOut: fc.boolean(),
          history,
          sentThisWeek: fc.nat(25),
          weeklyBudget: fc.nat(20),
          receivedThisWeek: fc.nat(25),
          receiveCap: fc.nat(20),
        }),
        (c) => {
          const until = coolDownUntil(c.history);
          const why = refusal({ ...c, coolDownUntil: until });
          if (why !== null) return;
          expect(c.optedOut).toBe(false);
          expect(c.sentThisWeek).toBeLessThan(c.weeklyBudget);
          expect(c.receivedThisWeek).toBeLessThan(c.receiveCap);
          if (until !== null) expect(c.now).toBeGreaterThanOrEqual(until);
          // …and whoever may be invited may be suggested.
          expect(suggestable({ now: c.now, optedOut: c.optedOut, coolDownUntil: until })).toBe(true);
        },
      ),
    );
  });

  it('a cool-down follows any invite, doubles with each decline in a row, and pauses after repeated declines', () => {
    expect(coolDownUntil([])).toBeNull();
    const at = 100 * DAY;
    const one = (response: PastInvite['response']) => coolDownUntil([{ sentAt: at, response }]);
    expect(one('accepted')).toBe(at + COOL_DOWN_DAYS * DAY);
    expect(one('none')).toBe(at + COOL_DOWN_DAYS * DAY);
    expect(one('declined')).toBe(at + 2 * COOL_DOWN_DAYS * DAY);
    const declines = Array.from({ length: PAUSE_AFTER_DECLINES }, (_, i) => ({
      sentAt: at - i * 60 * DAY,
      response: 'declined' as const,
    }));
    expect(coolDownUntil(declines)! - at).toBeGreaterThanOrEqual(180 * DAY);
    // An accepted invite after a decline starts afresh.
    expect(
      coolDownUntil([
        { sentAt: at, response: 'accepted' },
        { sentAt: at - 30 * DAY, response: 'declined' },
      ]),
    ).toBe(at + COOL_DOWN_DAYS * DAY);
    fc.assert(
      fc.property(history, (h) => {
        const until = coolDownUntil(h);
        if (h.length === 0) {
          expect(until).toBeNull();
          return;
        }
        const newest = Math.max(...h.map((x) => x.sentAt));
        expect(until!).toBeGreaterThanOrEqual(newest + COOL_DOWN_DAYS * DAY);
        // One more decline never shortens it.
        const later = coolDownUntil([...h, { sentAt: newest + 1, response: 'declined' }]);
        expect(later!).toBeGreaterThanOrEqual(until! + 1);
      }),
    );
  });
});
