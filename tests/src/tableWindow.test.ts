import { describe, expect, it } from 'vitest';
import { windowRange } from '../../src/features/table/windowing';

describe('table windowing', () => {
  const base = { rowHeight: 45, count: 3000, overscan: 8, viewport: 450 };

  it('draws the rows in view plus the overscan, never the whole list', () => {
    expect(windowRange({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 19 });
    const mid = windowRange({ ...base, scrollTop: 45 * 1000 });
    expect(mid).toEqual({ start: 992, end: 1019 });
    expect(mid.end - mid.start).toBeLessThan(40);
  });

  it('reaches the last row at the bottom and clamps past either end', () => {
    const bottom = windowRange({ ...base, scrollTop: 45 * 3000 - 450 });
    expect(bottom.end).toBe(3000);
    expect(windowRange({ ...base, scrollTop: 1e9 })).toEqual({ start: 2991, end: 3000 });
    expect(windowRange({ ...base, scrollTop: -100 }).start).toBe(0);
  });

  it('handles empty and short lists', () => {
    expect(windowRange({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0 });
    expect(windowRange({ ...base, count: 5, scrollTop: 0 })).toEqual({ start: 0, end: 5 });
  });
});
