import { isAcceptedStakeholder, type RelationshipMap } from './map';

/**
 * The monthly review, pure: what changed since last month's snapshot (bands up and down, new
 * people), who is due, the ratings to revisit and the actions to pick — and the compact snapshot
 * a month is kept as, so next month's review has something to compare with.
 */
export interface CompactSnapshot {
  asOf: string;
  people: Array<{
    address: string;
    displayName: string;
    function: string;
    strength: number;
    health: number | null;
    band: string;
    trend: string | null;
    selfRating: number | null;
    stakeholder: boolean;
  }>;
  functions: Array<{ name: string; good: number; target: number }>;
  internalShare: { meetingShare: number | null; mailShare: number | null } | null;
}

export function compactSnapshot(map: RelationshipMap): CompactSnapshot {
  return {
    asOf: map.asOf,
    people: map.people
      .filter((p) => isAcceptedStakeholder(p) || p.strength >= 5)
      .map((p) => ({
        address: p.address,
        displayName: p.displayName,
        function: p.function,
        strength: p.strength,
        health: p.health.score,
        band: p.health.band,
        trend: p.health.trend,
        selfRating: p.calibration.selfRating,
        stakeholder: isAcceptedStakeholder(p),
      })),
    functions: map.functions.map((f) => ({ name: f.name, good: f.good, target: f.target })),
    internalShare: map.internalShare.at(-1) ?? null,
  };
}

export interface MonthlyReview {
  since: string | null;
  slipped: Array<{ address: string; displayName: string; from: string; to: string }>;
  improved: Array<{ address: string; displayName: string; from: string; to: string }>;
  newPeople: Array<{ address: string; displayName: string; strength: number }>;
  due: RelationshipMap['due'];
  reRate: Array<{ address: string; displayName: string; selfRating: number | null; band: string }>;
  coverage: Array<{ name: string; good: number; was: number | null; target: number }>;
  /** Accepted stakeholders: with none, "nobody due" means "nobody chosen yet", and the UI says so. */
  stakeholders: number;
  /** People proposed as stakeholders across the functions (what a first review starts from). */
  proposals: number;
  suggestedActions: string[];
}

const RANK: Record<string, number> = { none: 0, poor: 1, fair: 2, good: 3 };

export function monthlyReview(
  map: RelationshipMap,
  prev: CompactSnapshot | null,
  since: string | null,
): MonthlyReview {
  const before = new Map((prev?.people ?? []).map((p) => [p.address, p]));
  const slipped: MonthlyReview['slipped'] = [];
  const improved: MonthlyReview['improved'] = [];
  const newPeople: MonthlyReview['newPeople'] = [];
  for (const p of map.people) {
    const b = before.get(p.address);
    if (!b) {
      if (prev && p.strength >= 20)
        newPeople.push({ address: p.address, displayName: p.displayName, strength: p.strength });
      continue;
    }
    const d = (RANK[p.health.band] ?? 0) - (RANK[b.band] ?? 0);
    const row = { address: p.address, displayName: p.displayName, from: b.band, to: p.health.band };
    if (d < 0) slipped.push(row);
    else if (d > 0) improved.push(row);
  }
  const accepted = map.people.filter(isAcceptedStakeholder);
  const reRate = accepted
    .filter((p) => p.calibration.flag || p.calibration.selfRating === null)
    .map((p) => ({
      address: p.address,
      displayName: p.displayName,
      selfRating: p.calibration.selfRating,
      band: p.health.band,
    }));
  const was = new Map((prev?.functions ?? []).map((f) => [f.name, f.good]));
  const coverage = map.functions.map((f) => ({
    name: f.name,
    good: f.good,
    was: was.get(f.name) ?? null,
    target: f.target,
  }));
  const proposals = map.functions.reduce((n, f) => n + f.candidates.length, 0);
  const withProposals = map.functions.filter((f) => f.candidates.length > 0).length;
  // Functions that lost good relationships since the snapshot first, then the widest gaps.
  const lost = (c: (typeof coverage)[number]) => (c.was !== null && c.was > c.good ? 1 : 0);
  const gaps = coverage
    .filter((c) => c.good < c.target)
    .sort((a, b) => lost(b) - lost(a) || b.target - b.good - (a.target - a.good));
  const suggestedActions = [
    ...(accepted.length === 0 && proposals > 0
      ? [
          `Choose your stakeholders: ${proposals} people proposed across ${withProposals} ` +
            `function${withProposals === 1 ? '' : 's'}, from who you meet and from the directory.`,
        ]
      : []),
    ...map.due
      .filter((d) => d.daysOverdue > 0)
      .slice(0, 3)
      .map((d) => `Reach out to ${d.displayName}: due ${d.daysOverdue} days ago.`),
    ...gaps
      .slice(0, 2)
      .map((c) =>
        lost(c)
          ? `Go deeper in ${c.name}: ${c.good} of ${c.target} good relationships (was ${c.was}).`
          : `Go deeper in ${c.name}: ${c.good} of ${c.target} good relationships.`,
      ),
    ...map.mentors.slice(0, 1).map((m) => `Ask ${m.displayName} for advice: ${m.why}`),
  ];
  return {
    since,
    slipped,
    improved,
    newPeople,
    due: map.due,
    reRate,
    coverage,
    stakeholders: accepted.length,
    proposals,
    suggestedActions,
  };
}
