import { describe, expect, it } from 'vitest';
import { calibrationFlag, glowingWarning } from '../../server/insights/calibration';
import { unofficialLeader } from '../../server/insights/leaders';
import { buildMap, type Stakeholder } from '../../server/insights/map';
import { type DirectoryEntry, OrgIndex } from '../../server/insights/org';
import { compactSnapshot, monthlyReview } from '../../server/insights/review';
import { internalShare } from '../../server/insights/share';
import { DEFAULT_CONFIG, monthlySeries, scoreOne } from '../../server/insights/model';
import { activityConfig } from '../../server/insights/model/health';
import { userSettingsSchema } from '../../server/settings/userSettings';
import type { Interaction } from '../../server/domain/interaction';
import { AS_OF, DAY, INTERACTION_KINDS, interaction, seededRandom } from '../helpers/interactions';

const ix = interaction;
const person = (id: string, over: Partial<DirectoryEntry> = {}): DirectoryEntry => ({
  id,
  mail: `${id}@contoso.example`,
  addresses: [`${id}@contoso.example`],
  displayName: id,
  jobTitle: 'Specialist',
  department: 'Finance',
  officeLocation: null,
  managerId: null,
  ...over,
});
const at = (id: string) => `${id}@contoso.example`;

describe('internal share', () => {
  it('counts each meeting once, as external when any outsider was on it, by month', () => {
    const shared = { sourceId: 'm1', sourceType: 'event' as const, durationMinutes: 60 };
    const share = internalShare(
      [
        ix(at('ann'), 'meeting_small', 1, shared),
        ix('@fabrikam.example', 'meeting_small', 1, shared),
        ix(at('bob'), 'meeting_1on1', 2, { sourceId: 'm2', durationMinutes: 30 }),
        ix(at('bob'), 'mail_sent', 3),
        ix('@fabrikam.example', 'mail_received', 40),
      ],
      AS_OF,
      3,
    );
    expect(share.map((m) => m.month)).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(share[2]).toMatchObject({
      meetingHoursExternal: 1,
      meetingHoursInternal: 0.5,
      mailInternal: 1,
      mailExternal: 0,
      meetingShare: 0.333,
      mailShare: 1,
    });
    expect(share[1]).toMatchObject({ mailExternal: 1, mailShare: 0 });
    expect(share[0]!.meetingShare).toBeNull(); // nothing that month: no share, not zero
  });
});

describe('unofficial leader', () => {
  it('is the colleague the group’s other people are always with, not the one the user mails most', () => {
    const group = new Set([at('hub'), at('a'), at('b'), at('c'), at('loner')]);
    const items: Interaction[] = [];
    for (const other of ['a', 'b', 'c'])
      for (let k = 0; k < 3; k++) {
        const sourceId = `meet-${other}-${k}`;
        items.push(
          ix(at('hub'), 'meeting_small', k, { sourceId }),
          ix(at(other), 'meeting_small', k, { sourceId }),
        );
      }
    for (let k = 0; k < 10; k++) items.push(ix(at('loner'), 'mail_sent', k));
    const pick = unofficialLeader(items, group, 'Finance');
    expect(pick?.counterpart).toBe(at('hub'));
    expect(pick?.reason).toMatch(/alongside 3 of its people/);
    expect(unofficialLeader([ix(at('a'), 'mail_sent', 1)], group, 'Finance')).toBeNull();
  });
});

describe('calibration', () => {
  it('flags glowing ratings without evidence or against poor evidence, never a fair match', () => {
    expect(calibrationFlag(5, 'poor')).toBe('overrated');
    expect(calibrationFlag(5, 'fair')).toBe('overrated');
    expect(calibrationFlag(4, 'fair')).toBeNull();
    expect(calibrationFlag(1, 'good')).toBe('underrated');
    expect(calibrationFlag(5, 'none')).toBe('unbacked');
    expect(calibrationFlag(2, 'none')).toBeNull();
    expect(calibrationFlag(null, 'poor')).toBeNull();
    expect(glowingWarning([5, 5, 4, 5])).toMatch(/rated awesome/);
    expect(glowingWarning([5, 5, 2, 5])).toBeNull();
    expect(glowingWarning([5, 5])).toBeNull(); // too few to judge
  });
});

describe('org', () => {
  it('walks the manager chain to the top and survives cycles in bad directory data', () => {
    const org = new OrgIndex([
      person('me', { managerId: 'boss' }),
      person('boss', { managerId: 'skip' }),
      person('skip', { managerId: null }),
      person('x', { managerId: 'y' }),
      person('y', { managerId: 'x' }),
    ]);
    expect(org.managerChain('me').map((e) => e.id)).toEqual(['boss', 'skip']);
    expect(org.depth('me')).toBe(2);
    expect(org.managerChain('x').map((e) => e.id)).toEqual(['y']);
  });
});

