import { describe, expect, it } from 'vitest';
import type { GraphEvent } from '../../server/graph/schemas';
import {
  type DirectoryPerson,
  eventInteractions,
  type ExtractionContext,
  messageInteractions,
  normaliseAddress,
} from '../../server/sync/interactions';

const people: DirectoryPerson[] = [
  {
    id: 'me',
    mail: 'me@contoso.example',
    addresses: ['me@contoso.example', 'meg@contoso.example'],
    kind: 'person',
  },
  {
    id: 'ann',
    mail: 'ann@contoso.example',
    addresses: [
      'ann@contoso.example',
      '/o=exchangelabs/ou=exchange administrative group/cn=recipients/cn=ann',
    ],
    kind: 'person',
  },
  { id: 'bob', mail: 'bob@contoso.example', addresses: ['bob@contoso.example'], kind: 'person' },
  {
    id: 'cat',
    mail: 'cat@contoso.example',
    addresses: ['cat@contoso.example', 'catherine@contoso.example', 'cat@contoso.onmicrosoft.example'],
    kind: 'person',
  },
  {
    id: 'nomail',
    mail: null,
    addresses: ['upn.only@contoso.example', 'alias.only@contoso.example'],
    kind: 'person',
  },
  {
    id: 'room',
    mail: 'conf.room.adams@contoso.example',
    addresses: ['conf.room.adams@contoso.example'],
    kind: 'room',
  },
  { id: 'dl', mail: 'sales-all@contoso.example', addresses: ['sales-all@contoso.example'], kind: 'group' },
];
const index = new Map(people.flatMap((p) => p.addresses.map((a) => [a, p] as const)));
const ctx: ExtractionContext = {
  owner: { id: 'me', addresses: ['me@contoso.example', 'meg@contoso.example'] },
  internalDomains: ['contoso.example'],
  lookup: (a) => index.get(a.toLowerCase()),
};
const addr = (address: string, name = '') => ({ emailAddress: { address, name } });

const meeting = (over: Partial<GraphEvent> = {}): GraphEvent => ({
  id: 'e1',
  start: { dateTime: '2026-03-02T17:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2026-03-02T17:30:00.0000000', timeZone: 'UTC' },
  organizer: addr('me@contoso.example'),
  attendees: [{ type: 'required', ...addr('ann@contoso.example'), status: { response: 'accepted' } }],
  isOrganizer: true,
  responseStatus: { response: 'organizer' },
  showAs: 'busy',
  type: 'singleInstance',
  ...over,
});

describe('addresses', () => {
  it('drops machine senders: no-reply, placeholders, bounces', () => {
    for (const a of [
      'noreply@contoso.example',
      'no.address@enron.com',
      'MAILER-DAEMON@contoso.example',
      'do-not-reply@x.com',
    ])
      expect(normaliseAddress(a)).toBeNull();
    expect(normaliseAddress('noreen@contoso.example')).toBe('noreen@contoso.example');
  });

  it('normalises case, "Name <addr>", mailto:, and X.500 through the directory', () => {
    expect(normaliseAddress('Ann Lee <ANN@Contoso.Example>')).toBe('ann@contoso.example');
    expect(normaliseAddress('mailto:bob@contoso.example')).toBe('bob@contoso.example');
    expect(
      normaliseAddress('/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=ann', ctx),
    ).toBe('ann@contoso.example');
    expect(
      normaliseAddress('/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=ghost', ctx),
    ).toBeNull();
    expect(normaliseAddress('Ann Lee')).toBeNull();
    expect(normaliseAddress(undefined)).toBeNull();
  });
});

