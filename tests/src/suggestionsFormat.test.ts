import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../src/features/suggestions/api';
import {
  answerOf,
  budgetLabel,
  chosenSlot,
  formatSlot,
  kindLine,
  meetingName,
  sendBlocked,
  snoozedLabel,
  theirTime,
  withoutAsked,
} from '../../src/features/suggestions/format';

/** The Suggestions view's words and times: zones, the budget, answers, why Send is disabled. */
const L = 'en-GB';
const slot = (start: string, minutes = 60) => ({
  start,
  end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
});
const suggestion = (over: Partial<Suggestion> = {}): Suggestion => ({
  id: 's1',
  person: {
    address: 'adele@contoso.example',
    id: 'u1',
    displayName: 'Adele Vance',
    jobTitle: 'Counsel',
    officeLocation: 'Seattle',
    function: 'Legal',
  },
  kind: 'lunch',
  source: 'due',
  why: 'last met 74 days ago',
  durationMinutes: 60,
  slots: [slot('2026-06-09T19:00:00.000Z'), slot('2026-06-10T19:00:00.000Z')],
  theirTimeZone: 'America/New_York',
  preview: {
    subject: 'Lunch?',
    body: 'Hi',
    location: 'Cafeteria',
    online: false,
    timeZone: 'Pacific Standard Time',
  },
  state: 'proposed',
  snoozedUntil: null,
  ...over,
});

describe('slots across zones', () => {
  it('shows a slot in the user zone, with the end day only when it differs', () => {
    expect(formatSlot(slot('2026-06-09T19:00:00.000Z'), 'America/Los_Angeles', L)).toBe(
      'Tue 9 Jun · 12:00–13:00',
    );
    expect(formatSlot(slot('2026-06-09T23:30:00.000Z'), 'Europe/London', L)).toBe('Wed 10 Jun · 00:30–01:30');
    expect(formatSlot(slot('2026-06-09T22:30:00.000Z'), 'Europe/London', L)).toBe(
      'Tue 9 Jun · 23:30–Wed 10 Jun 00:30',
    );
  });

  it('adds their time when their clock reads differently, with the day when it is another day', () => {
    const s = slot('2026-06-09T19:00:00.000Z');
    expect(theirTime(s, 'America/Los_Angeles', 'America/New_York', L)).toBe('15:00–16:00 their time (GMT-4)');
    expect(theirTime(s, 'America/Los_Angeles', 'Asia/Kolkata', L)).toBe(
      'Wed 10 Jun · 00:30–01:30 their time (GMT+5:30)',
    );
    // Same clock (another name), no zone known, or the same zone: nothing to add.
    expect(theirTime(s, 'Europe/Paris', 'Europe/Berlin', L)).toBeNull();
    expect(theirTime(s, 'Europe/Paris', null, L)).toBeNull();
    expect(theirTime(s, 'Europe/Paris', 'Europe/Paris', L)).toBeNull();
  });

  it('follows daylight saving per zone: a week apart, London and New York differ by 4 then 5 hours', () => {
    // US clocks change on 8 March 2026, UK ones on 29 March.
    expect(theirTime(slot('2026-03-10T14:00:00.000Z'), 'Europe/London', 'America/New_York', L)).toMatch(
      /^10:00–11:00 their time/,
    );
    expect(theirTime(slot('2026-03-31T14:00:00.000Z'), 'Europe/London', 'America/New_York', L)).toMatch(
      /^10:00–11:00 their time/,
    );
    expect(theirTime(slot('2026-03-31T13:00:00.000Z'), 'Europe/London', 'America/New_York', L)).toMatch(
      /^09:00–10:00 their time/,
    );
  });

  it('falls back to the browser zone for a name it does not know, rather than failing', () => {
    expect(() => formatSlot(slot('2026-06-09T19:00:00.000Z'), 'Pacific Standard Time', L)).not.toThrow();
    expect(theirTime(slot('2026-06-09T19:00:00.000Z'), 'Europe/Paris', 'Not/AZone', L)).toBeNull();
  });
});

