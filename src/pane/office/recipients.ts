import {
  call,
  createLimiter,
  type EmailAddressDetailsLike,
  eventType,
  type ItemLike,
  type Limiter,
  type OfficeLike,
  type RecipientsLike,
  type TimeLike,
} from '../../hosts/office/types';

/**
 * The people on the item being read or written, as the pane asks the server about them.
 *
 * Read mode: `from`, `to`, `cc` (plain arrays; an appointment: organizer and attendees).
 * Compose: `to`/`cc`/`bcc.getAsync` (an appointment: required and optional attendees, start and
 * end) — at most three Office calls in flight. Outlook's `RecipientsChanged` is known to miss
 * address-book picks and in-place edits, and `getAsync` may answer empty at first: so the pane also
 * re-reads every 1.5 s while composing and on focus, and an empty answer counts as "unknown".
 */

export interface ItemPeople {
  mode: 'read' | 'compose';
  itemType: 'message' | 'appointment';
  /** People, lower-cased, deduped, in order (from, to, cc, bcc), the user left out. */
  addresses: string[];
  /** Distribution lists on the item: never profiled, they make the pane summarise. */
  distributionLists: string[];
  /** Nothing found: Outlook may not have told us yet. */
  unknown: boolean;
  /** An appointment being organised: its time (ISO), for "bring a colleague". */
  meeting: { start: string; end: string } | null;
}

export type PeopleState =
  | { kind: 'loading' }
  /** No item: nothing selected, a collapsed conversation, or not in Outlook. */
  | { kind: 'none' }
  | { kind: 'item'; people: ItemPeople };

/** The same rule as the server's (zod's e-mail check): anything else would fail the whole request. */
const EMAIL =
  /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function isResolvedAddress(address: string | null | undefined): address is string {
  return !!address && address.length <= 320 && EMAIL.test(address.trim());
}

/**
 * Pure: the entries as the server wants them — resolved e-mail addresses only (an address still
 * being typed, an Exchange X.500 name, no address at all are skipped), lower-cased, deduped, the
 * user themself dropped, distribution lists set apart.
 */
export function normalisePeople(
  entries: Array<EmailAddressDetailsLike | null | undefined>,
  self: string | null | undefined,
): { addresses: string[]; distributionLists: string[] } {
  const me = self?.trim().toLowerCase() ?? '';
  const seen = new Set<string>();
  const addresses: string[] = [];
  const distributionLists: string[] = [];
  for (const e of entries) {
    if (!e || !isResolvedAddress(e.emailAddress)) continue;
    const a = e.emailAddress.trim().toLowerCase();
    if (a === me || seen.has(a)) continue;
    seen.add(a);
    (e.recipientType === 'distributionList' ? distributionLists : addresses).push(a);
  }
  return { addresses, distributionLists };
}

const isRecipients = (v: unknown): v is RecipientsLike =>
  !!v && typeof (v as RecipientsLike).getAsync === 'function';
const isTime = (v: unknown): v is TimeLike => !!v && typeof (v as TimeLike).getAsync === 'function';

/** Compose when the recipients are read with getAsync; read mode has plain arrays. */
export function modeOf(item: ItemLike): 'read' | 'compose' {
  const field = item.itemType === 'appointment' ? item.requiredAttendees : item.to;
  return isRecipients(field) ? 'compose' : 'read';
}

const asIso = (d: unknown): string | null =>
  d instanceof Date && !Number.isNaN(d.getTime())
    ? d.toISOString()
    : typeof d === 'string' && !Number.isNaN(Date.parse(d))
      ? new Date(d).toISOString()
      : null;

