/**
 * The exact subset of Office.js the Outlook pane uses, typed structurally so that real office.js,
 * the demo harness's stand-in (`window.parent.RapportOfficeStandIn`) and office-addin-mock all fit.
 * Anything not listed here the pane never touches; a stand-in implements exactly this.
 */
export interface OfficeError {
  code: number;
  name?: string;
  message: string;
}
export interface AsyncResultLike<T> {
  status: string; // Office.AsyncResultStatus: 'succeeded' | 'failed'
  value: T;
  error?: OfficeError | null;
}
export type AsyncCallback<T> = (result: AsyncResultLike<T>) => void;

/** Office.EmailAddressDetails: only these fields are read. */
export interface EmailAddressDetailsLike {
  emailAddress?: string | null;
  displayName?: string | null;
  /** Office.MailboxEnums.RecipientType: 'user' | 'externalUser' | 'distributionList' | 'other'. */
  recipientType?: string | null;
}

/** Office.Recipients (compose): read, and add (bring a colleague to a meeting). */
export interface RecipientsLike {
  getAsync(callback: AsyncCallback<EmailAddressDetailsLike[]>): void;
  addAsync?(
    recipients: Array<{ emailAddress: string; displayName?: string }>,
    callback: AsyncCallback<void>,
  ): void;
}
/** Office.Time (compose appointment start/end). */
export interface TimeLike {
  getAsync(callback: AsyncCallback<Date>): void;
}

type People = EmailAddressDetailsLike[] | RecipientsLike;

/** Office.context.mailbox.item: a message or appointment, in read or compose mode. */
export interface ItemLike {
  /** Office.MailboxEnums.ItemType: 'message' | 'appointment'. */
  itemType?: string;
  from?: EmailAddressDetailsLike | null;
  organizer?: EmailAddressDetailsLike | object | null;
  to?: People;
  cc?: People;
  bcc?: People;
  requiredAttendees?: People;
  optionalAttendees?: People;
  start?: Date | TimeLike;
  end?: Date | TimeLike;
  addHandlerAsync?(eventType: string, handler: (arg?: unknown) => void, callback?: AsyncCallback<void>): void;
}

export interface MailboxLike {
  item: ItemLike | null | undefined;
  userProfile?: { emailAddress?: string | null } | null;
  addHandlerAsync?(eventType: string, handler: (arg?: unknown) => void, callback?: AsyncCallback<void>): void;
}

export interface DialogLike {
  addEventHandler(eventType: string, handler: (arg: { message?: string; error?: number }) => void): void;
  close(): void;
}

export interface OfficeLike {
  onReady(): Promise<{ host: string | null; platform?: string | null }>;
  HostType: { Outlook: string };
  EventType?: {
    ItemChanged?: string;
    RecipientsChanged?: string;
    DialogMessageReceived?: string;
    DialogEventReceived?: string;
  };
  AsyncResultStatus?: { Succeeded?: string };
  context: {
    mailbox?: MailboxLike | null;
    officeTheme?: { bodyBackgroundColor?: string } | null;
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean } | null;
    ui?: {
      displayDialogAsync?(
        url: string,
        options: { height: number; width: number; promptBeforeOpen?: boolean },
        callback: AsyncCallback<DialogLike>,
      ): void;
      messageParent?(message: string): void;
    } | null;
  };
  auth?: {
    getAccessToken(options: {
      allowSignInPrompt?: boolean;
      allowConsentPrompt?: boolean;
      forMSGraphAccess?: boolean;
    }): Promise<string>;
  } | null;
}

/** office.js's enum values, for a stand-in or mock that leaves an enum out. */
export const EVENT = {
  ItemChanged: 'olkItemSelectedChanged',
  RecipientsChanged: 'olkRecipientsChanged',
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
} as const;

export const eventType = (office: OfficeLike, name: keyof typeof EVENT): string =>
  office.EventType?.[name] ?? EVENT[name];

export const succeeded = (office: OfficeLike, r: AsyncResultLike<unknown>): boolean =>
  r.status === (office.AsyncResultStatus?.Succeeded ?? 'succeeded');

/** An Office async call as a promise: rejects with the call's error (code and message). */
export function call<T>(office: OfficeLike, start: (cb: AsyncCallback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      start((r) => {
        if (succeeded(office, r)) resolve(r.value);
        else
          reject(Object.assign(new Error(r.error?.message ?? 'Office call failed'), { code: r.error?.code }));
      });
    } catch (err) {
      reject(err);
    }
  });
}

/**
 * Outlook on the web and new Outlook allow 3 async calls in flight per add-in: every getAsync and
 * addAsync the pane makes goes through one of these.
 */
export function createLimiter(max = 3) {
  let active = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    if (active >= max) return;
    const go = waiting.shift();
    if (go) {
      active++;
      go();
    }
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              active--;
              next();
            });
        });
        next();
      });
    },
    get active() {
      return active;
    },
  };
}
export type Limiter = ReturnType<typeof createLimiter>;