describe('meetings', () => {
  it('turns a 1:1 into one interaction with the counterpart', () => {
    const [i] = eventInteractions(meeting(), ctx);
    expect(i).toMatchObject({
      counterpart: 'ann@contoso.example',
      counterpartId: 'ann',
      kind: 'meeting_1on1',
      durationMinutes: 30,
      participants: 2,
      direction: 'outbound',
    });
  });

  it.each([
    ['cancelled', { isCancelled: true }],
    [
      'declined by the owner',
      {
        isOrganizer: false,
        organizer: addr('ann@contoso.example'),
        attendees: [{ ...addr('me@contoso.example') }],
        responseStatus: { response: 'declined' },
      },
    ],
    ['all-day', { isAllDay: true }],
    ['24 hours or longer', { end: { dateTime: '2026-03-03T17:00:00.0000000', timeZone: 'UTC' } }],
    ['shown as free', { showAs: 'free' }],
    ['solo', { attendees: [] }],
    ['a series master', { type: 'seriesMaster' }],
  ])('ignores a meeting that is %s', (_why, over) => {
    expect(eventInteractions(meeting(over as Partial<GraphEvent>), ctx)).toEqual([]);
  });

  it('does not count rooms, distribution lists or externals as people, and sizes meetings by people', () => {
    const e = meeting({
      attendees: [
        addr('ann@contoso.example'),
        addr('bob@contoso.example'),
        addr('conf.room.adams@contoso.example'),
        addr('sales-all@contoso.example'),
        addr('buyer@fabrikam.example'),
      ].map((a) => ({ type: 'required', ...a })),
    });
    const all = eventInteractions(e, ctx);
    // The external buyer is kept by domain only, marked external: it counts toward internal share.
    expect(all.filter((i) => !i.internal).map((i) => i.counterpart)).toEqual(['@fabrikam.example']);
    const out = all.filter((i) => i.internal);
    expect(out.map((i) => i.counterpart).sort()).toEqual(['ann@contoso.example', 'bob@contoso.example']);
    expect(out[0]!.participants).toBe(4); // me, ann, bob and the external buyer
    expect(out[0]!.kind).toBe('meeting_small');
    const big = meeting({
      attendees: Array.from({ length: 12 }, (_, k) => ({
        type: 'required',
        ...addr(`p${k}@contoso.example`),
      })),
    });
    expect(eventInteractions(big, ctx)[0]!.kind).toBe('meeting_large');
  });

  it('keeps a meeting subject only when the user asked for it', () => {
    const e = meeting({ subject: 'Pipeline review' });
    expect(eventInteractions(e, ctx)[0]!.subject).toBeNull();
    expect(eventInteractions(e, { ...ctx, meetingSubjects: true })[0]!.subject).toBe('Pipeline review');
  });

  it('marks who organised: inbound from the organizer, mutual with fellow attendees', () => {
    const e = meeting({
      isOrganizer: false,
      organizer: addr('ann@contoso.example'),
      attendees: [addr('me@contoso.example'), addr('bob@contoso.example')].map((a) => ({
        type: 'required',
        ...a,
      })),
      responseStatus: { response: 'accepted' },
    });
    const out = eventInteractions(e, ctx);
    expect(out.find((i) => i.counterpart === 'ann@contoso.example')!.direction).toBe('inbound');
    expect(out.find((i) => i.counterpart === 'bob@contoso.example')!.direction).toBe('mutual');
  });
});

