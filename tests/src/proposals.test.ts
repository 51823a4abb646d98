import { describe, expect, it } from 'vitest';
import { proposalOrder } from '../../src/features/actions/proposals';
import type { FunctionSummary } from '../../src/lib/mapApi';

const fn = (
  name: FunctionSummary['name'],
  good: number,
  candidates: number,
  people = 5,
): FunctionSummary => ({
  name,
  people,
  good,
  fair: 0,
  poor: 0,
  target: 3,
  covered: good >= 3,
  leader: null,
  candidates: Array.from({ length: candidates }, (_, k) => ({
    address: `${name}${k}@contoso.example`,
    id: `${name}${k}`,
    displayName: `${name} ${k}`,
    jobTitle: null,
    source: 'meets' as const,
    strength: 10,
  })),
});

describe('proposed stakeholders', () => {
  it('lists coverage gaps first, the widest first, then covered functions in map order', () => {
    const order = proposalOrder([
      fn('Sales', 5, 3),
      fn('Legal', 2, 1),
      fn('Finance', 0, 3),
      fn('HR', 4, 2),
      fn('IT', 1, 3),
    ]).map((f) => f.name);
    expect(order).toEqual(['Finance', 'IT', 'Legal', 'Sales', 'HR']);
  });

  it('keeps a gap with nobody left to propose, and drops covered functions with nobody to propose', () => {
    const order = proposalOrder([fn('Sales', 5, 0), fn('Legal', 1, 0), fn('Product', 0, 0, 0)]).map(
      (f) => f.name,
    );
    expect(order).toEqual(['Legal']);
  });
});