/** Reads the item once. Throws when an Office call fails (the caller keeps what it had). */
export async function readPeople(
  office: OfficeLike,
  item: ItemLike,
  limiter: Limiter = createLimiter(3),
): Promise<ItemPeople> {
  const self = office.context.mailbox?.userProfile?.emailAddress;
  const itemType = item.itemType === 'appointment' ? 'appointment' : 'message';
  const mode = modeOf(item);
  // In compose, `from`/`organizer` are the user (and would cost an async call): not read.
  const fields: Array<keyof ItemLike> =
    itemType === 'appointment'
      ? mode === 'compose'
        ? ['requiredAttendees', 'optionalAttendees']
        : ['organizer', 'requiredAttendees', 'optionalAttendees']
      : mode === 'compose'
        ? ['to', 'cc', 'bcc']
        : ['from', 'to', 'cc'];
  const read = (v: unknown): Promise<EmailAddressDetailsLike[]> => {
    if (isRecipients(v)) return limiter.run(() => call(office, (cb) => v.getAsync(cb)));
    if (Array.isArray(v)) return Promise.resolve(v as EmailAddressDetailsLike[]);
    if (v && typeof v === 'object' && 'emailAddress' in v)
      return Promise.resolve([v as EmailAddressDetailsLike]);
    return Promise.resolve([]);
  };
  const time = (v: unknown): Promise<unknown> =>
    isTime(v) ? limiter.run(() => call(office, (cb) => v.getAsync(cb))) : Promise.resolve(v);
  const organising = itemType === 'appointment' && mode === 'compose';
  const [lists, start, end] = await Promise.all([
    Promise.all(fields.map((f) => read(item[f]))),
    organising ? time(item.start) : null,
    organising ? time(item.end) : null,
  ]);
  const { addresses, distributionLists } = normalisePeople(lists.flat(), self);
  const s = asIso(start);
  const e = asIso(end);
  return {
    mode,
    itemType,
    addresses,
    distributionLists,
    unknown: addresses.length === 0 && distributionLists.length === 0,
    meeting: organising && s && e ? { start: s, end: e } : null,
  };
}

/** What identifies a state for "did it change": the set of people (not their order) and the time. */
export function stateKey(s: PeopleState): string {
  if (s.kind !== 'item') return s.kind;
  const p = s.people;
  return [
    p.mode,
    p.itemType,
    [...p.addresses].sort().join(','),
    [...p.distributionLists].sort().join(','),
    p.meeting ? `${p.meeting.start}/${p.meeting.end}` : '',
  ].join('|');
}

export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
interface FocusTarget {
  addEventListener(type: 'focus', fn: () => void): void;
  removeEventListener(type: 'focus', fn: () => void): void;
}

export interface WatchOptions {
  onState: (s: PeopleState) => void;
  /** Re-read while composing (the event misses changes). */
  rereadMs?: number;
  /** An item not ready yet (undefined): look again this often, this many times. */
  retryMs?: number;
  retries?: number;
  /** After RecipientsChanged: read this soon (several events in a row make one read). */
  eventDebounceMs?: number;
  clock?: Clock;
  focusTarget?: FocusTarget | null;
  limiter?: Limiter;
}

/**
 * Follows the item and its people: ItemChanged (a pinned pane), RecipientsChanged, a re-read every
 * `rereadMs` while composing and on focus. `onState` is called only when the state's key changes
 * (so the pane asks the server only when the set of people did). An empty read after a non-empty
 * one is believed only when the next read agrees.
 */