describe('labels', () => {
  it('names the kind with its length, and Teams when online', () => {
    expect(kindLine(suggestion())).toBe('Lunch · 60 min');
    expect(
      kindLine(
        suggestion({
          kind: 'virtualCoffee',
          durationMinutes: 30,
          preview: { ...suggestion().preview, online: true, location: null },
        }),
      ),
    ).toBe('Virtual coffee · 30 min with Teams');
    expect(kindLine(suggestion({ kind: 'oneOnOne', durationMinutes: 30 }))).toBe('1:1 · 30 min');
  });

  it('counts the budget', () => {
    expect(budgetLabel({ weekly: 2, remaining: 1 })).toBe('1 of 2 invites left this week');
    expect(budgetLabel({ weekly: 1, remaining: 1 })).toBe('1 of 1 invite left this week');
    expect(budgetLabel({ weekly: 0, remaining: 0 })).toMatch(/budget is 0/);
  });

  it('says how each invite was answered, and whether it took place once over', () => {
    const i = { response: 'none' as const, happened: null, proposedStart: null };
    expect(answerOf(i, 'UTC', L)).toEqual({ label: 'Awaiting answer', tone: 'informative' });
    expect(answerOf({ ...i, response: 'accepted' }, 'UTC', L).label).toBe('Accepted');
    expect(answerOf({ ...i, response: 'tentativelyAccepted' }, 'UTC', L).label).toBe('Tentative');
    expect(answerOf({ ...i, response: 'declined' }, 'UTC', L)).toEqual({ label: 'Declined', tone: 'danger' });
    expect(answerOf({ ...i, response: 'cancelled' }, 'UTC', L).label).toBe('Cancelled');
    expect(
      answerOf({ ...i, response: 'newTimeProposed', proposedStart: '2026-06-11T10:00:00.000Z' }, 'UTC', L)
        .label,
    ).toBe('New time proposed: Thu 11 Jun · 10:00');
    expect(answerOf({ ...i, response: 'accepted', happened: true }, 'UTC', L)).toEqual({
      label: 'Took place',
      tone: 'success',
    });
    expect(answerOf({ ...i, response: 'accepted', happened: false }, 'UTC', L).label).toBe(
      'Did not take place',
    );
    expect(answerOf({ ...i, response: 'declined', happened: false }, 'UTC', L).label).toBe('Declined');
  });

  it('names a meeting without a subject by its customers’ domains', () => {
    const meeting = {
      subject: null,
      start: '2026-06-09T19:00:00.000Z',
      end: '2026-06-09T20:00:00.000Z',
      externalDomains: ['contoso.com'],
      isOrganizer: true,
    };
    expect(meetingName({ meeting })).toBe('Meeting with contoso.com');
    expect(meetingName({ meeting: { ...meeting, subject: 'QBR' } })).toBe('QBR');
    expect(meetingName({ meeting: { ...meeting, externalDomains: [] } })).toBe('Meeting with a customer');
  });

  it('shows the snooze’s end day', () => {
    expect(snoozedLabel({ snoozedUntil: '2026-06-16T07:00:00.000Z' }, 'Europe/London', L)).toBe(
      'Snoozed until Tue 16 Jun',
    );
  });
});

describe('sending', () => {
  const budget = { weekly: 2, remaining: 1 };
  it('chooses the earliest slot until another is picked, and again when the picked one is gone', () => {
    const s = suggestion();
    expect(chosenSlot(s.slots, null)).toBe(s.slots[0]!.start);
    expect(chosenSlot(s.slots, s.slots[1]!.start)).toBe(s.slots[1]!.start);
    expect(chosenSlot(s.slots, '2026-01-01T00:00:00.000Z')).toBe(s.slots[0]!.start);
    expect(chosenSlot([], null)).toBeNull();
  });

  it('says why Send is disabled: no slot, no budget, no choice', () => {
    const s = suggestion();
    expect(sendBlocked(s, s.slots[0]!.start, budget)).toBeNull();
    expect(sendBlocked(suggestion({ slots: [] }), null, budget)).toMatch(/No mutual free time/);
    expect(sendBlocked(s, s.slots[0]!.start, { weekly: 2, remaining: 0 })).toMatch(/used up/);
    expect(sendBlocked(s, s.slots[0]!.start, { weekly: 0, remaining: 0 })).toMatch(/budget is 0/);
    expect(sendBlocked(s, null, budget)).toMatch(/Choose a time/);
  });

  it('keeps the person asked for out of the week’s list', () => {
    const asked = suggestion({ id: 'asked', source: 'asked' });
    const other = suggestion({
      id: 's2',
      person: { ...suggestion().person, address: 'alex@contoso.example' },
    });
    const samePerson = suggestion({
      id: 's3',
      person: { ...suggestion().person, address: 'ADELE@contoso.example' },
    });
    expect(withoutAsked([samePerson, other, asked], asked).map((x) => x.id)).toEqual(['s2']);
    expect(withoutAsked([other], null).map((x) => x.id)).toEqual(['s2']);
  });
});
