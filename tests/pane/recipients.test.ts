import { OfficeApp } from 'office-addin-manifest';
import { OfficeMockObject } from 'office-addin-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OfficeLike } from '../../src/hosts/office/types';
import {
  addAttendee,
  normalisePeople,
  type PeopleState,
  readPeople,
  watchPeople,
} from '../../src/pane/office/recipients';

/** Outlook through office-addin-mock (`host: 'outlook'`): read and compose items, async calls counted. */

type Entry = { emailAddress: string; displayName?: string; recipientType?: string };
const ME = 'megan@contoso.com';
const ok = <T>(value: T) => ({ status: 'succeeded', value });
const person = (emailAddress: string, recipientType = 'user'): Entry => ({
  emailAddress,
  displayName: emailAddress.split('@')[0],
  recipientType,
});

/** A compose field whose getAsync answers after `delayMs`, counting the calls in flight. */
function composeField(
  initial: Entry[],
  calls: { inFlight: number; max: number; total: number },
  delayMs = 5,
) {
  let list = [...initial];
  return {
    set(next: Entry[]) {
      list = [...next];
    },
    getAsync(cb: (r: unknown) => void) {
      calls.total++;
      calls.inFlight++;
      calls.max = Math.max(calls.max, calls.inFlight);
      const snapshot = [...list];
      setTimeout(() => {
        calls.inFlight--;
        cb(ok(snapshot));
      }, delayMs);
    },
    addAsync(r: Entry[], cb: (r: unknown) => void) {
      list.push(...r);
      cb(ok(undefined));
    },
  };
}

function officeWith(item: unknown, extra: Record<string, unknown> = {}) {
  const handlers: Record<string, Array<() => void>> = {};
  const mock = new OfficeMockObject(
    {
      HostType: { Outlook: 'Outlook' },
      EventType: { ItemChanged: 'olkItemSelectedChanged', RecipientsChanged: 'olkRecipientsChanged' },
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      onReady: async () => ({ host: 'Outlook', platform: 'OfficeOnline' }),
      context: {
        mailbox: {
          userProfile: { emailAddress: 'Megan@Contoso.com' },
          addHandlerAsync: (type: string, h: () => void, cb?: (r: unknown) => void) => {
            (handlers[type] ??= []).push(h);
            cb?.(ok(undefined));
          },
        },
      },
      ...extra,
    },
    OfficeApp.Outlook,
  );
  const office = mock as unknown as OfficeLike & { context: { mailbox: { item: unknown } } };
  office.context.mailbox.item = item as never;
  const fire = (type: string) => handlers[type]?.forEach((h) => h());
  return { office, fire, handlers };
}

describe('normalisePeople', () => {
  it('keeps resolved addresses only, lower-cased, deduped, without the user, lists apart', () => {
    const r = normalisePeople(
      [
        person('Adele@Contoso.com'),
        person('adele@contoso.com'),
        person('megan@contoso.com'),
        { emailAddress: 'ale' }, // still being typed
        { emailAddress: '/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=abc' }, // an X.500 name
        { emailAddress: '' },
        null,
        person('sales@contoso.com', 'distributionList'),
        person('pat@fabrikam.com', 'externalUser'),
        person('bad..dots@contoso.com'),
      ],
      'MEGAN@contoso.com',
    );
    expect(r).toEqual({
      addresses: ['adele@contoso.com', 'pat@fabrikam.com'],
      distributionLists: ['sales@contoso.com'],
    });
  });
});

