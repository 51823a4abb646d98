import type { RoleTag, StakeholderStatus } from '../../contract/vocabulary';
import { type BusinessFunction, FUNCTIONS } from '../domain/functions';
import { primaryAddress } from '../domain/identity';
import type { Interaction } from '../domain/interaction';
import type { UserSettings } from '../settings/userSettings';
import { type AutomatedSender, automatedSenders } from './automated';
import { type CalibrationFlag, calibrationFlag, glowingWarning, selfBand } from './calibration';
import { classifyFunction } from './functions';
import { type LeaderPick, unofficialLeader } from './leaders';
import {
  type Band,
  type CounterpartScore,
  DEFAULT_CONFIG,
  type Evidence,
  type Health,
  healthOf,
  type ModelConfig,
  scoresWithSeries,
} from './model';
import { type DirectoryEntry, OrgIndex } from './org';
import { internalShare, type MonthShare } from './share';

/**
 * The Internal Relationships Map as of a date: every colleague the user works with, scored, with
 * health against their cadence, function, calibration, coverage per function, unofficial leaders,
 * mentor suggestions and the internal share. Pure: the caller loads the inputs.
 */
export const MODEL_VERSION = 'rapport-map-1';

export interface Appreciation {
  id: string;
  at: string;
  note: string;
}
export interface Stakeholder {
  address: string;
  personId: string | null;
  status: StakeholderStatus;
  functionOverride: BusinessFunction | null;
  why: string | null;
  roleTag: RoleTag | null;
  priorities: string | null;
  challenges: string | null;
  notes: string | null;
  selfRating: number | null;
  cadenceDays: number | null;
  /** "Healthy tension": the user marks a relationship where friction is productive. */
  tension: boolean;
  appreciations: Appreciation[];
  updatedAt: string;
}

/** A person the user has accepted as a stakeholder: first on the map, counted, rated, due. */
export const isAcceptedStakeholder = (p: { stakeholder: Pick<Stakeholder, 'status'> | null }) =>
  p.stakeholder?.status === 'accepted';

/**
 * The people a map of at most `limit` shows: the strongest `limit`, and every accepted stakeholder
 * however many (they sort first, so a prefix holds them all).
 */
export const peopleWithinLimit = (people: MapPerson[], limit: number) =>
  people.slice(0, Math.max(limit, people.filter(isAcceptedStakeholder).length));

export interface MapInputs {
  owner: { id: string; addresses: string[] };
  directory: DirectoryEntry[];
  interactions: Interaction[];
  stakeholders: Stakeholder[];
  settings: UserSettings;
  asOf: Date;
  config?: ModelConfig;
}

export type Tier = 'leadership' | 'peer';
export interface MapPerson {
  id: string | null;
  address: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  function: BusinessFunction;
  functionSource: 'directory' | 'override';
  tier: Tier;
  /** How the directory relates them to the user: manager, skip-level, direct report, executive. */
  relation: string | null;
  strength: number;
  explanation: string;
  evidence: Evidence | null;
  health: Health;
  /** Strength at each of the last 12 month ends, oldest first (the last point is asOf). */
  series: number[];
  stakeholder: Stakeholder | null;
  calibration: { selfRating: number | null; selfBand: Band | null; flag: CalibrationFlag };
  nextAction: string | null;
}

export interface Candidate {
  address: string;
  id: string | null;
  displayName: string;
  jobTitle: string | null;
  source: 'meets' | 'directory';
  strength: number;
}
export interface FunctionSummary {
  name: BusinessFunction;
  /** People in the function the user has any evidence with. */
  people: number;
  good: number;
  fair: number;
  poor: number;
  /** "3 deep": good relationships wanted. */
  target: number;
  covered: boolean;
  leader: (LeaderPick & { displayName: string; id: string | null }) | null;
  candidates: Candidate[];
}
export interface MentorSuggestion {
  id: string;
  address: string | null;
  displayName: string;
  jobTitle: string | null;
  why: string;
  strength: number;
}
export interface RelationshipMap {
  asOf: string;
  modelVersion: string;
  owner: { id: string; displayName: string | null; function: BusinessFunction };
  people: MapPerson[];
  totalPeople: number;
  functions: FunctionSummary[];
  internalShare: MonthShare[];
  mentors: MentorSuggestion[];
  calibration: { rated: number; disagreements: number; warning: string | null };
  due: Array<{ address: string; displayName: string; dueDate: string; daysOverdue: number }>;
  /** Addresses not counted as colleagues because they look automated, with the evidence. */
  automated: Array<AutomatedSender & { displayName: string | null }>;
}