describe('the map', () => {
  const directory = [
    person('ceo', { jobTitle: 'Chief Executive Officer', department: 'Executive Office' }),
    person('cfo', { jobTitle: 'Chief Financial Officer', department: 'Executive Office', managerId: 'ceo' }),
    person('cro', { jobTitle: 'Chief Revenue Officer', department: 'Executive Office', managerId: 'ceo' }),
    person('vp', { jobTitle: 'VP, Sales', department: 'Sales', managerId: 'cro' }),
    person('me', { jobTitle: 'Regional Sales Director', department: 'Sales', managerId: 'vp' }),
    person('fin1', { managerId: 'cfo' }),
    person('fin2', { managerId: 'cfo' }),
    person('legal', { department: 'Legal', jobTitle: 'Counsel', managerId: 'ceo' }),
  ];
  const settings = userSettingsSchema.parse({});
  const interactions = [
    ...[3, 10, 17, 24].map((d) => ix(at('vp'), 'meeting_1on1', d)),
    ...[2, 9, 16].map((d) => ix(at('fin1'), 'meeting_1on1', d)),
    ix(at('fin2'), 'mail_received', 200),
    ix('@fabrikam.example', 'meeting_small', 5),
  ];
  const base = {
    owner: { id: 'me', addresses: [at('me')] },
    directory,
    interactions,
    stakeholders: [],
    settings,
    asOf: AS_OF,
  };

  it('gives the manager chain monthly cadence and peers quarterly, and never lists outsiders', () => {
    const map = buildMap(base);
    const vp = map.people.find((p) => p.address === at('vp'))!;
    expect(vp).toMatchObject({ relation: 'manager', tier: 'leadership', function: 'Sales' });
    expect(vp.health.cadenceDays).toBe(30);
    expect(map.people.find((p) => p.address === at('fin1'))!.health.cadenceDays).toBe(90);
    expect(map.people.some((p) => p.address.startsWith('@'))).toBe(false);
    expect(map.owner.function).toBe('Sales');
  });

  it('says "no evidence" for someone only seen in a large meeting, and suggests getting to know them', () => {
    const map = buildMap({ ...base, interactions: [...interactions, ix(at('legal'), 'meeting_large', 4)] });
    const legal = map.people.find((p) => p.address === at('legal'))!;
    expect(legal.health).toMatchObject({ band: 'none', score: null });
    expect(legal.evidence?.lastContact).not.toBeNull();
    expect(legal.nextAction).toMatch(/^Only large meetings or copied mail so far/);
  });

  it('proposes only directory people, and leaves the catch-all "Other" out of coverage', () => {
    const map = buildMap({
      ...base,
      interactions: [
        ...interactions,
        ...[1, 2, 3].map((d) => ix(at('news'), 'mail_received', d)),
        ...[1, 8].map((d) => ix(at('shared-finance'), 'meeting_1on1', d)),
      ],
    });
    const candidates = map.functions.flatMap((f) => f.candidates.map((c) => c.address));
    expect(map.people.some((p) => p.address === at('shared-finance'))).toBe(true);
    expect(candidates).not.toContain(at('news'));
    expect(candidates).not.toContain(at('shared-finance'));
    expect(candidates).toContain(at('fin1'));
    expect(map.functions.map((f) => f.name)).not.toContain('Other');
  });

  it('suggests the boss’s boss and executives two levels up as mentors', () => {
    const map = buildMap(base);
    expect(map.mentors.map((m) => m.id)).toEqual(['cro', 'cfo']);
  });

  it('proposes candidates per function from who the user meets, then from the directory', () => {
    const map = buildMap(base);
    const legal = map.functions.find((f) => f.name === 'Legal')!;
    expect(legal.candidates).toEqual([
      expect.objectContaining({ address: at('legal'), source: 'directory' }),
    ]);
    const finance = map.functions.find((f) => f.name === 'Finance')!;
    expect(finance.candidates[0]).toMatchObject({ address: at('fin1'), source: 'meets' });
  });

  it('drops excluded people and domains, and shows stakeholders first with their rating beside the evidence', () => {
    const sh: Stakeholder = {
      address: at('fin2'),
      personId: 'fin2',
      status: 'accepted',
      functionOverride: 'Legal',
      why: 'Signs off on discounts',
      roleTag: 'approver',
      priorities: null,
      challenges: null,
      notes: null,
      selfRating: 5,
      cadenceDays: 14,
      tension: false,
      appreciations: [],
      updatedAt: AS_OF.toISOString(),
    };
    const map = buildMap({
      ...base,
      stakeholders: [sh],
      settings: { ...settings, excludedPeople: [at('fin1')] },
    });
    expect(map.people[0]).toMatchObject({
      address: at('fin2'),
      function: 'Legal',
      functionSource: 'override',
    });
    expect(map.people[0]!.health.cadenceDays).toBe(14);
    expect(map.people[0]!.calibration.flag).not.toBeNull(); // rated 5, last heard from 200 days ago
    expect(map.people.some((p) => p.address === at('fin1'))).toBe(false);
  });

  it('starts a first review with choosing stakeholders, and names coverage gaps without a snapshot', () => {
    const review = monthlyReview(buildMap(base), null, null);
    expect(review).toMatchObject({ since: null, stakeholders: 0, due: [], reRate: [] });
    expect(review.proposals).toBeGreaterThan(0);
    expect(review.suggestedActions[0]).toMatch(
      /^Choose your stakeholders: \d+ people proposed across \d+ functions/,
    );
    expect(review.suggestedActions.filter((a) => a.startsWith('Go deeper in '))).toHaveLength(2);
    expect(review.suggestedActions.at(-1)).toMatch(/^Ask CRO for advice/i);
  });

  it('puts the functions that lost good relationships since the snapshot first', () => {
    const accepted: Stakeholder = {
      address: at('fin1'),
      personId: 'fin1',
      status: 'accepted',
      functionOverride: null,
      why: null,
      roleTag: null,
      priorities: null,
      challenges: null,
      notes: null,
      selfRating: null,
      cadenceDays: null,
      tension: false,
      appreciations: [],
      updatedAt: AS_OF.toISOString(),
    };
    const map = buildMap({ ...base, stakeholders: [accepted] });
    const legalNow = map.functions.find((f) => f.name === 'Legal')!.good;
    const prev = compactSnapshot(map);
    prev.functions = prev.functions.map((f) => (f.name === 'Legal' ? { ...f, good: legalNow + 2 } : f));
    const review = monthlyReview(map, prev, '2026-05');
    expect(review.stakeholders).toBe(1);
    expect(review.suggestedActions.some((a) => a.startsWith('Choose your stakeholders'))).toBe(false);
    expect(review.suggestedActions.find((a) => a.startsWith('Go deeper in '))).toBe(
      `Go deeper in Legal: ${legalNow} of 3 good relationships (was ${legalNow + 2}).`,
    );
  });
});

