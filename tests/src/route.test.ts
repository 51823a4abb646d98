import { describe, expect, it } from 'vitest';
import { hashOf, parseHash } from '../../src/features/app/route';

/** The tab's hash: the view, and the person the Suggestions view proposes a time with first. */
describe('tab route', () => {
  it('reads the view, and falls back to the map', () => {
    expect(parseHash('#table')).toEqual({ tab: 'table', suggestFor: null });
    expect(parseHash('')).toEqual({ tab: 'map', suggestFor: null });
    expect(parseHash('#nowhere')).toEqual({ tab: 'map', suggestFor: null });
  });

  it('reads the person a suggestion is asked for, on the Suggestions view only', () => {
    expect(parseHash('#suggestions?for=adele%40contoso.example')).toEqual({
      tab: 'suggestions',
      suggestFor: 'adele@contoso.example',
    });
    expect(parseHash('#suggestions')).toEqual({ tab: 'suggestions', suggestFor: null });
    expect(parseHash('#suggestions?for=')).toEqual({ tab: 'suggestions', suggestFor: null });
    expect(parseHash('#table?for=adele%40contoso.example')).toEqual({ tab: 'table', suggestFor: null });
  });

  it('writes what it reads', () => {
    for (const r of [
      { tab: 'suggestions', suggestFor: "o'brien+x@contoso.example" },
      { tab: 'suggestions', suggestFor: null },
      { tab: 'review', suggestFor: null },
    ] as const)
      expect(parseHash(hashOf(r))).toEqual(r);
    expect(hashOf({ tab: 'suggestions', suggestFor: 'a@b.c' })).toBe('#suggestions?for=a%40b.c');
    expect(hashOf({ tab: 'map', suggestFor: 'a@b.c' })).toBe('#map');
  });
});
