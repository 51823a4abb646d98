import {
  AsyncResultStatus,
  Callback,
  ComposeAppointment,
  ComposeMessage,
  DialogHandle,
  EMAIL,
  EventType,
  Handler,
  HostType,
  Item,
  MAX_RECIPIENTS,
  MailboxEnums,
  OFFICE_THEMES,
  OfficeError,
  PlatformType,
  Recipient,
  RecipientField,
  SUPPORTED,
  VERSION,
  cloneRecipients,
  compareVersions,
  later,
  splitArgs,
} from './officeTypes';
import { openDialog, standInToken } from './officeDialogs';
import type { Mailbox } from './officeStandIn';

/** `Office` for one pane load: the API surface, bound to the mailbox. */
export class OfficeInstance {
  private readonly mailboxHandlers = new Map<string, Set<Handler>>();
  /** Item-level handlers, keyed by the item they were added on (they die with it). */
  private readonly itemHandlers = new WeakMap<Item, Map<string, Set<Handler>>>();
  private readonly wrappers = new WeakMap<Item, object>();
  private readonly firstGet = new WeakSet<Item>();
  readonly api: Record<string, unknown>;

  constructor(
    readonly box: Mailbox,
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
  ok<T>(cb: Callback<T> | undefined, options: { asyncContext?: unknown }, value: T, ms = 4): void {
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
  fail(cb: Callback<unknown> | undefined, options: { asyncContext?: unknown }, error: OfficeError): void {
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

  private getAccessToken(options: unknown): Promise<string> {
    return standInToken(this.box, options);
  }

  private displayDialog(url: unknown, a: unknown, b: unknown): void {
    openDialog(this, url, a, b);
  }
}
