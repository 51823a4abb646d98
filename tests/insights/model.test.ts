import { describe, expect, it } from 'vitest';
import type { Interaction, InteractionKind } from '../../server/domain/interaction';
import { AS_OF, DAY, INTERACTION_KINDS, interaction, seededRandom } from '../helpers/interactions';
import {
  DEFAULT_CONFIG,
  healthOf,
  isCooling,
  monthEnds,
  monthlySeries,
  scoreCounterparts,
  scoreOne,
  scoresWithSeries,
  trendOf,
  type MonthPoint,
} from '../../server/insights/model';
import { activityConfig } from '../../server/insights/model/health';
import { evidenceSeries } from '../../server/insights/model/series';
import { evidenceAt, prepareInteractions } from '../../server/insights/model/strength';

let n = 0;
/** One interaction `daysAgo` days (and a few hours, varying) before AS_OF. */
const ix = (who: string, kind: InteractionKind, daysAgo: number, over: Partial<Interaction> = {}) =>
  interaction(who, kind, daysAgo, {
    at: new Date(AS_OF.getTime() - daysAgo * DAY - (++n % 7) * 3_600_000),
    ...over,
  });
const strengthOf = (items: Interaction[], asOf = AS_OF) => scoreOne(items, asOf)?.strength ?? 0;

