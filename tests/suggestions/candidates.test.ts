import { describe, expect, it } from 'vitest';
import type { MapPerson, RelationshipMap } from '../../server/insights/map';
import {
  kindFor,
  samePlace,
  suggestionCandidates,
  type PersonFacts,
} from '../../server/suggestions/candidates';
import { eventBody, invitePreview, responseOf, transactionIdFor } from '../../server/suggestions/invite';

const AS_OF = '2026-12-03T12:00:00.000Z';
const DAY = 86_400_000;

function person(
  address: string,
  o: Partial<MapPerson> & { overdue?: number; cooling?: boolean; accepted?: boolean } = {},
): MapPerson {
  return {
    id: address,
    address,
    displayName: address.split('@')[0]!,
    jobTitle: null,
    department: null,
    officeLocation: 'Seattle',
    function: 'Finance',
    functionSource: 'directory',
    tier: 'peer',
    relation: null,
    strength: 50,
    explanation: '',
    evidence: {
      windowDays: 90,
      oneOnOnes: 1,
      groupMeetings: 0,
      largeMeetings: 0,
      mailsSent: 0,
      mailsReceived: 0,
      twoWayExchanges: 0,
      ccs: 0,
      quickReplies: 0,
      twoWayWeeks: 0,
      lastMet: new Date(Date.parse(AS_OF) - 74 * DAY).toISOString(),
      lastContact: null,
      lastMeaningful: null,
    },
    health: {
      score: 50,
      band: 'fair',
      cadenceDays: 30,
      dueDate: null,
      daysOverdue: o.overdue ?? -5,
      trend: 'flat',
      cooling: o.cooling ?? false,
    },
    series: [],
    stakeholder:
      o.accepted === false
        ? null
        : ({ status: 'accepted', why: 'SECRET', notes: 'SECRET' } as MapPerson['stakeholder']),
    calibration: { selfRating: null, selfBand: null, flag: null },
    nextAction: null,
    ...o,
  };
}

function mapOf(people: MapPerson[], extra: Partial<RelationshipMap> = {}): RelationshipMap {
  return {
    asOf: AS_OF,
    modelVersion: 't',
    owner: { id: 'me', displayName: 'Megan Bowen', function: 'Sales' },
    people,
    totalPeople: people.length,
    functions: [
      {
        name: 'Legal',
        people: 1,
        good: 1,
        target: 3,
        covered: false,
        fair: 0,
        poor: 0,
        leader: {
          counterpart: 'lead@x.example',
          score: 1,
          items: 9,
          groupItems: 5,
          alongside: 3,
          reason: 'named in 9 of your meetings',
          displayName: 'Lead',
          id: 'lead',
        },
        candidates: [
          {
            address: 'legal@x.example',
            id: 'legal',
            displayName: 'Legal Person',
            jobTitle: null,
            source: 'meets',
            strength: 10,
          },
        ],
      },
      {
        name: 'Finance',
        people: 3,
        good: 3,
        target: 3,
        covered: true,
        fair: 0,
        poor: 0,
        leader: null,
        candidates: [],
      },
    ],
    internalShare: [],
    mentors: [
      {
        id: 'boss',
        address: 'boss@x.example',
        displayName: 'Boss',
        jobTitle: 'VP',
        why: "your manager's manager: strategy",
        strength: 5,
      },
    ],
    calibration: { rated: 0, disagreements: 0, warning: null },
    due: [],
    automated: [],
    ...extra,
  };
}

const lookup = (a: string): PersonFacts => ({
  address: a,
  id: a,
  displayName: a,
  jobTitle: null,
  officeLocation: 'New York',
  function: a.startsWith('legal') || a.startsWith('lead') ? 'Legal' : 'Executives',
  relation: null,
  tier: 'peer',
});