describe('readPeople', () => {
  it('read mode: from, to and cc as plain arrays', async () => {
    const { office } = officeWith({
      itemType: 'message',
      from: person('alex@contoso.com'),
      to: [person(ME), person('lee@contoso.com')],
      cc: [person('pat@fabrikam.com', 'externalUser'), person('alex@contoso.com')],
    });
    const p = await readPeople(office, office.context.mailbox!.item!);
    expect(p).toMatchObject({
      mode: 'read',
      itemType: 'message',
      addresses: ['alex@contoso.com', 'lee@contoso.com', 'pat@fabrikam.com'],
      unknown: false,
      meeting: null,
    });
  });

  it('compose: to, cc and bcc with getAsync, never more than 3 calls in flight', async () => {
    const calls = { inFlight: 0, max: 0, total: 0 };
    const { office } = officeWith({
      itemType: 'message',
      to: composeField([person('lee@contoso.com')], calls),
      cc: composeField([person('adele@contoso.com')], calls),
      bcc: composeField([person('joni@contoso.com')], calls),
    });
    const p = await readPeople(office, office.context.mailbox!.item!);
    expect(p.mode).toBe('compose');
    expect(p.addresses).toEqual(['lee@contoso.com', 'adele@contoso.com', 'joni@contoso.com']);
    expect(calls).toMatchObject({ total: 3, max: 3, inFlight: 0 });
  });

  it('an appointment being organised: attendees and its time, four calls through three slots', async () => {
    const calls = { inFlight: 0, max: 0, total: 0 };
    const time = (iso: string) => ({
      getAsync(cb: (r: unknown) => void) {
        calls.total++;
        calls.inFlight++;
        calls.max = Math.max(calls.max, calls.inFlight);
        setTimeout(() => {
          calls.inFlight--;
          cb(ok(new Date(iso)));
        }, 5);
      },
    });
    const { office } = officeWith({
      itemType: 'appointment',
      requiredAttendees: composeField([person('pat@fabrikam.com', 'externalUser')], calls),
      optionalAttendees: composeField([person('lee@contoso.com')], calls),
      start: time('2026-05-12T15:00:00Z'),
      end: time('2026-05-12T16:00:00Z'),
    });
    const p = await readPeople(office, office.context.mailbox!.item!);
    expect(p).toMatchObject({
      mode: 'compose',
      itemType: 'appointment',
      addresses: ['pat@fabrikam.com', 'lee@contoso.com'],
      meeting: { start: '2026-05-12T15:00:00.000Z', end: '2026-05-12T16:00:00.000Z' },
    });
    expect(calls.total).toBe(4);
    expect(calls.max).toBeLessThanOrEqual(3);
  });

  it('an empty item is "unknown", not "nobody"', async () => {
    const calls = { inFlight: 0, max: 0, total: 0 };
    const { office } = officeWith({
      itemType: 'message',
      to: composeField([], calls),
      cc: composeField([], calls),
    });
    expect((await readPeople(office, office.context.mailbox!.item!)).unknown).toBe(true);
  });

  it('adds a colleague to the meeting with Office.js', async () => {
    const calls = { inFlight: 0, max: 0, total: 0 };
    const required = composeField([], calls);
    const { office } = officeWith({ itemType: 'appointment', requiredAttendees: required });
    await addAttendee(office, office.context.mailbox!.item!, {
      address: 'lee@contoso.com',
      displayName: 'Lee',
    });
    const p = await readPeople(office, office.context.mailbox!.item!);
    expect(p.addresses).toEqual(['lee@contoso.com']);
  });
});

