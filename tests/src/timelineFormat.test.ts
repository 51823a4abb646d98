import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src/features/person/timelineApi';
import {
  byMonth,
  entryDetail,
  entryLabel,
  relativeDate,
  stripSummary,
} from '../../src/features/person/timelineFormat';

/** The person timeline's words: labels per kind and direction, relative dates, month groups. */
const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({
  at: '2026-06-10T09:00:00.000Z',
  kind: 'meeting_1on1',
  channel: 'meeting',
  direction: 'mutual',
  participants: 2,
  durationMinutes: 30,
  ...over,
});

describe('timeline wording', () => {
  it('labels each kind, replies by who replied, and unknown kinds by channel', () => {
    expect(entryLabel(entry({}))).toBe('1:1 meeting');
    expect(entryLabel(entry({ kind: 'mail_cc', channel: 'mail' }))).toBe('You were copied');
    expect(entryLabel(entry({ kind: 'mail_reply', channel: 'mail', direction: 'outbound' }))).toBe(
      'You replied',
    );
    expect(entryLabel(entry({ kind: 'mail_reply', channel: 'mail', direction: 'inbound' }))).toBe(
      'They replied',
    );
    expect(entryLabel(entry({ kind: 'meeting_someday' }))).toBe('Meeting');
  });

  it('details meetings by length, size and organiser; mail by size only', () => {
    expect(entryDetail(entry({ participants: 4, durationMinutes: 45, direction: 'outbound' }))).toBe(
      '45 min · 4 people · you organised',
    );
    expect(entryDetail(entry({ direction: 'inbound' }))).toBe('30 min · they organised');
    expect(entryDetail(entry({ channel: 'mail', durationMinutes: null, participants: 2 }))).toBe('');
    expect(entryDetail(entry({ channel: 'mail', durationMinutes: null, participants: 5 }))).toBe(
      '5 people on it',
    );
  });

  it('says how long ago, in days, weeks, months and years', () => {
    const now = new Date(2026, 5, 30, 12);
    const ago = (days: number) => relativeDate(new Date(2026, 5, 30 - days, 9).toISOString(), now);
    const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
    expect(ago(0)).toBe(rtf.format(0, 'day'));
    expect(ago(3)).toBe(rtf.format(-3, 'day'));
    expect(ago(10)).toBe(rtf.format(-1, 'week'));
    expect(ago(65)).toBe(rtf.format(-2, 'month'));
    expect(ago(800)).toBe(rtf.format(-2, 'year'));
  });

  it('groups newest-first entries by local month, and summarises the strip in words', () => {
    const local = (m: number, d: number) => new Date(2026, m, d, 12).toISOString();
    const groups = byMonth([
      entry({ at: local(5, 20) }),
      entry({ at: local(5, 2) }),
      entry({ at: local(4, 30) }),
    ]);
    expect(groups.map((g) => [g.month, g.entries.length])).toEqual([
      ['2026-06', 2],
      ['2026-05', 1],
    ]);
    const text = stripSummary([
      { month: '2026-05', meetings: 1, mail: 0 },
      { month: '2026-06', meetings: 2, mail: 3 },
    ]);
    expect(text).toMatch(/^Last 12 months: 3 meetings and 3 mails\. Per month: .+: 1, .+: 5\.$/);
    expect(stripSummary([{ month: '2026-06', meetings: 1, mail: 1 }])).toMatch(/1 meeting and 1 mail\./);
  });
});
