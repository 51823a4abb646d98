import type { MapPerson, RelationshipMap } from '../../src/lib/mapApi';

/**
 * A sales leader's map at scale, for the tab's UI: `n` generated people that pass the map's wire
 * contract (contract/map.ts). Person i has strength (n - i) / 30 — unique, so "the strongest 300"
 * and the table's default order are exactly i = 0…299 and 0…n-1 — and they are listed in a
 * scrambled order, so the tab has to sort. Sales is the largest function; Legal the smallest.
 */
const BANDS = ['good', 'fair', 'poor', 'none'] as const;
export const DEEP_NAME = 'Zebediah Quark';

export function functionOf(i: number): MapPerson['function'] {
  const k = i % 10;
  if (k <= 3) return 'Sales';
  return (
    (['Sales Ops', 'Engineering', 'Marketing', 'Customer Service', 'Finance'] as const)[k - 4] ??
    (i % 20 === 9 ? 'Legal' : 'HR')
  );
}

export function bigPerson(i: number, n: number): MapPerson {
  const band = BANDS[(i * 7) % 4]!;
  const strength = Math.round(((n - i) / 30) * 1000) / 1000;
  const deep = i === n - 129;
  return {
    id: `gen-${i}`,
    address: `colleague${String(i).padStart(4, '0')}@contoso.test`,
    displayName: deep ? DEEP_NAME : `Colleague ${String(i).padStart(4, '0')}`,
    jobTitle: 'Account Executive',
    department: functionOf(i),
    officeLocation: null,
    function: functionOf(i),
    functionSource: 'directory',
    tier: 'peer',
    relation: null,
    strength,
    explanation: 'Generated for the scale test.',
    evidence: null,
    health: {
      score: band === 'none' ? null : 50,
      band,
      cadenceDays: 30,
      dueDate: null,
      daysOverdue: null,
      trend: null,
      cooling: false,
    },
    series: [strength, strength],
    stakeholder: null,
    calibration: { selfRating: null, selfBand: null, flag: null },
    nextAction: null,
  };
}

/** The people, scrambled (a fixed stride through the list), so order comes from sorting. */
export function bigPeople(n: number): MapPerson[] {
  const stride = 7919; // prime, so i * stride mod n visits everyone once when n is not its multiple
  return Array.from({ length: n }, (_, k) => bigPerson((k * stride) % n, n));
}

/** A real map (owner, functions, …) with its people replaced by `n` generated ones. */
export function withBigPeople(map: RelationshipMap, n: number): RelationshipMap {
  return { ...map, people: bigPeople(n), totalPeople: n };
}