describe('monthly series', () => {
  it('equals scoring from scratch at every month end (the prepared sums change nothing)', () => {
    const rnd = seededRandom(7);
    const kinds = INTERACTION_KINDS;
    const list = Array.from({ length: 400 }, () =>
      ix(at(`p${Math.floor(rnd() * 8)}`), kinds[Math.floor(rnd() * kinds.length)]!, Math.floor(rnd() * 400), {
        participants: 2 + Math.floor(rnd() * 12),
        durationMinutes: 15 + Math.floor(rnd() * 90),
        conversationId: rnd() < 0.7 ? `c${Math.floor(rnd() * 20)}` : null,
      }),
    );
    const series = monthlySeries(list, AS_OF, 12);
    for (const [who, points] of series)
      for (const p of points) {
        const own = list.filter((i) => i.counterpart === who);
        const at = new Date(p.at);
        expect(p.strength).toBe(scoreOne(own, at)?.strength ?? 0);
        const month = own.filter((i) => i.at.getTime() > at.getTime() - 30 * DAY);
        const flat = activityConfig(DEFAULT_CONFIG);
        expect(p.activity).toBe(
          Math.round(100 * (scoreOne(month, at, flat)?.components.evidence ?? 0)) / 100,
        );
      }
  });
});

describe('reply latency', () => {
  const thread = (gapHours: number, conversationId: string) => [
    ix(at('ann'), 'mail_received', 10, { conversationId }),
    ix(at('ann'), 'mail_sent', 10 - gapHours / 24, { conversationId }),
  ];
  it('quick back-and-forth in a conversation counts for more than the same mail answered days later', () => {
    const quick = scoreOne([...thread(1, 'c1'), ...thread(2, 'c2')], AS_OF)!;
    const slow = scoreOne([...thread(70, 'c1'), ...thread(80, 'c2')], AS_OF)!;
    expect(quick.evidence.quickReplies).toBe(2);
    expect(slow.evidence.quickReplies).toBe(0);
    expect(quick.strength).toBeGreaterThan(slow.strength);
    expect(quick.explanation).toMatch(/2 replies within hours/);
  });
  it('needs a conversation: mail without one is not a reply', () => {
    const list = thread(1, 'x').map((i) => ({ ...i, conversationId: null }));
    expect(scoreOne(list, AS_OF)!.evidence.quickReplies).toBe(0);
  });
});