describe('mail', () => {
  const base = {
    id: 'm1',
    subject: 'Deal review',
    sentDateTime: '2026-03-02T17:00:00Z',
    conversationId: 'c1',
  };
  it('sent mail: each internal recipient once, the owner’s aliases never', () => {
    const out = messageInteractions(
      {
        ...base,
        from: addr('me@contoso.example'),
        toRecipients: [addr('ann@contoso.example'), addr('meg@contoso.example')],
        ccRecipients: [addr('bob@contoso.example'), addr('ann@contoso.example')],
      },
      'sentitems',
      ctx,
    );
    expect(out.map((i) => [i.counterpart, i.kind, i.direction])).toEqual([
      ['ann@contoso.example', 'mail_sent', 'outbound'],
      ['bob@contoso.example', 'mail_sent', 'outbound'],
    ]);
  });

  it('received mail: with the sender; cc when the owner was only copied; replies recognised', () => {
    expect(
      messageInteractions(
        { ...base, from: addr('ann@contoso.example'), toRecipients: [addr('me@contoso.example')] },
        'inbox',
        ctx,
      )[0],
    ).toMatchObject({ counterpart: 'ann@contoso.example', kind: 'mail_received', direction: 'inbound' });
    expect(
      messageInteractions(
        {
          ...base,
          from: addr('ann@contoso.example'),
          toRecipients: [addr('bob@contoso.example')],
          ccRecipients: [addr('me@contoso.example')],
        },
        'inbox',
        ctx,
      )[0]!.kind,
    ).toBe('mail_cc');
    expect(
      messageInteractions(
        {
          ...base,
          subject: 'RE: Deal review',
          from: addr('ann@contoso.example'),
          toRecipients: [addr('me@contoso.example')],
        },
        'inbox',
        ctx,
      )[0]!.kind,
    ).toBe('mail_reply');
  });

  it('credits the executive, not the assistant who sent on their behalf; ignores lists and drafts; externals by domain only', () => {
    const viaAssistant = messageInteractions(
      {
        ...base,
        from: addr('ann@contoso.example'),
        sender: addr('bob@contoso.example'),
        toRecipients: [addr('me@contoso.example')],
      },
      'inbox',
      ctx,
    );
    expect(viaAssistant.map((i) => i.counterpart)).toEqual(['ann@contoso.example']);
    expect(
      messageInteractions(
        { ...base, from: addr('sales-all@contoso.example'), toRecipients: [addr('me@contoso.example')] },
        'inbox',
        ctx,
      ),
    ).toEqual([]);
    expect(
      messageInteractions(
        { ...base, from: addr('Buyer@Fabrikam.example'), toRecipients: [addr('me@contoso.example')] },
        'inbox',
        ctx,
      ).map((i) => [i.counterpart, i.internal, i.counterpartId]),
    ).toEqual([['@fabrikam.example', false, null]]);
    expect(
      messageInteractions(
        {
          ...base,
          isDraft: true,
          from: addr('me@contoso.example'),
          toRecipients: [addr('ann@contoso.example')],
        },
        'sentitems',
        ctx,
      ),
    ).toEqual([]);
  });

  it('survives odd items: missing dates and addresses yield nothing rather than an error', () => {
    expect(messageInteractions({ id: 'x' }, 'inbox', ctx)).toEqual([]);
    expect(
      messageInteractions(
        { ...base, from: { emailAddress: { name: 'No Address' } }, toRecipients: [{ emailAddress: null }] },
        'inbox',
        ctx,
      ),
    ).toEqual([]);
  });
});

describe('one person, one row', () => {
  const base = { id: 'm9', sentDateTime: '2026-03-02T17:00:00Z', conversationId: 'c9' };
  it('keys a colleague by their primary address whichever of their addresses they wrote from', () => {
    for (const from of [
      'catherine@contoso.example',
      'cat@contoso.onmicrosoft.example',
      'CAT@contoso.example',
    ])
      expect(
        messageInteractions(
          { ...base, from: addr(from), toRecipients: [addr('me@contoso.example')] },
          'inbox',
          ctx,
        ),
      ).toMatchObject([{ counterpart: 'cat@contoso.example', counterpartId: 'cat', internal: true }]);
    // No mail: their UPN, the first address the directory sync stores.
    expect(
      messageInteractions(
        { ...base, from: addr('alias.only@contoso.example'), toRecipients: [addr('me@contoso.example')] },
        'inbox',
        ctx,
      ),
    ).toMatchObject([{ counterpart: 'upn.only@contoso.example', counterpartId: 'nomail' }]);
  });

  it('counts one person on a message or a meeting under two of their addresses once', () => {
    const sent = messageInteractions(
      {
        ...base,
        from: addr('me@contoso.example'),
        toRecipients: [addr('catherine@contoso.example')],
        ccRecipients: [addr('cat@contoso.example')],
      },
      'sentitems',
      ctx,
    );
    expect(sent.map((i) => [i.counterpart, i.participants])).toEqual([['cat@contoso.example', 2]]);
    const met = eventInteractions(
      meeting({
        isOrganizer: false,
        organizer: addr('catherine@contoso.example'),
        attendees: [
          { type: 'required', ...addr('cat@contoso.example'), status: { response: 'accepted' } },
          { type: 'required', ...addr('me@contoso.example'), status: { response: 'accepted' } },
        ],
        responseStatus: { response: 'accepted' },
      }),
      ctx,
    );
    expect(met.map((i) => [i.counterpart, i.kind, i.direction])).toEqual([
      ['cat@contoso.example', 'meeting_1on1', 'inbound'],
    ]);
  });

  it('does not guess across names: an address the directory does not know stays itself', () => {
    expect(
      messageInteractions(
        { ...base, from: addr('cat.smith@contoso.example'), toRecipients: [addr('me@contoso.example')] },
        'inbox',
        ctx,
      ),
    ).toMatchObject([{ counterpart: 'cat.smith@contoso.example', counterpartId: null }]);
  });
});