describe('tie strength: what a user notices', () => {
  it('ranks a 1:1 above a small meeting above a large meeting', () => {
    const [one, small, large] = (['meeting_1on1', 'meeting_small', 'meeting_large'] as const).map((k) =>
      strengthOf([ix('a@x.example', k, 5), ix('a@x.example', k, 12)]),
    );
    expect(one).toBeGreaterThan(small!);
    expect(small).toBeGreaterThan(large!);
    expect(large).toBeLessThan(5);
  });

  it('ranks meetings above mail', () => {
    const meet = strengthOf([ix('a@x.example', 'meeting_1on1', 5)]);
    const mail = strengthOf([ix('a@x.example', 'mail_sent', 5)]);
    expect(meet).toBeGreaterThan(mail);
  });

  it('ranks two-way mail above the same amount one way', () => {
    const twoWay = [0, 1, 2, 3].map((d) => ix('a@x.example', d % 2 ? 'mail_received' : 'mail_sent', d * 7));
    const sentOnly = [0, 1, 2, 3].map((d) => ix('b@x.example', 'mail_sent', d * 7));
    const receivedOnly = [0, 1, 2, 3].map((d) => ix('c@x.example', 'mail_received', d * 7));
    const [a, b, c] = scoreCounterparts([...receivedOnly, ...sentOnly, ...twoWay], AS_OF).map(
      (s) => s.counterpart,
    );
    expect([a, b, c]).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
  });

  it('ranks recent contact above old contact', () => {
    expect(strengthOf([ix('a@x.example', 'meeting_1on1', 3)])).toBeGreaterThan(
      strengthOf([ix('a@x.example', 'meeting_1on1', 60)]),
    );
  });

  it('keeps some weight for a long-standing tie that has gone quiet', () => {
    const history = Array.from({ length: 20 }, (_, k) => ix('a@x.example', 'meeting_1on1', 150 + k * 7));
    const s = scoreOne(history, AS_OF)!;
    expect(s.strength).toBeGreaterThan(0.5);
    expect(s.explanation).toMatch(/long-standing/);
  });

  it('discounts a flood of mail nobody answers (notifications)', () => {
    const flood = Array.from({ length: 80 }, (_, k) => ix('noreply@x.example', 'mail_received', k));
    const colleague = Array.from({ length: 6 }, (_, k) =>
      ix('a@x.example', k % 2 ? 'mail_received' : 'mail_sent', k * 4),
    );
    expect(strengthOf(colleague)).toBeGreaterThan(strengthOf(flood));
  });

  it('gives a standing weekly meeting diminishing returns against ad hoc 1:1s', () => {
    const weekly = Array.from({ length: 8 }, (_, k) =>
      ix('a@x.example', 'meeting_1on1', 0, { at: new Date(Date.UTC(2026, 5, 29 - 7 * k, 15)) }),
    );
    const adHoc = Array.from({ length: 8 }, (_, k) => ix('b@x.example', 'meeting_1on1', k * 7 + (k % 3)));
    expect(strengthOf(adHoc)).toBeGreaterThan(strengthOf(weekly));
    expect(strengthOf(weekly)).toBeGreaterThan(strengthOf(weekly.slice(0, 1)));
  });

  it('ranks steady two-way mail over eight weeks above a one-week burst with more decayed mail', () => {
    // Steady: each of the last eight weeks, one mail each way (Sunday and Saturday of one week).
    const steady = Array.from({ length: 8 }, (_, k) => [
      ix('steady@x.example', 'mail_sent', 7 * k + 2),
      ix('steady@x.example', 'mail_received', 7 * k + 3),
    ]).flat();
    // A burst: the same sixteen mails within one week (Monday–Wednesday) three weeks ago, so its
    // decayed mail counts are higher than the steady tie's.
    const burst = Array.from({ length: 16 }, (_, k) =>
      ix('burst@x.example', k % 2 ? 'mail_received' : 'mail_sent', 20 + (k % 3)),
    );
    const s = scoreOne(steady, AS_OF)!;
    const b = scoreOne(burst, AS_OF)!;
    expect(b.components.sent).toBeGreaterThan(s.components.sent);
    expect(b.components.received).toBeGreaterThan(s.components.received);
    const order = (config = DEFAULT_CONFIG) =>
      scoreCounterparts([...burst, ...steady], AS_OF, config).map((x) => x.counterpart);
    expect(order()).toEqual(['steady@x.example', 'burst@x.example']);
    // The weekly term is what does it: without it the burst's volume wins.
    expect(order({ ...DEFAULT_CONFIG, twoWayWeekWeight: 0 })).toEqual([
      'burst@x.example',
      'steady@x.example',
    ]);
  });

  it('counts a week two-way only when mail went both ways in it', () => {
    // Eight weeks of sent mail and eight of received mail, never in the same week: no two-way week.
    const alternating = Array.from({ length: 16 }, (_, k) =>
      ix('a@x.example', k % 2 ? 'mail_received' : 'mail_sent', 7 * k + 2),
    );
    const off = { ...DEFAULT_CONFIG, twoWayWeekWeight: 0 };
    expect(scoreOne(alternating, AS_OF)!.components.evidence).toBe(
      scoreOne(alternating, AS_OF, off)!.components.evidence,
    );
    // Copies and mail to many people are not meaningful: they make no week two-way either.
    const copied = [ix('b@x.example', 'mail_sent', 2), ix('b@x.example', 'mail_cc', 3)];
    const bulk = [
      ix('c@x.example', 'mail_sent', 2),
      ix('c@x.example', 'mail_received', 3, { participants: 20 }),
    ];
    for (const items of [copied, bulk])
      expect(scoreOne(items, AS_OF)!.components.evidence).toBe(
        scoreOne(items, AS_OF, off)!.components.evidence,
      );
    const both = [ix('d@x.example', 'mail_sent', 2), ix('d@x.example', 'mail_received', 3)];
    expect(scoreOne(both, AS_OF)!.components.evidence).toBeGreaterThan(
      scoreOne(both, AS_OF, off)!.components.evidence,
    );
  });

  it('explains itself with counts and the last meeting', () => {
    const items = [
      ix('a@x.example', 'meeting_1on1', 12),
      ix('a@x.example', 'meeting_1on1', 40),
      ix('a@x.example', 'mail_sent', 3),
      ix('a@x.example', 'mail_received', 2),
      ix('a@x.example', 'mail_sent', 120),
    ];
    const s = scoreOne(items, AS_OF)!;
    expect(s.evidence).toMatchObject({ oneOnOnes: 2, mailsSent: 1, mailsReceived: 1, twoWayExchanges: 1 });
    expect(s.explanation).toMatch(/^2 1:1s and 1 two-way mail exchange in 90 days; last met 12 days ago/);
  });

  it('does not call an all-hands "last met": only a 1:1 or a small meeting is', () => {
    const items = [ix('a@x.example', 'meeting_1on1', 12), ix('a@x.example', 'meeting_large', 1)];
    const s = scoreOne(items, AS_OF)!;
    expect(s.evidence.lastMet).toBe(items[0]!.at.toISOString());
    expect(s.evidence.lastContact).toBe(items[1]!.at.toISOString());
    expect(s.explanation).toMatch(/last met 12 days ago$/);
    const onlyLarge = scoreOne([ix('b@x.example', 'meeting_large', 2)], AS_OF)!;
    expect(onlyLarge.evidence.lastMet).toBeNull();
    expect(onlyLarge.explanation).toMatch(/; last contact 2 days ago$/);
  });

  it('says in how many separate weeks mail went both ways', () => {
    // Weeks 1, 3 and 5 before AS_OF both ways; week 7 one way only; a copy does not count.
    const items = [1, 3, 5].flatMap((w) => [
      ix('a@x.example', 'mail_sent', w * 7),
      ix('a@x.example', 'mail_received', w * 7),
    ]);
    items.push(ix('a@x.example', 'mail_sent', 49), ix('a@x.example', 'mail_cc', 48));
    const s = scoreOne(items, AS_OF)!;
    expect(s.evidence.twoWayWeeks).toBe(3);
    expect(s.explanation).toContain('mail both ways in 3 separate weeks');
    expect(scoreOne(items.slice(0, 2), AS_OF)!.explanation).not.toContain('separate weeks');
  });

  it('has no score and no evidence without interactions, and "none" health — never weak', () => {
    expect(scoreOne([], AS_OF)).toBeNull();
    expect(healthOf(null, 30, AS_OF)).toMatchObject({ score: null, band: 'none' });
    const ccOnly = scoreOne([ix('a@x.example', 'mail_cc', 3)], AS_OF);
    expect(healthOf(ccOnly, 30, AS_OF)).toMatchObject({ score: null, band: 'none' });
  });
});

