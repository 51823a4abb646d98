import { describe, expect, it } from 'vitest';
import { ago, dueText, managerHint, needsSummary, summaryLine, updatedText } from '../../src/pane/format';
import { tabLink } from '../../src/pane/links';

describe('pane words', () => {
  it('says what is due and when they last met', () => {
    expect([dueText(12), dueText(1), dueText(0), dueText(-1), dueText(-5), dueText(null)]).toEqual([
      'Due 12 days ago',
      'Due yesterday',
      'Due today',
      'Due tomorrow',
      'Due in 5 days',
      null,
    ]);
    const now = Date.parse('2026-05-20T12:00:00Z');
    expect(ago('2026-05-08T12:00:00Z', now)).toBe('12 days ago');
    expect(ago('2026-05-20T08:00:00Z', now)).toBe('today');
    expect(ago('2026-01-20T12:00:00Z', now)).toBe('4 months ago');
    expect(ago(null, now)).toBeNull();
  });

  it('summarises more than 8 people or any distribution list', () => {
    expect([needsSummary(8, 0), needsSummary(9, 0), needsSummary(2, 1)]).toEqual([false, true, true]);
    expect(summaryLine({ colleagues: 12, onMap: 3, due: 1, external: 0 })).toBe(
      '12 colleagues: 3 on your map, 1 due',
    );
    expect(
      summaryLine({ colleagues: 1, onMap: 0, due: 0, external: 2 }, { distributionLists: 1, notShown: 4 }),
    ).toBe('1 colleague: 0 on your map, 0 due · 2 external · 1 distribution list · 4 more not looked up');
    expect(updatedText(3)).toBe('Updated: 3 people');
    expect(updatedText(1)).toBe('Updated: 1 person');
  });

  it("gently says don't go over their head", () => {
    const hint = managerHint({
      kind: 'colleague',
      address: 'lee@contoso.com',
      inDirectory: true,
      person: null,
      managerOf: { address: 'ana@contoso.com', displayName: 'Ana Bowman', band: 'poor' },
      automated: null,
    });
    expect(hint).toBe(
      "You're writing to Ana's manager. Your relationship with Ana is poor — consider working it out with Ana first.",
    );
  });

  it('opens the Teams tab by deep link, or the tab in the browser without the app id', () => {
    const link = new URL(
      tabLink('59ab65c4-59c7-4d54-ac48-9ec5d514aafc', 'https://r.example', 'ana@contoso.com'),
    );
    expect(link.origin + link.pathname).toBe(
      'https://teams.microsoft.com/l/entity/59ab65c4-59c7-4d54-ac48-9ec5d514aafc/map',
    );
    expect(JSON.parse(link.searchParams.get('context')!)).toEqual({ subEntityId: 'person:ana@contoso.com' });
    expect(link.searchParams.get('webUrl')).toBe('https://r.example/tab/#table?person=ana%40contoso.com');
    expect(tabLink(null, 'https://r.example', 'a@b.com')).toBe(
      'https://r.example/tab/#table?person=a%40b.com',
    );
  });
});
