import { describe, expect, it } from 'vitest';
import { hashOf, parseHash, routeFromSubPage } from '../../src/features/app/route';

/** The tab's hash: the view, and the person the Suggestions view proposes a time with first. */
describe('tab route', () => {
  it('reads the view, and falls back to the map', () => {
    expect(parseHash('#table')).toEqual({ tab: 'table', suggestFor: null, person: null });
    expect(parseHash('')).toEqual({ tab: 'map', suggestFor: null, person: null });
    expect(parseHash('#nowhere')).toEqual({ tab: 'map', suggestFor: null, person: null });
  });

  it('reads the person a suggestion is asked for, on the Suggestions view only', () => {
    expect(parseHash('#suggestions?for=adele%40contoso.example')).toEqual({
      tab: 'suggestions',
      suggestFor: 'adele@contoso.example',
      person: null,
    });
    expect(parseHash('#suggestions')).toEqual({ tab: 'suggestions', suggestFor: null, person: null });
    expect(parseHash('#suggestions?for=')).toEqual({ tab: 'suggestions', suggestFor: null, person: null });
    expect(parseHash('#table?for=adele%40contoso.example')).toEqual({
      tab: 'table',
      suggestFor: null,
      person: null,
    });
  });

  it('writes what it reads', () => {
    for (const r of [
      { tab: 'suggestions', suggestFor: "o'brien+x@contoso.example", person: null },
      { tab: 'suggestions', suggestFor: null, person: null },
      { tab: 'review', suggestFor: null, person: null },
      { tab: 'table', suggestFor: null, person: "o'brien+x@contoso.example" },
      { tab: 'actions', suggestFor: null, person: null },
    ] as const)
      expect(parseHash(hashOf(r))).toEqual(r);
    expect(hashOf({ tab: 'suggestions', suggestFor: 'a@b.c', person: null })).toBe(
      '#suggestions?for=a%40b.c',
    );
    expect(hashOf({ tab: 'map', suggestFor: 'a@b.c', person: null })).toBe('#map');
    expect(hashOf({ tab: 'table', suggestFor: null, person: 'a@b.c' })).toBe('#table?person=a%40b.c');
    expect(hashOf({ tab: 'review', suggestFor: null, person: 'a@b.c' })).toBe('#review');
  });

  it('opens the person a link names, on the map views only', () => {
    expect(parseHash('#table?person=Adele%40Contoso.example')).toEqual({
      tab: 'table',
      suggestFor: null,
      person: 'adele@contoso.example',
    });
    expect(parseHash('#settings?person=adele%40contoso.example').person).toBeNull();
  });

  it("reads a Teams deep link's sub-entity: person:<address> opens their panel in the table", () => {
    expect(routeFromSubPage('person:Ana@Contoso.com')).toEqual({
      tab: 'table',
      suggestFor: null,
      person: 'ana@contoso.com',
    });
    for (const x of [undefined, null, '', 'person:', 'map', 'person:nobody'])
      expect(routeFromSubPage(x)).toBeNull();
  });
});
