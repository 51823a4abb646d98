import { describe, expect, it } from 'vitest';
import { tableRows } from '../../src/features/table/TableView';
import { bigPeople } from '../helpers/bigMap';

const accepted = (address: string) => ({
  address,
  personId: null,
  status: 'accepted' as const,
  functionOverride: null,
  why: 'Approves discounts',
  roleTag: null,
  notes: null,
  priorities: null,
  challenges: null,
  selfRating: null,
  cadenceDays: null,
  tension: false,
  appreciations: [],
  updatedAt: '2026-06-01T00:00:00.000Z',
});

describe('the table’s rows', () => {
  const people = bigPeople(50).map((p, k) =>
    k % 10 === 3
      ? { ...p, stakeholder: accepted(p.address) }
      : k === 4
        ? { ...p, stakeholder: { ...accepted(p.address), status: 'rejected' as const } }
        : p,
  );
  const byStrength = { column: 'strength', direction: 'descending' } as const;

  it('shows everyone by default, and only the chosen stakeholders when asked', () => {
    expect(tableRows(people, '', '', byStrength)).toHaveLength(50);
    const mine = tableRows(people, '', '', byStrength, 'stakeholders');
    expect(mine).toHaveLength(5);
    expect(mine.every((p) => p.stakeholder?.status === 'accepted')).toBe(true);
    expect(mine.map((p) => p.strength)).toEqual([...mine.map((p) => p.strength)].sort((a, b) => b - a));
  });

  it('combines the stakeholder filter with the function filter and the search', () => {
    const mine = tableRows(people, '', '', byStrength, 'stakeholders');
    const fn = mine[0]!.function;
    expect(tableRows(people, '', fn, byStrength, 'stakeholders').every((p) => p.function === fn)).toBe(true);
    expect(tableRows(people, mine[1]!.displayName, '', byStrength, 'stakeholders')).toEqual([mine[1]]);
    expect(tableRows(people, people[4]!.displayName, '', byStrength, 'stakeholders')).toEqual([]);
  });
});
