/**
 * The `Office` stand-in the harness hands to the real pane: the subset of Office.js (Outlook,
 * Mailbox ≤ 1.13) the pane uses, behaving as documented — results as `{status, value, error,
 * asyncContext}`, callbacks always asynchronous, item-level handlers dropped when the item changes —
 * and, where it is cheap, as Outlook is known to misbehave (OUTLOOK-AND-CALENDAR-FACTS.md §3):
 *
 * - `RecipientsChanged` does not fire for address-book picks (`pickFromDirectory`, office-js #1634);
 * - `getAsync` leaves out an address still being typed until Enter or ';' resolves it (#2636, #2569);
 * - right after a switch `mailbox.item` is briefly `undefined` (#2295), and null when nothing is
 *   selected (#4952); with the `late-item` quirk ItemChanged even fires before the item is ready;
 * - with the `empty-first` quirk the first `getAsync` of an item answers an empty list (#486);
 * - at most 3 async calls at a time in Outlook on the web: counted (`maxConcurrent`) and, with the
 *   `strict-concurrency` quirk, a 4th fails as Outlook's would.
 *
 * The pane finds it through `window.parent.RapportOfficeStandIn(paneWindow)` (same origin only: a
 * real Outlook parent is cross-origin and throws), so the same pane code runs here and in Outlook.
 * State lives in `Mailbox`, which the harness UI drives and tests read back.
 */

export type ThemeName = 'light' | 'dark' | 'contrast';
export type Quirk = 'late-item' | 'empty-first' | 'strict-concurrency';
export type RecipientKind = 'user' | 'externalUser' | 'distributionList' | 'other';

export interface Recipient {
  displayName: string;
  emailAddress: string;
  recipientType: RecipientKind;
}
export type ComposeField = 'to' | 'cc' | 'bcc';
export type AttendeeField = 'requiredAttendees' | 'optionalAttendees';
export type RecipientField = ComposeField | AttendeeField;

export interface ReadMessage {
  kind: 'read';
  id: string;
  subject: string;
  receivedDateTime: string | null;
  from: Recipient | null;
  to: Recipient[];
  cc: Recipient[];
}
export interface ComposeMessage {
  kind: 'compose';
  id: string;
  subject: string;
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  /** Text typed in each well and not yet resolved (no Enter or ';' yet): getAsync leaves it out. */
  typing: Record<ComposeField, string>;
}
export interface ComposeAppointment {
  kind: 'appointment';
  id: string;
  subject: string;
  start: Date;
  end: Date;
  requiredAttendees: Recipient[];
  optionalAttendees: Recipient[];
  typing: Record<AttendeeField, string>;
}
export type Item = ReadMessage | ComposeMessage | ComposeAppointment;

export interface UserProfile {
  displayName: string;
  emailAddress: string;
  timeZone: string;
}

/** Outlook's `officeTheme` colours, approximately as Outlook on the web reports them. */
export const OFFICE_THEMES: Record<
  ThemeName,
  {
    bodyBackgroundColor: string;
    bodyForegroundColor: string;
    controlBackgroundColor: string;
    controlForegroundColor: string;
  }
> = {
  light: {
    bodyBackgroundColor: '#FFFFFF',
    bodyForegroundColor: '#242424',
    controlBackgroundColor: '#F5F5F5',
    controlForegroundColor: '#242424',
  },
  dark: {
    bodyBackgroundColor: '#292929',
    bodyForegroundColor: '#FFFFFF',
    controlBackgroundColor: '#1F1F1F',
    controlForegroundColor: '#FFFFFF',
  },
  contrast: {
    bodyBackgroundColor: '#000000',
    bodyForegroundColor: '#FFFFFF',
    controlBackgroundColor: '#000000',
    controlForegroundColor: '#FFFF00',
  },
};