describe('who is suggested, and why', () => {
  it('orders due stakeholders (most overdue first), then cooling, coverage gaps, leaders and mentors — each person once', () => {
    const map = mapOf([
      person('a@x.example', { overdue: 3 }),
      person('b@x.example', { overdue: 40 }),
      person('c@x.example', { cooling: true }),
      person('d@x.example', { accepted: false, overdue: 99 }), // not a stakeholder: not "due"
      person('legal@x.example', { function: 'Legal', overdue: 2 }),
    ]);
    const c = suggestionCandidates({ map, ownerOffice: 'Seattle', lookup });
    expect(c.map((x) => [x.person.address, x.source])).toEqual([
      ['b@x.example', 'due'],
      ['a@x.example', 'due'],
      ['legal@x.example', 'due'],
      ['c@x.example', 'cooling'],
      ['lead@x.example', 'leader'],
      ['boss@x.example', 'mentor'],
    ]);
    expect(c[0]!.why).toBe('last met 74 days ago; due 40 days ago');
    expect(c[2]!.why).toBe('last met 74 days ago; due 2 days ago; Legal has 1 of 3');
    expect(c.find((x) => x.source === 'leader')!.why).toMatch(/unofficial leader of Legal; named in 9/);
    expect(c.find((x) => x.source === 'mentor')!.kind).toBe('mentorChat');
    expect(JSON.stringify(c)).not.toContain('SECRET');
  });

  it('lunch only in the same office or city; otherwise a virtual coffee; 1:1 with a manager or report', () => {
    const p = (o: Partial<PersonFacts>): PersonFacts => ({ ...lookup('p@x.example'), ...o });
    expect(kindFor(p({ officeLocation: 'Seattle' }), 'due', 'Seattle - Building 3')).toBe('lunch');
    expect(kindFor(p({ officeLocation: 'Seattle', tier: 'leadership' }), 'due', 'seattle')).toBe('coffee');
    expect(kindFor(p({ officeLocation: 'London' }), 'due', 'Seattle')).toBe('virtualCoffee');
    expect(kindFor(p({ officeLocation: null }), 'due', null)).toBe('virtualCoffee');
    expect(kindFor(p({ relation: 'manager' }), 'due', 'Seattle')).toBe('oneOnOne');
    expect(samePlace('', '')).toBe(false);
  });
});

describe('the invitation', () => {
  const parties = {
    kind: 'lunch' as const,
    owner: { displayName: 'Megan Bowen', officeLocation: 'Seattle' },
    colleague: { address: 'patti@x.example', displayName: 'Patti Fernandez' },
    timeZone: 'Pacific Standard Time',
  };
  it('asks the seed questions, names the place or the Teams link, and carries nothing private', () => {
    const lunch = invitePreview(parties);
    expect(lunch.subject).toBe('Lunch: Megan and Patti');
    expect(lunch.body).toMatch(/priorities[\s\S]*challenges[\s\S]*work better together[\s\S]*in the way/);
    expect(lunch).toMatchObject({ online: false, location: 'Seattle (place to be agreed)' });
    const coffee = invitePreview({ ...parties, kind: 'virtualCoffee' });
    expect(coffee).toMatchObject({ online: true, location: null });
    const body = eventBody({
      preview: coffee,
      colleague: parties.colleague,
      start: { dateTime: '2026-12-04T10:00:00', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2026-12-04T10:30:00', timeZone: 'Pacific Standard Time' },
      transactionId: transactionIdFor('t', 'o', 's', 1),
      suggestionId: 's',
    });
    expect(body).toMatchObject({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      responseRequested: true,
      categories: ['Rapport'],
    });
  });

  it('one transactionId per suggestion and slot, the same on every retry and instance', () => {
    const a = transactionIdFor('t', 'o', 's', 1000);
    expect(a).toBe(transactionIdFor('t', 'o', 's', 1000));
    expect(a).not.toBe(transactionIdFor('t', 'o', 's', 2000));
    expect(a).not.toBe(transactionIdFor('t', 'o2', 's', 1000));
    expect(a).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });

  it("reads the answer from the organiser's copy: accepted, declined, a new time, or gone", () => {
    const ev = (status: string, proposed?: string) => ({
      isCancelled: false,
      attendees: [
        {
          emailAddress: { address: 'Patti@x.example' },
          status: { response: status },
          ...(proposed ? { proposedNewTime: { start: { dateTime: proposed, timeZone: 'UTC' } } } : {}),
        },
      ],
    });
    expect(responseOf(ev('accepted'), 'patti@x.example').response).toBe('accepted');
    expect(responseOf(ev('notResponded'), 'patti@x.example').response).toBe('none');
    expect(responseOf(ev('tentativelyAccepted', '2026-12-05T18:00:00.0000000'), 'patti@x.example')).toEqual({
      response: 'newTimeProposed',
      proposedStart: '2026-12-05T18:00:00.000Z',
    });
    expect(responseOf(null, 'patti@x.example').response).toBe('cancelled');
    expect(responseOf({ isCancelled: true, attendees: [] }, 'patti@x.example').response).toBe('cancelled');
  });
});
