import type { Person } from '../directory';
import type { Rng } from '../random';
import { DAY, WEEK } from '../time';
import { EXT } from './types';

/** Who is away when: one to three out-of-office weeks per member, and new hires before they joined. */

export interface Absences {
  /** Per person: the Mondays of their out-of-office weeks. */
  ooo: Set<number>[];
  /** Whether a person (or any external contact) can meet or write in a week. */
  available(i: number, week: number): boolean;
  /** Per person: when they joined the organisation (0: before the history began). */
  joined: number[];
}

export function sampleAbsences(rng: Rng, people: Person[], weeks: number[], end: number): Absences {
  const ooo = people.map((p) => {
    const set = new Set<number>();
    if (p.user.userType !== 'Member') return set;
    const n = rng.int(1, 3);
    for (let k = 0; k < n; k++) set.add(weeks[rng.int(0, weeks.length - 4)]!);
    return set;
  });
  const newHireFrom = people.map((p) => (p.newHire ? end - 35 * DAY : 0));
  return {
    ooo,
    available: (i, week) => (i >= EXT ? true : !ooo[i]!.has(week) && week + WEEK > newHireFrom[i]!),
    joined: newHireFrom,
  };
}