// Office.js's enum values (strings and numbers as office.js defines them).
export const AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' } as const;
export const EventType = {
  ItemChanged: 'olkItemSelectedChanged',
  RecipientsChanged: 'olkRecipientsChanged',
  AppointmentTimeChanged: 'olkAppointmentTimeChanged',
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
  OfficeThemeChanged: 'officeThemeChanged',
} as const;
const HostType = { Outlook: 'Outlook', Word: 'Word', Excel: 'Excel', PowerPoint: 'PowerPoint' } as const;
const PlatformType = { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac', iOS: 'iOS', Android: 'Android' };
const MailboxEnums = {
  ItemType: { Message: 'message', Appointment: 'appointment' },
  RecipientType: {
    DistributionList: 'distributionList',
    User: 'user',
    ExternalUser: 'externalUser',
    Other: 'other',
  },
} as const;

/** The Outlook add-in API version the stand-in plays: Outlook on the web, Mailbox 1.13. */
const SUPPORTED: Record<string, string> = {
  mailbox: '1.13',
  identityapi: '1.3',
  dialogapi: '1.2',
  nestedappauth: '', // not supported: the pane falls back to Office SSO (getAccessToken)
};
const VERSION = '16.0.18000.10000';
/** documented limit for setAsync/addAsync per field. */
const MAX_RECIPIENTS = 100;
const EMAIL = /^[^\s@;,<>"]+@[^\s@;,<>"]+\.[^\s@;,<>"]+$/;

export interface OfficeError {
  code: number;
  name: string;
  message: string;
}
export interface AsyncResult<T> {
  status: (typeof AsyncResultStatus)[keyof typeof AsyncResultStatus];
  value: T;
  error: OfficeError | undefined;
  asyncContext: unknown;
  diagnostics?: unknown;
}
type Callback<T> = (r: AsyncResult<T>) => void;

export interface StandInCall {
  api: string;
  at: number;
  detail?: unknown;
}

interface Listener {
  onChange(): void;
}

const later = (fn: () => void, ms = 4) => setTimeout(fn, ms);
const cloneRecipients = (xs: Recipient[]) => xs.map((r) => ({ ...r }));

/** `(options?, callback?)`, as every Office async method takes them. */
function splitArgs<T>(a: unknown, b: unknown): { options: { asyncContext?: unknown }; cb?: Callback<T> } {
  if (typeof a === 'function') return { options: {}, cb: a as Callback<T> };
  return {
    options: a && typeof a === 'object' ? (a as { asyncContext?: unknown }) : {},
    cb: typeof b === 'function' ? (b as Callback<T>) : undefined,
  };
}

/**
 * What Outlook holds: the signed-in user, the selected (or composed) item, pinning, the theme. The
 * harness UI changes it; each pane load gets an `Office` over it (`officeFor`).
 */
export class Mailbox {
  profile: UserProfile = { displayName: '', emailAddress: '', timeZone: 'UTC' };
  /** The harness's cached API token, if it has one (the stand-in's SSO answers with it). */
  token?: () => Promise<string>;
  /** Directory addresses → names, so typed addresses resolve as Outlook resolves them. */
  directory = new Map<string, string>();
  selected: Item | null = null;
  /** False for a moment after a switch: `mailbox.item` is undefined then. */
  itemReady = true;
  pinned = true;
  theme: ThemeName = 'light';
  quirks = new Set<Quirk>();
  /** Every call the pane made, in order (tests read these back). */
  readonly calls: StandInCall[] = [];
  inFlight = 0;
  maxConcurrent = 0;
  /** How many times the pane was (re)loaded and asked for `Office`. */
  loads = 0;
  /** Set by the harness: reload the pane's frame (an unpinned pane on a switch, a theme change). */
  reloadPane: () => void = () => {};
  private current: OfficeInstance | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private seq = 0;

  constructor() {
    this.ready = new Promise((r) => (this.resolveReady = r));
  }

  /** The harness has its user and its first item: `Office.onReady` may resolve. */
  markReady(): void {
    this.resolveReady();
  }
  whenReady(): Promise<void> {
    return this.ready;
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  /** React's useSyncExternalStore wants a new snapshot on change: a counter will do. */
  version = 0;
  changed(): void {
    this.version++;
    for (const l of this.listeners) l.onChange();
  }
  log(api: string, detail?: unknown): void {
    this.calls.push({ api, at: Math.round(performance.now()), ...(detail === undefined ? {} : { detail }) });
    if (this.calls.length > 2000) this.calls.splice(0, this.calls.length - 2000);
  }

  newId(prefix: string): string {
    return `${prefix}-${++this.seq}`;
  }

  /** Outlook's recipient type: the user's own domain or the directory are users, the rest external. */
  recipient(address: string, displayName?: string): Recipient {
    const a = address.trim().toLowerCase();
    const dir = this.directory.get(a);
    const own = this.profile.emailAddress.split('@')[1];
    const internal = dir !== undefined || (!!own && a.endsWith(`@${own}`));
    return {
      displayName: displayName?.trim() || dir || a,
      emailAddress: a,
      recipientType: internal ? 'user' : 'externalUser',
    };
  }

  // ---------- what the user does in the harness ----------

  /**
   * Selects (or opens for compose) an item, or nothing. Pinned: ItemChanged, with the item briefly
   * undefined. Not pinned: Outlook closes the pane and opens it afresh on the new item.
   */
  select(item: Item | null): void {
    this.log('harness.select', item ? { kind: item.kind, id: item.id } : null);
    this.selected = item;
    if (!this.pinned || !this.current) {
      this.itemReady = true;
      this.changed();
      this.reloadPane();
      return;
    }
    this.itemReady = false;
    this.changed();
    const office = this.current;
    const late = this.quirks.has('late-item');
    if (late) later(() => office.fireItemChanged(), 5);
    later(() => {
      if (this.selected !== item) return; // switched again meanwhile
      this.itemReady = true;
      this.changed();
      if (!late) office.fireItemChanged();
    }, 40);
  }

  /** Enter or ';' in a well: the typed text resolves to recipients, and RecipientsChanged fires. */
  commitTyped(field: RecipientField, text?: string): Recipient[] {
    const item = this.selected;
    if (!item || item.kind === 'read') return [];
    const typing = item.typing as Record<RecipientField, string>;
    const raw = text ?? typing[field] ?? '';
    const parts = raw
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const added: Recipient[] = [];
    const rest: string[] = [];
    for (const p of parts) {
      const m = /^(.*?)\s*<([^>]+)>$/.exec(p);
      const address = (m ? m[2]! : p).trim();
      if (!EMAIL.test(address)) rest.push(p);
      else added.push(this.recipient(address, m?.[1]?.replace(/^"|"$/g, '')));
    }
    typing[field] = rest.join('; ');
    this.addTo(item, field, added);
    this.changed();
    if (added.length) this.current?.fireRecipientsChanged([field]);
    return added;
  }

  /** Text typed in a well, not yet resolved: Outlook's getAsync does not report it. */
  setTyping(field: RecipientField, text: string): void {
    const item = this.selected;
    if (!item || item.kind === 'read') return;
    (item.typing as Record<RecipientField, string>)[field] = text;
    this.changed();
  }

  /** Removing a chip: RecipientsChanged fires. */
  remove(field: RecipientField, address: string): void {
    const list = this.list(field);
    if (!list) return;
    const i = list.findIndex((r) => r.emailAddress === address.toLowerCase());
    if (i < 0) return;
    list.splice(i, 1);
    this.changed();
    this.current?.fireRecipientsChanged([field]);
  }

  /** A pick from the address book: the recipient is there, but Outlook fires no RecipientsChanged. */
  pickFromDirectory(field: RecipientField, address: string, displayName?: string): void {
    const item = this.selected;
    if (!item || item.kind === 'read') return;
    this.log('harness.pickFromDirectory', { field, address });
    this.addTo(item, field, [this.recipient(address, displayName)]);
    this.changed();
  }

  /** The meeting's subject or times edited in the harness. */
  editAppointment(patch: Partial<Pick<ComposeAppointment, 'subject' | 'start' | 'end'>>): void {
    const item = this.selected;
    if (item?.kind !== 'appointment') return;
    Object.assign(item, patch);
    this.changed();
    if (patch.start || patch.end) this.current?.fireAppointmentTimeChanged(item);
  }
  editSubject(subject: string): void {
    const item = this.selected;
    if (!item || item.kind === 'read') return;
    item.subject = subject;
    this.changed();
  }

  setTheme(theme: ThemeName): void {
    this.theme = theme;
    this.changed();
    // Office add-ins read officeTheme when they load; Outlook has no theme event for mail add-ins.
    this.reloadPane();
  }
  setPinned(pinned: boolean): void {
    this.pinned = pinned;
    this.changed();
  }

  // ---------- shared with the Office instances ----------

  list(field: RecipientField): Recipient[] | null {
    const item = this.selected;
    if (!item || item.kind === 'read') return null;
    if (item.kind === 'compose' && (field === 'to' || field === 'cc' || field === 'bcc')) return item[field];
    if (item.kind === 'appointment' && (field === 'requiredAttendees' || field === 'optionalAttendees'))
      return item[field];
    return null;
  }
  addTo(item: Item, field: RecipientField, rs: Recipient[]): void {
    if (item.kind === 'read') return;
    const list = (item as unknown as Record<RecipientField, Recipient[] | undefined>)[field];
    if (!list) return;
    // Outlook keeps a duplicate typed twice; the well shows both. Keep them, as it does.
    list.push(...rs);
  }

  /** A fresh Office for a pane (re)load; the previous pane's handlers go with it. */
  officeFor(paneWindow: Window, opener?: { dialog: DialogHandle }): OfficeInstance {
    const o = new OfficeInstance(this, paneWindow, opener?.dialog);
    if (!opener) {
      this.loads++;
      this.current = o;
      this.log('harness.paneLoaded', { loads: this.loads });
    }
    return o;
  }

  /** What tests read back. */
  snapshot() {
    const item = this.selected;
    return {
      profile: { ...this.profile },
      pinned: this.pinned,
      theme: this.theme,
      loads: this.loads,
      itemReady: this.itemReady,
      maxConcurrent: this.maxConcurrent,
      item: item
        ? item.kind === 'appointment'
          ? { ...item, start: item.start.toISOString(), end: item.end.toISOString() }
          : JSON.parse(JSON.stringify(item))
        : null,
      calls: this.calls.map((c) => ({ ...c })),
    };
  }
}

interface DialogHandle {
  receive(message: string, origin: string): void;
}

type Handler = (args: unknown) => void;

/** `Office` for one pane load: the API surface, bound to the mailbox. */
export class OfficeInstance {
  private readonly mailboxHandlers = new Map<string, Set<Handler>>();
  /** Item-level handlers, keyed by the item they were added on (they die with it). */
  private readonly itemHandlers = new WeakMap<Item, Map<string, Set<Handler>>>();
  private readonly wrappers = new WeakMap<Item, object>();
  private readonly firstGet = new WeakSet<Item>();
  readonly api: Record<string, unknown>;

  constructor(
    private readonly box: Mailbox,
    private readonly paneWindow: Window,
    private readonly asDialog?: DialogHandle,
  ) {
    this.api = this.build();
  }

  /**
   * Values as the pane's own realm makes them (its Array, Object, Date, Promise), as office.js —
   * loaded inside the pane — would: `instanceof Date` or a schema's date check then holds there too.
   */
  private toPane<T>(v: T): T {
    const realm = this.paneWindow as unknown as { JSON: JSON };
    return v === undefined ? v : (realm.JSON.parse(JSON.stringify(v)) as T);
  }
  private paneDate(d: Date): Date {
    const R = (this.paneWindow as unknown as { Date: DateConstructor }).Date;
    return new R(d.getTime());
  }
  private panePromise<T>(work: () => Promise<T>): Promise<T> {
    const P = (this.paneWindow as unknown as { Promise: PromiseConstructor }).Promise;
    return new P<T>((resolve, reject) => {
      work().then(resolve, reject);
    });
  }

  // ---------- events ----------
  fireItemChanged(): void {
    const hs = this.mailboxHandlers.get(EventType.ItemChanged);
    this.box.log('event.ItemChanged', { handlers: hs?.size ?? 0 });
    for (const h of hs ?? []) later(() => h({ type: EventType.ItemChanged }), 0);
  }
  fireRecipientsChanged(fields: RecipientField[]): void {
    const item = this.box.selected;
    if (!item) return;
    const hs = this.itemHandlers.get(item)?.get(EventType.RecipientsChanged);
    this.box.log('event.RecipientsChanged', { fields, handlers: hs?.size ?? 0 });
    const changed =
      item.kind === 'appointment'
        ? {
            requiredAttendees: fields.includes('requiredAttendees'),
            optionalAttendees: fields.includes('optionalAttendees'),
            resources: false,
          }
        : { to: fields.includes('to'), cc: fields.includes('cc'), bcc: fields.includes('bcc') };
    for (const h of hs ?? [])
      later(() => h({ type: EventType.RecipientsChanged, changedRecipientFields: changed }), 0);
  }
  fireAppointmentTimeChanged(item: ComposeAppointment): void {
    const hs = this.itemHandlers.get(item)?.get(EventType.AppointmentTimeChanged);
    for (const h of hs ?? [])
      later(() => h({ type: EventType.AppointmentTimeChanged, start: item.start, end: item.end }), 0);
  }

  // ---------- async plumbing ----------
  private ok<T>(cb: Callback<T> | undefined, options: { asyncContext?: unknown }, value: T, ms = 4): void {
    if (!cb) return;
    later(
      () =>
        cb({
          status: AsyncResultStatus.Succeeded,
          value,
          error: undefined,
          asyncContext: options.asyncContext,
        }),
      ms,
    );
  }
  private fail(
    cb: Callback<unknown> | undefined,
    options: { asyncContext?: unknown },
    error: OfficeError,
  ): void {
    if (!cb) return;
    later(() =>
      cb({
        status: AsyncResultStatus.Failed,
        value: undefined,
        error,
        asyncContext: options.asyncContext,
      }),
    );
  }
  /** A mailbox async call: counted against Outlook on the web's 3 at a time. */
  private mailboxCall<T>(
    api: string,
    a: unknown,
    b: unknown,
    run: () => { value: T } | { error: OfficeError },
    detail?: unknown,
  ): void {
    const { options, cb } = splitArgs<T>(a, b);
    const box = this.box;
    box.log(api, detail);
    if (box.quirks.has('strict-concurrency') && box.inFlight >= 3) {
      this.fail(cb as Callback<unknown>, options, {
        code: 9041,
        name: 'TooManyConcurrentCalls',
        message: 'Outlook on the web runs at most 3 asynchronous calls at a time.',
      });
      return;
    }
    box.inFlight++;
    box.maxConcurrent = Math.max(box.maxConcurrent, box.inFlight);
    // A round trip to the host: a few milliseconds, never synchronous.
    later(
      () => {
        box.inFlight--;
        const r = run();
        if ('error' in r) this.fail(cb as Callback<unknown>, options, r.error);
        else this.ok(cb, options, r.value, 0);
      },
      6 + Math.floor(Math.random() * 6),
    );
  }

  private addHandler(
    registry: Map<string, Set<Handler>> | undefined,
    allowed: string[],
    eventType: unknown,
    handler: unknown,
    a: unknown,
    b: unknown,
  ): void {
    const { options, cb } = splitArgs<undefined>(a, b);
    this.box.log('addHandlerAsync', { eventType });
    if (
      !registry ||
      typeof eventType !== 'string' ||
      !allowed.includes(eventType) ||
      typeof handler !== 'function'
    ) {
      this.fail(cb as Callback<unknown>, options, {
        code: 5001,
        name: 'Internal Error',
        message: `The event type ${String(eventType)} is not supported here.`,
      });
      return;
    }
    if (!registry.has(eventType)) registry.set(eventType, new Set());
    registry.get(eventType)!.add(handler as Handler);
    this.ok(cb, options, undefined);
  }
  private removeHandler(
    registry: Map<string, Set<Handler>> | undefined,
    eventType: unknown,
    a: unknown,
    b: unknown,
  ): void {
    const { options, cb } = splitArgs<undefined>(a, b);
    if (registry && typeof eventType === 'string') registry.delete(eventType);
    this.ok(cb, options, undefined);
  }

  private handlersFor(item: Item): Map<string, Set<Handler>> {
    let m = this.itemHandlers.get(item);
    if (!m) {
      m = new Map();
      this.itemHandlers.set(item, m);
    }
    return m;
  }

  // ---------- items ----------
  private recipientsApi(item: ComposeMessage | ComposeAppointment, field: RecipientField) {
    const box = this.box;
    const live = () => (box.selected === item ? box.list(field) : null);
    const gone: OfficeError = {
      code: 9030,
      name: 'ItemNotFound',
      message: 'The item is no longer open.',
    };
    const parse = (input: unknown): Recipient[] | OfficeError => {
      const xs = Array.isArray(input) ? input : [];
      const out: Recipient[] = [];
      for (const x of xs) {
        const address =
          typeof x === 'string'
            ? x
            : x && typeof x === 'object' && typeof (x as { emailAddress?: unknown }).emailAddress === 'string'
              ? (x as { emailAddress: string }).emailAddress
              : '';
        const name =
          x && typeof x === 'object' && typeof (x as { displayName?: unknown }).displayName === 'string'
            ? (x as { displayName: string }).displayName
            : undefined;
        if (!EMAIL.test(address.trim()))
          return { code: 9000, name: 'InvalidRecipients', message: `Not an email address: ${address}` };
        out.push(box.recipient(address, name));
      }
      if (out.length > MAX_RECIPIENTS)
        return {
          code: 9000,
          name: 'NumberOfRecipientsExceeded',
          message: `At most ${MAX_RECIPIENTS} recipients can be set at a time.`,
        };
      return out;
    };
    return {
      getAsync: (a?: unknown, b?: unknown) =>
        this.mailboxCall(`${field}.getAsync`, a, b, () => {
          const list = live();
          if (!list) return { error: gone };
          if (box.quirks.has('empty-first') && !this.firstGet.has(item)) {
            this.firstGet.add(item);
            return { value: [] };
          }
          // Only resolved recipients: text still being typed is not reported (office-js #2636).
          return { value: this.toPane(cloneRecipients(list)) };
        }),
      setAsync: (recipients: unknown, a?: unknown, b?: unknown) =>
        this.mailboxCall(
          `${field}.setAsync`,
          a,
          b,
          () => {
            const list = live();
            if (!list) return { error: gone };
            const rs = parse(recipients);
            if (!Array.isArray(rs)) return { error: rs };
            list.splice(0, list.length, ...rs);
            box.changed();
            this.fireRecipientsChanged([field]);
            return { value: undefined };
          },
          recipients,
        ),
      addAsync: (recipients: unknown, a?: unknown, b?: unknown) =>
        this.mailboxCall(
          `${field}.addAsync`,
          a,
          b,
          () => {
            const list = live();
            if (!list) return { error: gone };
            const rs = parse(recipients);
            if (!Array.isArray(rs)) return { error: rs };
            list.push(...rs);
            box.changed();
            this.fireRecipientsChanged([field]);
            return { value: undefined };
          },
          recipients,
        ),
    };
  }

  private wrap(item: Item): object {
    const cached = this.wrappers.get(item);
    if (cached) return cached;
    const box = this.box;
    const handlers = this.handlersFor(item);
    const itemEvents =
      item.kind === 'appointment'
        ? [EventType.RecipientsChanged, EventType.AppointmentTimeChanged]
        : item.kind === 'compose'
          ? [EventType.RecipientsChanged]
          : [];
    const common = {
      addHandlerAsync: (t: unknown, h: unknown, a?: unknown, b?: unknown) =>
        this.addHandler(handlers, itemEvents, t, h, a, b),
      removeHandlerAsync: (t: unknown, a?: unknown, b?: unknown) => this.removeHandler(handlers, t, a, b),
    };
    let w: object;
    if (item.kind === 'read') {
      // Read mode: plain properties, as Outlook gives them.
      w = {
        ...common,
        itemType: MailboxEnums.ItemType.Message,
        itemId: item.id,
        subject: item.subject,
        dateTimeCreated: item.receivedDateTime ? this.paneDate(new Date(item.receivedDateTime)) : null,
        from: this.toPane(item.from),
        sender: this.toPane(item.from),
        to: this.toPane(cloneRecipients(item.to)),
        cc: this.toPane(cloneRecipients(item.cc)),
      };
    } else {
      const subject = {
        getAsync: (a?: unknown, b?: unknown) =>
          this.mailboxCall('subject.getAsync', a, b, () => ({ value: item.subject })),
        setAsync: (s: unknown, a?: unknown, b?: unknown) =>
          this.mailboxCall('subject.setAsync', a, b, () => {
            item.subject = String(s);
            box.changed();
            return { value: undefined };
          }),
      };
      if (item.kind === 'compose') {
        w = {
          ...common,
          itemType: MailboxEnums.ItemType.Message,
          subject,
          to: this.recipientsApi(item, 'to'),
          cc: this.recipientsApi(item, 'cc'),
          bcc: this.recipientsApi(item, 'bcc'),
        };
      } else {
        const time = (k: 'start' | 'end') => ({
          getAsync: (a?: unknown, b?: unknown) =>
            this.mailboxCall(`${k}.getAsync`, a, b, () => ({ value: this.paneDate(item[k]) })),
          setAsync: (d: unknown, a?: unknown, b?: unknown) =>
            this.mailboxCall(`${k}.setAsync`, a, b, () => {
              // A Date from the pane's realm: instanceof Date would not hold here.
              const t = d && typeof (d as Date).getTime === 'function' ? (d as Date).getTime() : Number.NaN;
              if (Number.isNaN(t))
                return { error: { code: 9000, name: 'InvalidDate', message: 'Not a date.' } };
              item[k] = new Date(t);
              box.changed();
              this.fireAppointmentTimeChanged(item);
              return { value: undefined };
            }),
        });
        w = {
          ...common,
          itemType: MailboxEnums.ItemType.Appointment,
          subject,
          start: time('start'),
          end: time('end'),
          requiredAttendees: this.recipientsApi(item, 'requiredAttendees'),
          optionalAttendees: this.recipientsApi(item, 'optionalAttendees'),
        };
      }
    }
    this.wrappers.set(item, w);
    return w;
  }

  // ---------- the Office object ----------
  private build(): Record<string, unknown> {
    const box = this.box;
    const wrap = (i: Item) => this.wrap(i);
    const toPane = <T>(v: T) => this.toPane(v);
    const paneWindow = this.paneWindow;
    const mailbox = {
      get item() {
        if (!box.itemReady) return undefined;
        return box.selected ? wrap(box.selected) : null;
      },
      userProfile: {
        get displayName() {
          return box.profile.displayName;
        },
        get emailAddress() {
          return box.profile.emailAddress;
        },
        get timeZone() {
          return box.profile.timeZone;
        },
        accountType: 'enterprise',
      },
      diagnostics: { hostName: 'OutlookWebApp', hostVersion: VERSION, OWAView: 'ThreeColumn' },
      addHandlerAsync: (t: unknown, h: unknown, a?: unknown, b?: unknown) =>
        this.addHandler(this.mailboxHandlers, [EventType.ItemChanged], t, h, a, b),
      removeHandlerAsync: (t: unknown, a?: unknown, b?: unknown) =>
        this.removeHandler(this.mailboxHandlers, t, a, b),
    };
    const theme = () => OFFICE_THEMES[box.theme];
    const context = {
      host: HostType.Outlook,
      platform: PlatformType.OfficeOnline,
      displayLanguage: 'en-US',
      contentLanguage: 'en-US',
      diagnostics: { host: HostType.Outlook, platform: PlatformType.OfficeOnline, version: VERSION },
      get partitionKey() {
        return `rapport-harness:${box.profile.emailAddress || 'anonymous'}`;
      },
      get officeTheme() {
        return toPane(theme());
      },
      mailbox,
      requirements: {
        isSetSupported(name: unknown, version?: unknown): boolean {
          const have = typeof name === 'string' ? SUPPORTED[name.toLowerCase()] : undefined;
          if (!have) return false;
          return compareVersions(typeof version === 'string' ? version : '1.1', have) <= 0;
        },
      },
      ui: {
        displayDialogAsync: (url: unknown, a?: unknown, b?: unknown) => this.displayDialog(url, a, b),
        messageParent: (message: unknown) => {
          if (!this.asDialog) return;
          this.asDialog.receive(String(message), paneWindow.location.origin);
        },
      },
    };
    const auth = {
      getAccessToken: (options?: unknown) => this.panePromise(() => this.getAccessToken(options)),
    };
    return {
      onReady: (cb?: (info: { host: string; platform: string }) => void) =>
        this.panePromise(async () => {
          await box.whenReady();
          const info = this.toPane({ host: HostType.Outlook, platform: PlatformType.OfficeOnline });
          box.log('onReady');
          cb?.(info);
          return info;
        }),
      initialize: undefined,
      HostType,
      PlatformType,
      EventType,
      AsyncResultStatus,
      MailboxEnums,
      context,
      auth,
    };
  }

  private async getAccessToken(options: unknown): Promise<string> {
    this.box.log('auth.getAccessToken', options);
    // Office caches the SSO token; the harness's own (already fetched for the profile) stands in.
    const cached = await this.box.token?.().catch(() => null);
    if (cached) return cached;
    const res = await fetch('/auth/token', {
      method: 'POST',
      credentials: 'include',
      headers: { 'X-Rapport-Request': '1' },
    }).catch(() => null);
    if (res?.status === 401) {
      // Not signed in to the demo: the harness goes through its sign-in and comes back.
      window.location.assign(`/auth/login?returnTo=${encodeURIComponent(harnessReturnTo())}`);
      throw { code: 13001, name: 'User not signed in', message: 'The user is not signed in.' };
    }
    const body = res?.ok ? ((await res.json().catch(() => null)) as { accessToken?: unknown } | null) : null;
    if (typeof body?.accessToken !== 'string')
      throw {
        code: 13003,
        name: 'Unsupported user identity type',
        message: `Could not get a token (${res?.status ?? 'network error'}).`,
      };
    return body.accessToken;
  }

  private displayDialog(url: unknown, a: unknown, b: unknown): void {
    const { options, cb } = splitArgs<unknown>(a, b);
    const o = options as { height?: number; width?: number; asyncContext?: unknown };
    this.box.log('ui.displayDialogAsync', { url });
    let target: URL;
    try {
      target = new URL(String(url), window.location.href);
    } catch {
      this.fail(cb, options, { code: 12003, name: 'Invalid URL', message: 'The dialog URL is not valid.' });
      return;
    }
    if (target.protocol !== 'https:' && target.origin !== window.location.origin) {
      this.fail(cb, options, { code: 12003, name: 'Invalid URL', message: 'Dialogs need HTTPS.' });
      return;
    }
    const w = Math.round((window.screen.availWidth * (o.width ?? 80)) / 100);
    const h = Math.round((window.screen.availHeight * (o.height ?? 80)) / 100);
    const popup = window.open(target.href, 'rapport-office-dialog', `popup,width=${w},height=${h}`);
    if (!popup) {
      this.fail(cb, options, {
        code: 12009,
        name: 'Dialog blocked',
        message: 'The user chose to ignore the dialog box.',
      });
      return;
    }
    const handlers = new Map<string, Set<Handler>>();
    const emit = (type: string, args: Record<string, unknown>) => {
      for (const h of handlers.get(type) ?? []) later(() => h({ type, ...args }), 0);
    };
    const watch = setInterval(() => {
      if (popup.closed) {
        clearInterval(watch);
        emit(EventType.DialogEventReceived, { error: 12006 }); // the user closed the dialog
      }
    }, 250);
    const handle: DialogHandle = {
      receive: (message, origin) => emit(EventType.DialogMessageReceived, { message, origin }),
    };
    pendingDialogs.set(popup, handle);
    const dialog = {
      close: () => {
        clearInterval(watch);
        pendingDialogs.delete(popup);
        popup.close();
      },
      addEventHandler: (type: string, handler: Handler) => {
        if (!handlers.has(type)) handlers.set(type, new Set());
        handlers.get(type)!.add(handler);
      },
      messageChild: (message: string) => popup.postMessage(message, target.origin),
      sendMessage: (message: string) => popup.postMessage(message, target.origin),
    };
    this.ok(cb, options, dialog);
  }
}

/** Dialog windows the pane opened: their own stand-in routes `messageParent` back to the Dialog. */
export const pendingDialogs = new Map<Window, DialogHandle>();

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Where sign-in sends the harness back: its own URL when the sign-in route accepts it. */
export function harnessReturnTo(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return /^\/harness\/[\w\-./?=&%#]*$/.test(here) ? here : '/harness/';
}
