import { describe, expect, it } from 'vitest';
import { weekDue } from '../../server/suggestions/jobs';
import { ianaZone } from '../../server/suggestions/zone';

describe("the weekly job: Monday morning in each user's own zone", () => {
  const at = (iso: string) => Date.parse(iso);
  it('is due from Monday 06:00 local, and names the local week by its Monday', () => {
    const la = ianaZone('America/Los_Angeles');
    const tokyo = ianaZone('Asia/Tokyo');
    // Monday 2026-12-07 05:59 in Los Angeles is 13:59 UTC: not yet; at 06:00 local it is.
    expect(weekDue(la, at('2026-12-07T13:59:00Z'))).toBeNull();
    expect(weekDue(la, at('2026-12-07T14:00:00Z'))).toBe('2026-12-07');
    // The same instant is already Monday afternoon in Tokyo.
    expect(weekDue(tokyo, at('2026-12-07T05:00:00Z'))).toBe('2026-12-07');
    // Sunday evening in Los Angeles is Monday in Tokyo: each has their own week.
    expect(weekDue(la, at('2026-12-07T03:00:00Z'))).toBe('2026-11-30');
    // Later in the week (a server that was down on Monday catches up).
    expect(weekDue(la, at('2026-12-10T20:00:00Z'))).toBe('2026-12-07');
  });
  it('is null only in the small hours of Monday', () => {
    expect(weekDue(ianaZone('Europe/Berlin'), at('2026-12-07T03:00:00Z'))).toBeNull(); // 04:00 Berlin
    expect(weekDue(ianaZone('Europe/Berlin'), at('2026-12-07T05:00:00Z'))).toBe('2026-12-07');
  });
});
