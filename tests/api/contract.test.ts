import { describe, expect, it } from 'vitest';
import { mapPerson } from '../../contract';
import { bigPeople } from '../helpers/bigMap';
import { expectWire } from './wire';

/**
 * The wire contract beyond the live responses the other API tests check: what the browser tests
 * serve in the API's place must be a response the server could send, or they test a tab that
 * cannot happen.
 */
describe('the wire contract', () => {
  it('holds the generated people the scale tests serve as /api/map', () => {
    for (const p of bigPeople(200)) expectWire(mapPerson, p);
  });

  it('refuses what the server never sends', () => {
    const p = bigPeople(1)[0]!;
    expect(mapPerson.safeParse({ ...p, function: 'Astrology' }).success).toBe(false);
    expect(mapPerson.safeParse({ ...p, health: { ...p.health, band: 'great' } }).success).toBe(false);
    expect(mapPerson.safeParse({ ...p, evidence: undefined }).success).toBe(false);
  });
});
