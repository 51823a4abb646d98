import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../server/domain/interaction';
import { automatedSenders, type DirectoryFacts } from '../../server/insights/automated';
import { buildMap } from '../../server/insights/map';
import { userSettingsSchema } from '../../server/settings/userSettings';
import { AS_OF, interaction } from '../helpers/interactions';

/** Machines are not colleagues: the rule on evidence, not names. */
const person: DirectoryFacts = { jobTitle: 'Account Executive', department: 'Sales' };
const directory = (known: Record<string, DirectoryFacts>) => (a: string) => known[a];
const received = (who: string, n: number, over: Partial<Interaction> = {}) =>
  Array.from({ length: n }, (_, k) =>
    interaction(who, 'mail_received', 3 + k * 7, { ownerNamed: true, ...over }),
  );

describe('automated senders', () => {
  it('knows system and list addresses by their local part or subdomain, when the user never wrote to them', () => {
    const list = [
      ...received('alerts@contoso.example', 1),
      ...received('dl-sales-emea@contoso.example', 1),
      ...received('arsystem@mailman.contoso.example', 1),
      ...received('board-request@contoso.example', 1),
    ];
    const out = automatedSenders(list, { directory: directory({}) });
    expect([...out.values()].map((s) => [s.address, s.reason])).toEqual([
      ['alerts@contoso.example', 'system_address'],
      ['dl-sales-emea@contoso.example', 'system_address'],
      ['arsystem@mailman.contoso.example', 'system_address'],
      ['board-request@contoso.example', 'system_address'],
    ]);
  });

  it("knows a service's mailbox, a publication and a mangled address: writing to one is not a tie, an answer is", () => {
    const list = [
      ...received('ibuyit.payables@contoso.example', 1),
      ...received('parking.transportation@contoso.example', 1),
      interaction('the.globalist@contoso.example', 'mail_sent', 4), // written to, never answered
      interaction('parking.transportation@contoso.example', 'mail_sent', 2), // asked after its notice: no answer
      ...received('40contoso@contoso.example', 2),
      interaction('40contoso@contoso.example', 'mail_sent', 5), // a reply to it makes it no one's colleague
      ...received('payables@contoso.example', 3),
      interaction('payables@contoso.example', 'mail_sent', 5), // a shared mailbox that answers: a colleague
      ...received('theo.brandt@contoso.example', 1), // a name, not an article
      ...received('max.payne@contoso.example', 1),
    ];
    const out = automatedSenders(list, { directory: directory({}) });
    expect([...out.keys()].sort()).toEqual([
      '40contoso@contoso.example',
      'ibuyit.payables@contoso.example',
      'parking.transportation@contoso.example',
      'the.globalist@contoso.example',
    ]);
    expect(out.get('40contoso@contoso.example')!.why).toMatch(/mangled/);
  });

  it('flags mail that reaches the user only through lists, and broadcasts to many', () => {
    const list = [
      ...received('insider@contoso.example', 5, { ownerNamed: false }),
      ...received('ceo.office@contoso.example', 5, { participants: 240 }),
    ];
    const known = { 'insider@contoso.example': person, 'ceo.office@contoso.example': person };
    const out = automatedSenders(list, { directory: directory(known) });
    expect(out.get('insider@contoso.example')).toMatchObject({ reason: 'list_only', messages: 5 });
    expect(out.get('ceo.office@contoso.example')).toMatchObject({ reason: 'broadcast' });
    expect(out.get('ceo.office@contoso.example')!.why).toMatch(/240 people/);
  });

  it('flags one-way mail from an address the directory has no person for, or one without a profile', () => {
    const list = [...received('hrss@contoso.example', 4), ...received('itsm@contoso.example', 4)];
    const out = automatedSenders(list, {
      directory: directory({ 'itsm@contoso.example': { jobTitle: null, department: null } }),
    });
    expect(out.get('hrss@contoso.example')?.reason).toBe('not_in_directory');
    expect(out.get('itsm@contoso.example')?.reason).toBe('no_profile');
  });

  it('never flags someone the user wrote to or met — a shared mailbox that answers is a colleague', () => {
    const list = [
      ...received('salesdesk@contoso.example', 6),
      interaction('salesdesk@contoso.example', 'mail_sent', 10),
      ...received('helpdesk@contoso.example', 6),
      interaction('helpdesk@contoso.example', 'meeting_small', 20),
      ...received('ann@contoso.example', 2), // too little to judge a one-way sender by
      ...received('bob@contoso.example', 9), // a colleague in the directory writing to the user alone
    ];
    const out = automatedSenders(list, { directory: directory({ 'bob@contoso.example': person }) });
    expect([...out.keys()]).toEqual([]);
  });

  it("takes the user's word both ways: counted as a colleague, or marked as automated", () => {
    const list = [...received('hrss@contoso.example', 4), ...received('bob@contoso.example', 4)];
    const out = automatedSenders(list, {
      directory: directory({ 'bob@contoso.example': person }),
      countAsColleagues: ['hrss@contoso.example'],
      markedAutomated: ['bob@contoso.example', 'gone@contoso.example'],
    });
    expect([...out.values()].map((s) => [s.address, s.reason])).toEqual([
      ['bob@contoso.example', 'marked'],
      ['gone@contoso.example', 'marked'],
    ]);
  });

  it('ignores externals and rows stored before "named" was recorded', () => {
    const list = [
      ...received('@fabrikam.example', 10, { internal: false }),
      ...received('old@contoso.example', 5, { ownerNamed: null }),
    ];
    const out = automatedSenders(list, { directory: directory({ 'old@contoso.example': person }) });
    expect(out.size).toBe(0);
  });
});

describe('the map without machines', () => {
  it('neither scores nor lists them, says why, and counts them again when the user says so', () => {
    const interactions = [
      ...received('hrss@contoso.example', 6),
      ...received('bob@contoso.example', 3),
      interaction('bob@contoso.example', 'mail_sent', 4),
    ];
    const base = {
      owner: { id: 'me', addresses: ['me@contoso.example'] },
      directory: [
        {
          id: 'bob',
          mail: 'bob@contoso.example',
          addresses: ['bob@contoso.example'],
          displayName: 'Bob',
          jobTitle: 'Account Executive',
          department: 'Sales',
          officeLocation: null,
          managerId: null,
        },
      ],
      interactions,
      stakeholders: [],
      asOf: AS_OF,
    };
    const map = buildMap({ ...base, settings: userSettingsSchema.parse({}) });
    expect(map.people.map((p) => p.address)).toEqual(['bob@contoso.example']);
    expect(map.automated).toMatchObject([
      { address: 'hrss@contoso.example', reason: 'not_in_directory', displayName: null, messages: 6 },
    ]);
    const counted = buildMap({
      ...base,
      settings: userSettingsSchema.parse({ countAsColleagues: ['hrss@contoso.example'] }),
    });
    expect(counted.people.map((p) => p.address).sort()).toEqual([
      'bob@contoso.example',
      'hrss@contoso.example',
    ]);
    expect(counted.automated).toEqual([]);
  });
});
