import type { BusinessFunction, SuggestionKind } from '../../contract';
import { isAcceptedStakeholder, type RelationshipMap } from '../insights/map';

/**
 * Who to suggest, and why, from the user's relationship map — in the order: stakeholders
 * past their due date or cooling; people proposed for functions short of the "3 deep" target; the
 * unofficial leader of a function the user is short in; the mentor suggestions. One entry per
 * person, the first reason found wins. Pure: the map and the directory facts come in.
 */

export type CandidateSource = 'due' | 'cooling' | 'coverage' | 'leader' | 'mentor' | 'asked';

/** What the suggestion needs to know about a colleague (the map's person, or the directory's). */
export interface PersonFacts {
  address: string;
  id: string | null;
  displayName: string;
  jobTitle: string | null;
  officeLocation: string | null;
  function: BusinessFunction;
  /** manager, skip-level, manager chain, direct report, executive — or null. */
  relation: string | null;
  tier: 'leadership' | 'peer';
}

export interface SuggestionCandidate {
  person: PersonFacts;
  source: CandidateSource;
  kind: SuggestionKind;
  why: string;
}

export const DURATION_MINUTES: Record<SuggestionKind, number> = {
  lunch: 60,
  virtualCoffee: 30,
  coffee: 30,
  oneOnOne: 30,
  mentorChat: 30,
};

const DAY = 86_400_000;

/** "Seattle", "Seattle - Building 3" and "seattle" are one place; "" and null are no place. */
export function samePlace(a: string | null, b: string | null): boolean {
  const key = (s: string | null) =>
    (s ?? '')
      .split(/[,/–—-]/)[0]!
      .trim()
      .toLowerCase();
  return key(a) !== '' && key(a) === key(b);
}

/**
 * What kind of meeting: a 1:1 with one's manager or a direct report; a mentor chat for a mentor;
 * lunch (leadership: a coffee) when both work from the same office or city, else a virtual coffee.
 */
export function kindFor(
  person: PersonFacts,
  source: CandidateSource,
  ownerOffice: string | null,
): SuggestionKind {
  if (source === 'mentor') return 'mentorChat';
  if (person.relation === 'manager' || person.relation === 'direct report') return 'oneOnOne';
  if (!samePlace(person.officeLocation, ownerOffice)) return 'virtualCoffee';
  return person.tier === 'leadership' ? 'coffee' : 'lunch';
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function lastMetPhrase(lastMet: string | null, lastContact: string | null, asOf: number): string {
  if (lastMet)
    return `last met ${plural(Math.max(0, Math.round((asOf - Date.parse(lastMet)) / DAY)), 'day')} ago`;
  if (lastContact)
    return `no meeting yet; last in touch ${plural(Math.max(0, Math.round((asOf - Date.parse(lastContact)) / DAY)), 'day')} ago`;
  return 'no meeting yet';
}

/** "Legal has 1 of 3": the function's good relationships against the target, when short. */
function coveragePhrase(map: RelationshipMap, fn: BusinessFunction): string | null {
  const f = map.functions.find((x) => x.name === fn);
  if (!f || f.covered || fn === 'Other') return null;
  return `${fn} has ${f.good} of ${f.target}`;
}

const join = (...parts: Array<string | null>) => parts.filter(Boolean).join('; ');

/**
 * The candidates in order, each person once. `lookup` gives directory facts for people the map
 * names but does not carry (coverage candidates, leaders, mentors); a person it cannot find is
 * left out rather than guessed.
 */
export function suggestionCandidates(input: {
  map: RelationshipMap;
  ownerOffice: string | null;
  lookup: (address: string) => PersonFacts | null;
}): SuggestionCandidate[] {
  const { map, ownerOffice } = input;
  const asOf = Date.parse(map.asOf);
  const out: SuggestionCandidate[] = [];
  const seen = new Set<string>();
  const byAddress = new Map(map.people.map((p) => [p.address.toLowerCase(), p]));
  const facts = (address: string): PersonFacts | null => {
    const p = byAddress.get(address.toLowerCase());
    if (p)
      return {
        address: p.address.toLowerCase(),
        id: p.id,
        displayName: p.displayName,
        jobTitle: p.jobTitle,
        officeLocation: p.officeLocation,
        function: p.function,
        relation: p.relation,
        tier: p.tier,
      };
    return input.lookup(address.toLowerCase());
  };
  const add = (address: string | null, source: CandidateSource, why: (p: PersonFacts) => string) => {
    if (!address) return;
    const a = address.toLowerCase();
    if (seen.has(a)) return;
    const person = facts(a);
    if (!person) return;
    seen.add(a);
    out.push({ person, source, kind: kindFor(person, source, ownerOffice), why: why(person) });
  };

  // 1. Stakeholders past due (most overdue first), then those cooling before they are due.
  const stakeholders = map.people.filter(isAcceptedStakeholder);
  const overdue = stakeholders
    .filter((p) => (p.health.daysOverdue ?? 0) > 0)
    .sort((a, b) => (b.health.daysOverdue ?? 0) - (a.health.daysOverdue ?? 0));
  for (const p of overdue)
    add(p.address, 'due', (f) =>
      join(
        lastMetPhrase(p.evidence?.lastMet ?? null, p.evidence?.lastContact ?? null, asOf),
        `due ${plural(Math.round(p.health.daysOverdue ?? 0), 'day')} ago`,
        coveragePhrase(map, f.function),
      ),
    );
  for (const p of stakeholders.filter((x) => x.health.cooling))
    add(p.address, 'cooling', (f) =>
      join(
        'cooling: you meet less than you used to',
        lastMetPhrase(p.evidence?.lastMet ?? null, p.evidence?.lastContact ?? null, asOf),
        coveragePhrase(map, f.function),
      ),
    );

  // 2. Coverage gaps: the people proposed for each function short of the target.
  const short = map.functions.filter((f) => !f.covered && f.name !== 'Other');
  for (const f of short)
    for (const c of f.candidates)
      add(c.address, 'coverage', () =>
        join(
          `${f.name} has ${f.good} of ${f.target}`,
          c.source === 'meets' ? 'you already share meetings' : 'in the directory',
        ),
      );

  // 3. The unofficial leader of a function the user is short in.
  for (const f of short)
    if (f.leader)
      add(f.leader.counterpart, 'leader', () => join(`the unofficial leader of ${f.name}`, f.leader!.reason));

  // 4. Mentors: the boss's boss for strategy, an executive two levels up for mentoring.
  for (const m of map.mentors) add(m.address, 'mentor', () => m.why);
  return out;
}

/** A candidate for one person the user asked about (the person panel), whatever the map says. */
export function askedCandidate(
  person: PersonFacts,
  map: RelationshipMap,
  ownerOffice: string | null,
): SuggestionCandidate {
  const listed = suggestionCandidates({ map, ownerOffice, lookup: () => null }).find(
    (c) => c.person.address === person.address,
  );
  if (listed) return { ...listed, source: 'asked' };
  const p = map.people.find((x) => x.address.toLowerCase() === person.address);
  return {
    person,
    source: 'asked',
    kind: kindFor(person, 'asked', ownerOffice),
    why: join(
      lastMetPhrase(p?.evidence?.lastMet ?? null, p?.evidence?.lastContact ?? null, Date.parse(map.asOf)),
      coveragePhrase(map, person.function),
    ),
  };
}
