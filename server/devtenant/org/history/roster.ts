import type { FunctionName } from '../../model';
import type { Directory, Person } from '../directory';

/** Who is who in the directory, by index: members, active members, managers, reports, functions. */

export interface Indexed {
  p: Person;
  i: number;
}

export interface Roster {
  people: Person[];
  members: Indexed[];
  /** Members whose accounts are enabled: only they meet and write. */
  active: Indexed[];
  managerOf(i: number): number | null;
  reportsOf: Map<number, number[]>;
  /** Active members per function. */
  byFunction: Map<FunctionName, number[]>;
}

export function buildRoster(dir: Directory): Roster {
  const people = dir.people;
  const members = people.map((p, i) => ({ p, i })).filter(({ p }) => p.user.userType === 'Member');
  const active = members.filter(({ p }) => p.user.accountEnabled);
  const idxById = new Map(people.map((p, i) => [p.user.id, i]));
  const managerOf = (i: number) => {
    const m = people[i]!.user.managerId;
    return m ? (idxById.get(m) ?? null) : null;
  };
  const reportsOf = new Map<number, number[]>();
  for (const { i } of members) {
    const m = managerOf(i);
    if (m !== null) reportsOf.set(m, [...(reportsOf.get(m) ?? []), i]);
  }
  const byFunction = new Map<FunctionName, number[]>();
  for (const { p, i } of active) byFunction.set(p.fn, [...(byFunction.get(p.fn) ?? []), i]);
  return { people, members, active, managerOf, reportsOf, byFunction };
}