describe('watchPeople', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const addresses = (s: PeopleState | undefined) => (s?.kind === 'item' ? s.people.addresses : s?.kind);

  it('compose: re-reads every 1.5 s (the event misses address-book picks) and tells only changes', async () => {
    const calls = { inFlight: 0, max: 0, total: 0 };
    const to = composeField([person('lee@contoso.com')], calls, 1);
    const { office } = officeWith({ itemType: 'message', to, cc: composeField([], calls, 1) });
    const states: PeopleState[] = [];
    const w = watchPeople(office, { onState: (s) => states.push(s), focusTarget: null });
    await vi.advanceTimersByTimeAsync(10);
    expect(states.map(addresses)).toEqual([['lee@contoso.com']]);
    // Nothing changes: re-reads happen, no new state.
    await vi.advanceTimersByTimeAsync(3100);
    expect(states).toHaveLength(1);
    expect(calls.total).toBeGreaterThanOrEqual(6);
    // An address-book pick: no event, the re-read finds it.
    to.set([person('lee@contoso.com'), person('adele@contoso.com')]);
    await vi.advanceTimersByTimeAsync(1600);
    expect(states.map(addresses)).toEqual([['lee@contoso.com'], ['lee@contoso.com', 'adele@contoso.com']]);
    // Same people, another order: the same set, no new state.
    to.set([person('adele@contoso.com'), person('lee@contoso.com')]);
    await vi.advanceTimersByTimeAsync(1600);
    expect(states).toHaveLength(2);
    expect(calls.max).toBeLessThanOrEqual(3);
    w.stop();
    const after = calls.total;
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls.total).toBe(after);
  });

  it('RecipientsChanged reads at once, and so does focus', async () => {
    const calls = { inFlight: 0, max: 0, total: 0 };
    const to = composeField([person('lee@contoso.com')], calls, 1);
    const itemHandlers: Record<string, () => void> = {};
    const item = {
      itemType: 'message',
      to,
      addHandlerAsync: (type: string, h: () => void, cb?: (r: unknown) => void) => {
        itemHandlers[type] = h;
        cb?.(ok(undefined));
      },
    };
    const { office } = officeWith(item);
    const focus = new EventTarget();
    const states: PeopleState[] = [];
    const w = watchPeople(office, {
      onState: (s) => states.push(s),
      focusTarget: focus as unknown as Window,
      rereadMs: 60_000,
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(Object.keys(itemHandlers)).toEqual(['olkRecipientsChanged']);
    to.set([person('lee@contoso.com'), person('pat@fabrikam.com')]);
    itemHandlers.olkRecipientsChanged!();
    itemHandlers.olkRecipientsChanged!(); // two in a row: one read
    await vi.advanceTimersByTimeAsync(200);
    expect(states.map(addresses)).toEqual([['lee@contoso.com'], ['lee@contoso.com', 'pat@fabrikam.com']]);
    to.set([person('pat@fabrikam.com')]); // an in-place edit: no event
    focus.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(10);
    expect(addresses(states.at(-1))).toEqual(['pat@fabrikam.com']);
    w.stop();
  });

  it('believes an empty read after people only when the next read agrees', async () => {
    const calls = { inFlight: 0, max: 0, total: 0 };
    const to = composeField([person('lee@contoso.com')], calls, 1);
    const { office } = officeWith({ itemType: 'message', to });
    const states: PeopleState[] = [];
    const w = watchPeople(office, { onState: (s) => states.push(s), focusTarget: null });
    await vi.advanceTimersByTimeAsync(10);
    to.set([]);
    await vi.advanceTimersByTimeAsync(1510);
    expect(states).toHaveLength(1); // one empty answer: still Lee
    await vi.advanceTimersByTimeAsync(1510);
    expect(states.at(-1)).toMatchObject({ kind: 'item', people: { unknown: true, addresses: [] } });
    w.stop();
  });

  it('pinned: follows ItemChanged, a null item, and an item that is not ready yet', async () => {
    const { office, fire } = officeWith({
      itemType: 'message',
      from: person('alex@contoso.com'),
      to: [person(ME)],
      cc: [],
    });
    const states: PeopleState[] = [];
    const w = watchPeople(office, { onState: (s) => states.push(s), focusTarget: null, retryMs: 100 });
    await vi.advanceTimersByTimeAsync(1);
    expect(addresses(states.at(-1))).toEqual(['alex@contoso.com']);

    office.context.mailbox.item = null; // a collapsed conversation
    fire('olkItemSelectedChanged');
    await vi.advanceTimersByTimeAsync(1);
    expect(states.at(-1)).toEqual({ kind: 'none' });

    office.context.mailbox.item = undefined; // switching inline replies: not ready yet
    fire('olkItemSelectedChanged');
    await vi.advanceTimersByTimeAsync(1);
    expect(states.at(-1)).toEqual({ kind: 'loading' });
    await vi.advanceTimersByTimeAsync(250);
    office.context.mailbox.item = { itemType: 'message', from: person('joni@contoso.com'), to: [], cc: [] };
    await vi.advanceTimersByTimeAsync(100);
    expect(addresses(states.at(-1))).toEqual(['joni@contoso.com']);

    // Another item with the same people: nothing new to ask the server.
    const before = states.length;
    office.context.mailbox.item = { itemType: 'message', from: person('joni@contoso.com'), to: [person(ME)] };
    fire('olkItemSelectedChanged');
    await vi.advanceTimersByTimeAsync(1);
    expect(states).toHaveLength(before);
    w.stop();
  });

  it('an item that never becomes ready ends as "no item"', async () => {
    const { office } = officeWith(undefined);
    const states: PeopleState[] = [];
    const w = watchPeople(office, {
      onState: (s) => states.push(s),
      focusTarget: null,
      retryMs: 10,
      retries: 3,
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(states).toEqual([{ kind: 'loading' }, { kind: 'none' }]);
    w.stop();
  });

  it('a failed getAsync keeps what is shown', async () => {
    const calls = { inFlight: 0, max: 0, total: 0 };
    const to = composeField([person('lee@contoso.com')], calls, 1);
    let fail = false;
    const flaky = {
      getAsync(cb: (r: unknown) => void) {
        if (fail) cb({ status: 'failed', value: undefined, error: { code: 9041, message: 'busy' } });
        else to.getAsync(cb);
      },
    };
    const { office } = officeWith({ itemType: 'message', to: flaky });
    const states: PeopleState[] = [];
    const w = watchPeople(office, { onState: (s) => states.push(s), focusTarget: null });
    await vi.advanceTimersByTimeAsync(10);
    fail = true;
    await vi.advanceTimersByTimeAsync(3100);
    expect(states.map(addresses)).toEqual([['lee@contoso.com']]);
    w.stop();
  });
});