describe('health against a cadence', () => {
  const score = scoreOne(
    [ix('a@x.example', 'meeting_1on1', 10), ix('a@x.example', 'meeting_1on1', 20)],
    AS_OF,
  )!;

  it('is due a cadence after the last meaningful interaction', () => {
    const h = healthOf(score, 30, AS_OF);
    const last = Date.parse(score.evidence.lastMeaningful!);
    expect(Date.parse(h.dueDate!)).toBe(last + 30 * DAY);
    expect(h.daysOverdue).toBe(-20);
  });

  it('falls as the contact becomes overdue, through the bands', () => {
    const onTime = healthOf(score, 30, AS_OF);
    const late = healthOf(score, 30, new Date(AS_OF.getTime() + 60 * DAY));
    const veryLate = healthOf(score, 30, new Date(AS_OF.getTime() + 200 * DAY));
    expect(onTime.band).toBe('good');
    expect(late.score!).toBeLessThan(onTime.score!);
    expect(veryLate.band).toBe('poor');
  });

  it('uses the tier cadence when none is set', () => {
    expect(healthOf(score, null, AS_OF).cadenceDays).toBeGreaterThan(0);
  });
});

describe('monthly series and trend', () => {
  const series = (values: number[]): MonthPoint[] =>
    values.map((v, k) => ({
      at: new Date(Date.UTC(2026, k, 28)).toISOString(),
      strength: v,
      activity: v / 10,
    }));

  it('reads up, flat and down', () => {
    expect(trendOf(series([10, 10, 20, 30, 45, 60]))).toBe('up');
    expect(trendOf(series([40, 41, 39, 40, 40, 41]))).toBe('flat');
    expect(trendOf(series([60, 60, 50, 35, 20, 10]))).toBe('down');
  });

  it('flags cooling only for a solid tie that has faded', () => {
    expect(isCooling(series([60, 60, 70, 65, 60, 60, 55, 40, 30, 20, 10, 5]))).toBe(true);
    expect(isCooling(series([60, 60, 70, 65, 60, 60, 55, 60, 65, 60, 62, 58]))).toBe(false);
    expect(isCooling(series([10, 8, 9, 10, 9, 10, 5, 4, 3, 1, 0, 0]))).toBe(false); // never solid
  });

  it('does not read a burst that ended, or a weak tie, as cooling', () => {
    // A burst right before the quiet months: finished work, not a fading tie.
    expect(isCooling(series([40, 40, 45, 40, 40, 40, 45, 40, 40, 90, 5, 5]))).toBe(false);
    // Active enough, but the tie never mattered (strength stayed under coolingMinStrength).
    const weak = series([15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 1, 1]).map((p) => ({ ...p, activity: 4 }));
    weak[10]!.activity = 0;
    weak[11]!.activity = 0;
    expect(isCooling(weak)).toBe(false);
    expect(isCooling(weak.map((p, k) => ({ ...p, strength: k < 10 ? 40 : 5 })))).toBe(true);
  });

  it('scores each month end from the data before it', () => {
    const items = Array.from({ length: 30 }, (_, k) => ix('a@x.example', 'meeting_1on1', 150 + k * 5));
    const s = monthlySeries(items, AS_OF, 12).get('a@x.example')!;
    expect(s).toHaveLength(12);
    expect(s.at(-1)!.at).toBe(AS_OF.toISOString());
    expect(trendOf(s)).toBe('down');
    expect(isCooling(s)).toBe(true);
  });
});