export function watchPeople(office: OfficeLike, o: WatchOptions) {
  const clock: Clock = o.clock ?? {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const rereadMs = o.rereadMs ?? 1500;
  const retryMs = o.retryMs ?? 250;
  const retries = o.retries ?? 20;
  const debounceMs = o.eventDebounceMs ?? 100;
  const limiter = o.limiter ?? createLimiter(3);
  const focus = o.focusTarget === undefined ? (typeof window !== 'undefined' ? window : null) : o.focusTarget;
  const mailbox = office.context.mailbox;

  let stopped = false;
  let generation = 0;
  let item: ItemLike | null | undefined;
  let lastKey: string | null = null;
  let lastNonEmpty = false;
  let emptyStreak = 0;
  let reading = false;
  let again = false;
  let timer: unknown = null;
  let retryTimer: unknown = null;
  let eventTimer: unknown = null;

  const emit = (s: PeopleState) => {
    const key = stateKey(s);
    if (key === lastKey) return;
    lastKey = key;
    o.onState(s);
  };
  const clear = (h: unknown) => {
    if (h !== null) clock.clearTimeout(h);
  };
  const schedule = () => {
    clear(timer);
    timer = null;
    if (stopped || !item || modeOf(item) !== 'compose') return;
    timer = clock.setTimeout(() => void read(), rereadMs);
  };

  async function read(): Promise<void> {
    if (stopped || !item) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    const mine = generation;
    const current = item;
    try {
      const people = await readPeople(office, current, limiter);
      if (stopped || mine !== generation) return;
      if (people.unknown && lastNonEmpty && emptyStreak === 0) {
        // getAsync can answer empty while Outlook settles: believe it when the next read agrees.
        emptyStreak = 1;
      } else {
        emptyStreak = 0;
        lastNonEmpty = !people.unknown;
        emit({ kind: 'item', people });
      }
    } catch {
      // An Office call failed (too many in flight, the item went away): keep what is shown.
    } finally {
      if (mine === generation) reading = false;
      if (!stopped && mine === generation) {
        if (again) {
          again = false;
          void read();
        } else schedule();
      }
    }
  }

  const onRecipientsChanged = () => {
    clear(eventTimer);
    eventTimer = clock.setTimeout(() => {
      eventTimer = null;
      void read();
    }, debounceMs);
  };

  function follow(attempt = 0) {
    clear(retryTimer);
    retryTimer = null;
    if (stopped) return;
    generation++;
    again = false;
    emptyStreak = 0;
    lastNonEmpty = false;
    item = mailbox?.item;
    clear(timer);
    timer = null;
    if (item === undefined && mailbox && attempt < retries) {
      // Not ready yet (switching inline replies): look again shortly.
      emit({ kind: 'loading' });
      retryTimer = clock.setTimeout(() => follow(attempt + 1), retryMs);
      return;
    }
    if (!item) {
      emit({ kind: 'none' });
      return;
    }
    if (modeOf(item) === 'compose' && typeof item.addHandlerAsync === 'function') {
      try {
        item.addHandlerAsync(eventType(office, 'RecipientsChanged'), onRecipientsChanged, () => {});
      } catch {
        // Mailbox < 1.7: the re-read alone keeps up.
      }
    }
    reading = false;
    void read();
  }

  const onFocus = () => {
    if (item) void read();
  };
  const onItemChanged = () => follow(0);

  if (mailbox && typeof mailbox.addHandlerAsync === 'function') {
    try {
      mailbox.addHandlerAsync(eventType(office, 'ItemChanged'), onItemChanged, () => {});
    } catch {
      // Not pinnable here: the pane is reopened per item.
    }
  }
  focus?.addEventListener('focus', onFocus);
  follow(0);

  return {
    /** Read the current item now (after adding an attendee, say). */
    refresh: () => void read(),
    /** The item being followed (to add attendees to it). */
    item: () => item ?? null,
    /** The pane's one queue of Office calls (three in flight at most). */
    limiter,
    stop() {
      stopped = true;
      clear(timer);
      clear(retryTimer);
      clear(eventTimer);
      focus?.removeEventListener('focus', onFocus);
    },
  };
}

/** Adds a colleague to the meeting being organised (Office.js; nothing is written to Graph). */
export async function addAttendee(
  office: OfficeLike,
  item: ItemLike,
  person: { address: string; displayName: string },
  optional = false,
  limiter: Limiter = createLimiter(3),
): Promise<void> {
  const field = optional ? item.optionalAttendees : item.requiredAttendees;
  if (!isRecipients(field) || typeof field.addAsync !== 'function')
    throw new Error('This item cannot take attendees.');
  await limiter.run(() =>
    call<void>(office, (cb) =>
      field.addAsync!([{ emailAddress: person.address, displayName: person.displayName }], cb),
    ),
  );
}