const DAY = 86_400_000;

function nextActionFor(p: Omit<MapPerson, 'nextAction'>, asOf: Date): string | null {
  const h = p.health;
  if (p.stakeholder?.status === 'rejected') return null;
  if (h.band === 'none')
    return p.evidence?.lastContact
      ? 'Only large meetings or copied mail so far: suggest a coffee to get to know them.'
      : 'No meetings or mail yet: introduce yourself — suggest a coffee.';
  if (h.band === 'poor' && p.tier === 'leadership')
    return 'Health is poor: work it directly first, then with your own boss — don’t go over their head.';
  if (h.daysOverdue !== null && h.daysOverdue > 0)
    return `Due ${Math.round(h.daysOverdue)} days ago: suggest lunch or a coffee.`;
  if (p.health.cooling || h.trend === 'down') return 'Cooling: ask about their priorities and obstacles.';
  if (h.dueDate && Date.parse(h.dueDate) - asOf.getTime() < 14 * DAY) return 'Due within two weeks.';
  return null;
}

export function buildMap(inputs: MapInputs, opts: { limit?: number } = {}): RelationshipMap {
  const config = inputs.config ?? DEFAULT_CONFIG;
  const { settings, asOf } = inputs;
  const org = new OrgIndex(inputs.directory);
  // One person, one row: an address the directory gives to a person is that person (their primary
  // address). Sync stores interactions that way; stakeholders, exclusions and rows stored before
  // an alias was learned are resolved here too. Unknown addresses stay themselves.
  const personKey = (address: string) => {
    const e = org.byAddress.get(address);
    return (e ? primaryAddress(e) : null) ?? address;
  };
  const excludedPeople = new Set([...settings.excludedPeople, ...settings.excludedPeople.map(personKey)]);
  const excludedDomains = settings.excludedDomains;
  const excludesAny = excludedPeople.size > 0 || excludedDomains.length > 0;
  const excluded = (address: string) =>
    excludesAny &&
    (excludedPeople.has(address) ||
      excludedDomains.some(
        (d) => address.endsWith(`@${d}`) || address.endsWith(`.${d}`) || address === `@${d}`,
      ));
  const asOfInteractions = inputs.interactions
    .filter((i) => i.at.getTime() <= asOf.getTime())
    .map((i) => {
      if (!i.internal) return i;
      const key = personKey(i.counterpart);
      return key === i.counterpart
        ? i
        : { ...i, counterpart: key, counterpartId: org.byAddress.get(key)!.id };
    })
    .filter((i) => !excluded(i.counterpart));
  const stakeholders = new Map<string, Stakeholder>();
  for (const s of inputs.stakeholders) {
    const key = personKey(s.address);
    // Two rows for one person (added under two addresses): the one under their primary address wins.
    if (!stakeholders.has(key) || s.address === key) stakeholders.set(key, { ...s, address: key });
  }
  // Machines are not colleagues (automated.ts): neither scored nor counted in the internal share.
  // A stakeholder the user keeps is a colleague by their say.
  const automated = automatedSenders(
    asOfInteractions.filter((i) => i.internal),
    {
      directory: (a) => org.byAddress.get(a),
      countAsColleagues: [
        ...settings.countAsColleagues.map(personKey),
        ...[...stakeholders.values()].filter((s) => s.status !== 'rejected').map((s) => s.address),
      ],
      markedAutomated: settings.markedAutomated.map(personKey),
    },
  );
  const interactions = automated.size
    ? asOfInteractions.filter((i) => !automated.has(i.counterpart))
    : asOfInteractions;
  const internal = interactions.filter((i) => i.internal);

  const scored = scoresWithSeries(internal, asOf, 12, config);
  const scores = new Map<string, CounterpartScore>(scored.scores.map((s) => [s.counterpart, s]));
  const series = scored.series;

  const ownerEntry = org.byId.get(inputs.owner.id);
  const ownerFunction = classifyFunction(ownerEntry?.department ?? null, ownerEntry?.jobTitle ?? null);
  const chain = org.managerChain(inputs.owner.id);
  const chainIds = new Set(chain.map((m) => m.id));
  const reports = new Set(org.directReports(inputs.owner.id).map((r) => r.id));

  const addresses = new Set<string>([
    ...scores.keys(),
    ...[...stakeholders.values()].filter((s) => s.status !== 'rejected').map((s) => s.address),
  ]);
  const people: MapPerson[] = [];
  for (const address of addresses) {
    if (excluded(address) || automated.has(address) || inputs.owner.addresses.includes(address)) continue;
    const entry = org.byAddress.get(address);
    const sh = stakeholders.get(address) ?? null;
    const score = scores.get(address) ?? null;
    const classified = classifyFunction(entry?.department ?? null, entry?.jobTitle ?? null);
    const fn = sh?.functionOverride ?? classified;
    const relation = entry
      ? chain[0]?.id === entry.id
        ? 'manager'
        : chainIds.has(entry.id)
          ? chain[1]?.id === entry.id
            ? 'skip-level'
            : 'manager chain'
          : reports.has(entry.id)
            ? 'direct report'
            : classified === 'Executives'
              ? 'executive'
              : null
      : null;
    const tier: Tier = relation && relation !== 'direct report' ? 'leadership' : 'peer';
    const cadence = sh?.cadenceDays ?? settings.cadenceDays[tier];
    const points = series.get(address) ?? null;
    const health = healthOf(score, cadence, asOf, points, config);
    const rating = sh?.selfRating ?? null;
    const base = {
      id: entry?.id ?? score?.counterpartId ?? sh?.personId ?? null,
      address,
      displayName: entry?.displayName ?? address,
      jobTitle: entry?.jobTitle ?? null,
      department: entry?.department ?? null,
      officeLocation: entry?.officeLocation ?? null,
      function: fn,
      functionSource: sh?.functionOverride ? ('override' as const) : ('directory' as const),
      tier,
      relation,
      strength: score?.strength ?? 0,
      explanation: score?.explanation ?? 'No meetings or mail yet.',
      evidence: score?.evidence ?? null,
      health,
      series: (points ?? []).map((p) => p.strength),
      stakeholder: sh,
      calibration: {
        selfRating: rating,
        selfBand: rating === null ? null : selfBand(rating),
        flag: calibrationFlag(rating, health.band),
      },
    };
    people.push({ ...base, nextAction: nextActionFor(base, asOf) });
  }
  // Strength is shown rounded; the order is the model's own (unrounded evidence), or rounded ties
  // would fall back to the alphabet.
  const evidenceOf = (p: MapPerson) => scores.get(p.address)?.components.evidence ?? 0;
  people.sort(
    (a, b) =>
      Number(isAcceptedStakeholder(b)) - Number(isAcceptedStakeholder(a)) ||
      evidenceOf(b) - evidenceOf(a) ||
      (a.address < b.address ? -1 : 1),
  );

  // Per function: coverage ("3 deep"), the unofficial leader, and candidates to add. Interactions
  // are bucketed by function once, so each leader search reads only its own group's items.
  const functionOf = new Map(
    people.filter((p) => p.stakeholder?.status !== 'rejected').map((p) => [p.address, p.function]),
  );
  const byFunction = new Map<BusinessFunction, Interaction[]>();
  for (const i of internal) {
    const fn = functionOf.get(i.counterpart);
    if (!fn) continue;
    const list = byFunction.get(fn);
    if (list) list.push(i);
    else byFunction.set(fn, [i]);
  }
  const functions: FunctionSummary[] = [];
  for (const name of FUNCTIONS) {
    // "Other" is the classifier's catch-all, not a function anyone can be asked to cover.
    if (name === 'Other') continue;
    const members = people.filter((p) => p.function === name && p.stakeholder?.status !== 'rejected');
    const withEvidence = members.filter((p) => p.health.band !== 'none');
    const count = (band: Band) => withEvidence.filter((p) => p.health.band === band).length;
    const memberAddresses = new Set(members.map((m) => m.address));
    const leader = unofficialLeader(byFunction.get(name) ?? [], memberAddresses, name);
    const leaderPerson = leader ? people.find((p) => p.address === leader.counterpart) : undefined;
    // Only directory people are proposed: an address the directory does not know (a shared
    // mailbox, a newsletter, someone who left) is evidence on the map, not a stakeholder to add.
    const meets: Candidate[] = withEvidence
      .filter((p) => !p.stakeholder && p.id !== null)
      .slice(0, 3)
      .map((p) => ({
        address: p.address,
        id: p.id,
        displayName: p.displayName,
        jobTitle: p.jobTitle,
        source: 'meets',
        strength: p.strength,
      }));
    // Functions the user has no evidence with: propose their most senior people from the directory.
    const fromDirectory: Candidate[] =
      meets.length >= 3
        ? []
        : inputs.directory
            .filter(
              (e) =>
                e.mail &&
                e.id !== inputs.owner.id &&
                !stakeholders.has(e.mail) &&
                !memberAddresses.has(e.mail) &&
                classifyFunction(e.department, e.jobTitle) === name,
            )
            .map((e) => ({ e, depth: org.depth(e.id) }))
            .sort((a, b) => a.depth - b.depth || (a.e.displayName ?? '').localeCompare(b.e.displayName ?? ''))
            .slice(0, 3 - meets.length)
            .map(({ e }) => ({
              address: e.mail!,
              id: e.id,
              displayName: e.displayName ?? e.mail!,
              jobTitle: e.jobTitle,
              source: 'directory' as const,
              strength: 0,
            }));
    if (!members.length && !fromDirectory.length) continue;
    functions.push({
      name,
      people: withEvidence.length,
      good: count('good'),
      fair: count('fair'),
      poor: count('poor'),
      target: settings.coverageTarget,
      covered: count('good') >= settings.coverageTarget,
      leader:
        leader && leaderPerson
          ? { ...leader, displayName: leaderPerson.displayName, id: leaderPerson.id }
          : null,
      candidates: [...meets, ...fromDirectory],
    });
  }

  // Mentors: the boss's boss, and executives two grade levels up.
  const mentors: MentorSuggestion[] = [];
  const strengthOf = (e: DirectoryEntry) => (e.mail ? (scores.get(e.mail)?.strength ?? 0) : 0);
  const skip = chain[1];
  if (skip)
    mentors.push({
      id: skip.id,
      address: skip.mail,
      displayName: skip.displayName ?? skip.mail ?? skip.id,
      jobTitle: skip.jobTitle,
      why: 'Your boss’s boss: ask for their view of strategy and where your team fits.',
      strength: strengthOf(skip),
    });
  const twoUp = org.depth(inputs.owner.id) - 2;
  if (twoUp >= 0)
    for (const e of org
      .atDepth(twoUp)
      // Leaders only: executives, or anyone at that level with a team of their own.
      .filter(
        (e) =>
          e.id !== skip?.id &&
          e.mail &&
          (classifyFunction(e.department, e.jobTitle) === 'Executives' || org.directReports(e.id).length > 0),
      )
      .sort(
        (a, b) => strengthOf(b) - strengthOf(a) || (a.displayName ?? '').localeCompare(b.displayName ?? ''),
      )
      .slice(0, 2))
      mentors.push({
        id: e.id,
        address: e.mail,
        displayName: e.displayName ?? e.mail ?? e.id,
        jobTitle: e.jobTitle,
        why: 'An executive two levels above you: ask them to mentor you.',
        strength: strengthOf(e),
      });

  const ratings = people
    .filter((p) => isAcceptedStakeholder(p) && p.calibration.selfRating !== null)
    .map((p) => p.calibration.selfRating!);
  const due = people
    .filter((p) => isAcceptedStakeholder(p) && p.health.dueDate)
    .map((p) => ({
      address: p.address,
      displayName: p.displayName,
      dueDate: p.health.dueDate!,
      daysOverdue: Math.round(p.health.daysOverdue ?? 0),
    }))
    .sort((a, b) => Date.parse(a.dueDate) - Date.parse(b.dueDate));

  return {
    asOf: asOf.toISOString(),
    modelVersion: MODEL_VERSION,
    owner: { id: inputs.owner.id, displayName: ownerEntry?.displayName ?? null, function: ownerFunction },
    people: peopleWithinLimit(people, opts.limit ?? 300),
    totalPeople: people.length,
    functions,
    internalShare: internalShare(interactions, asOf),
    mentors,
    calibration: {
      rated: ratings.length,
      disagreements: people.filter((p) => isAcceptedStakeholder(p) && p.calibration.flag).length,
      warning: glowingWarning(ratings),
    },
    due,
    automated: [...automated.values()]
      .map((a) => ({ ...a, displayName: org.byAddress.get(a.address)?.displayName ?? null }))
      .sort((a, b) => b.messages - a.messages || (a.address < b.address ? -1 : 1)),
  };
}