const rng = seededRandom;
const KINDS = INTERACTION_KINDS;
function randomInteraction(r: () => number, who = 'a@x.example'): Interaction {
  const kind = KINDS[Math.floor(r() * KINDS.length)]!;
  const participants = kind === 'meeting_1on1' ? 2 : 2 + Math.floor(r() * 30);
  return ix(who, kind, Math.floor(r() * 400) - 20, {
    participants: kind === 'meeting_small' ? Math.min(8, Math.max(3, participants)) : participants,
    durationMinutes: kind.startsWith('meeting') ? 15 + Math.floor(r() * 8) * 15 : 0,
    ...(kind === 'mail_reply' ? { direction: r() < 0.5 ? ('outbound' as const) : ('inbound' as const) } : {}),
  });
}
const randomHistory = (r: () => number, count: number, who = 'a@x.example') =>
  Array.from({ length: count }, () => randomInteraction(r, who));
const meaningful = (r: () => number): Interaction => {
  const kind = (['meeting_1on1', 'meeting_small', 'mail_sent', 'mail_received', 'mail_reply'] as const)[
    Math.floor(r() * 5)
  ]!;
  return ix('a@x.example', kind, Math.floor(r() * 300), {
    participants: kind === 'meeting_small' ? 3 + Math.floor(r() * 6) : 2,
    ...(kind === 'mail_reply' ? { direction: r() < 0.5 ? 'outbound' : 'inbound' } : {}),
  });
};

describe('properties (seeded, 300 cases each)', () => {
  it('adding a meaningful interaction never lowers strength', () => {
    const r = rng(1);
    for (let k = 0; k < 300; k++) {
      const history = randomHistory(r, Math.floor(r() * 40));
      expect(strengthOf([...history, meaningful(r)])).toBeGreaterThanOrEqual(strengthOf(history));
    }
  });

  it('adding any interaction never lowers the evidence, with every weekly and breadth term on', () => {
    const r = rng(6);
    const config = { ...DEFAULT_CONFIG, regularityWeight: 1, twoWayWeekWeight: 1, breadthWeight: 1 };
    const inConversation = (i: Interaction) =>
      i.sourceType === 'message' ? { ...i, conversationId: r() < 0.8 ? `c${Math.floor(r() * 5)}` : null } : i;
    for (let k = 0; k < 300; k++) {
      const history = randomHistory(r, Math.floor(r() * 40)).map(inConversation);
      const extra = inConversation(r() < 0.5 ? meaningful(r) : randomInteraction(r));
      for (const c of [config, DEFAULT_CONFIG]) {
        const before = scoreOne(history, AS_OF, c)?.components.evidence ?? 0;
        const after = scoreOne([...history, extra], AS_OF, c)?.components.evidence ?? 0;
        expect(after).toBeGreaterThanOrEqual(before);
      }
      const shuffled = [...history].sort(() => r() - 0.5);
      expect(scoreOne(shuffled, AS_OF, config)).toEqual(scoreOne(history, AS_OF, config));
    }
  });

  it('keeps strengths in 0..100 and health in 0..100 or null', () => {
    const r = rng(2);
    for (let k = 0; k < 300; k++) {
      const s = scoreOne(randomHistory(r, 1 + Math.floor(r() * 200)), AS_OF);
      if (!s) continue;
      expect(s.strength).toBeGreaterThanOrEqual(0);
      expect(s.strength).toBeLessThanOrEqual(100);
      const h = healthOf(s, 1 + Math.floor(r() * 120), AS_OF);
      if (h.score !== null) {
        expect(h.score).toBeGreaterThanOrEqual(0);
        expect(h.score).toBeLessThanOrEqual(100);
      } else expect(h.band).toBe('none');
    }
  });

  it('ignores interactions after asOf', () => {
    const r = rng(3);
    for (let k = 0; k < 300; k++) {
      const history = randomHistory(r, Math.floor(r() * 40)).filter((i) => i.at <= AS_OF);
      const future = randomHistory(r, 1 + Math.floor(r() * 10)).map((i) => ({
        ...i,
        at: new Date(AS_OF.getTime() + (1 + Math.floor(r() * 60)) * DAY),
      }));
      expect(scoreOne([...history, ...future], AS_OF)).toEqual(scoreOne(history, AS_OF));
    }
  });

  it('scores at one instant (scoreOne) exactly as the monthly series does (evidenceAt), any window', () => {
    const r = rng(5);
    // Monthly activity's config (health.ts), and one with every weekly and breadth term on.
    const flat = activityConfig(DEFAULT_CONFIG);
    const weekly = { ...DEFAULT_CONFIG, regularityWeight: 1, breadthWeight: 1 };
    const seen = { quickReplies: 0, longStanding: 0, standingSlots: 0 };
    for (let k = 0; k < 300; k++) {
      const history = randomHistory(r, Math.floor(r() * 60)).map((i) => {
        if (i.sourceType === 'event')
          // Some meetings on one standing weekly slot, which gives diminishing returns.
          return r() < 0.4 ? { ...i, at: new Date(AS_OF.getTime() - Math.floor(r() * 40) * 7 * DAY) } : i;
        return { ...i, conversationId: r() < 0.7 ? `c${Math.floor(r() * 6)}` : null };
      });
      // Replies within hours, the other way, in the same conversation.
      for (const m of history.slice(0, 10))
        if (m.conversationId && r() < 0.5)
          history.push({
            ...m,
            sourceId: `${m.sourceId}-re`,
            kind: 'mail_reply',
            direction: m.direction === 'outbound' ? 'inbound' : 'outbound',
            at: new Date(m.at.getTime() + (1 + Math.floor(r() * 12)) * 3_600_000),
          });
      const asOf = new Date(AS_OF.getTime() - Math.floor(r() * 420 * DAY) + 30 * DAY);
      const now = asOf.getTime();
      const prepared = prepareInteractions(history);
      const score = scoreOne(history, asOf);
      expect(evidenceAt(prepared, now)).toBe(score?.components.evidence ?? 0);
      // A window (from, now] sums exactly what scoring only the interactions inside it sums.
      const from = now - (1 + Math.floor(r() * 120)) * DAY;
      const inside = history.filter((i) => i.at.getTime() > from);
      for (const config of [DEFAULT_CONFIG, flat, weekly])
        expect(evidenceAt(prepareInteractions(history, config), now, config, from)).toBe(
          scoreOne(inside, asOf, config)?.components.evidence ?? 0,
        );
      seen.quickReplies += score?.evidence.quickReplies ?? 0;
      seen.longStanding += Number(score?.components.longStanding ?? false);
      seen.standingSlots += Number(
        prepared.some((p, j) => p.slot !== null && prepared.findIndex((q) => q.slot === p.slot) !== j),
      );
    }
    // The cases exercised every branch of the kernel.
    expect(seen.quickReplies).toBeGreaterThan(0);
    expect(seen.longStanding).toBeGreaterThan(0);
    expect(seen.standingSlots).toBeGreaterThan(0);
  });

  it('sums the twelve month ends in one pass as the kernel does at each (series.ts)', () => {
    const r = rng(11);
    const weekly = { ...DEFAULT_CONFIG, regularityWeight: 1 };
    for (let k = 0; k < 200; k++) {
      const history = randomHistory(r, Math.floor(r() * 80)).map((i) =>
        i.sourceType === 'event' && r() < 0.4
          ? { ...i, at: new Date(AS_OF.getTime() - Math.floor(r() * 40) * 7 * DAY) } // a standing slot
          : { ...i, conversationId: r() < 0.5 ? `c${Math.floor(r() * 4)}` : null },
      );
      const instants = monthEnds(AS_OF, 12).map((d) => d.getTime());
      for (const config of [DEFAULT_CONFIG, weekly]) {
        const prepared = prepareInteractions(history, config);
        const series = evidenceSeries(prepared, instants, config);
        instants.forEach((t, j) => {
          const direct = evidenceAt(prepared, t, config);
          // The same terms in another order: equal up to rounding, and exactly at the last instant.
          if (j === instants.length - 1) expect(series[j]).toBe(direct);
          else expect(Math.abs(series[j]! - direct)).toBeLessThanOrEqual(1e-9 * Math.max(1, direct));
        });
      }
    }
  });

  it('gives the map the same scores and series at once as scoring and the monthly series apart', () => {
    const r = rng(12);
    const people = ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example'];
    const history = people.flatMap((who) =>
      randomHistory(r, 5 + Math.floor(r() * 40)).map((i) => ({ ...i, counterpart: who })),
    );
    const future = { ...history[0]!, sourceId: 'later', at: new Date(AS_OF.getTime() + DAY) };
    const both = scoresWithSeries([...history, future], AS_OF, 12);
    expect(both.scores).toEqual(scoreCounterparts(history, AS_OF));
    expect(both.series).toEqual(monthlySeries(history, AS_OF, 12));
  });

  it('does not depend on input order', () => {
    const r = rng(4);
    for (let k = 0; k < 300; k++) {
      const history = [...randomHistory(r, 30), ...randomHistory(r, 20, 'b@x.example')];
      const shuffled = [...history].sort(() => r() - 0.5);
      expect(scoreCounterparts(shuffled, AS_OF)).toEqual(scoreCounterparts(history, AS_OF));
    }
  });
});
