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
/** `no-sso`: Office SSO is unavailable (error 13012, as on some clients): the pane falls back to the dialog. */
export type Quirk = 'late-item' | 'empty-first' | 'strict-concurrency' | 'no-sso';
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
export const HostType = {
  Outlook: 'Outlook',
  Word: 'Word',
  Excel: 'Excel',
  PowerPoint: 'PowerPoint',
} as const;
export const PlatformType = {
  OfficeOnline: 'OfficeOnline',
  PC: 'PC',
  Mac: 'Mac',
  iOS: 'iOS',
  Android: 'Android',
};
export const MailboxEnums = {
  ItemType: { Message: 'message', Appointment: 'appointment' },
  RecipientType: {
    DistributionList: 'distributionList',
    User: 'user',
    ExternalUser: 'externalUser',
    Other: 'other',
  },
} as const;

/** The Outlook add-in API version the stand-in plays: Outlook on the web, Mailbox 1.13. */
export const SUPPORTED: Record<string, string> = {
  mailbox: '1.13',
  identityapi: '1.3',
  dialogapi: '1.2',
  nestedappauth: '', // not supported: the pane falls back to Office SSO (getAccessToken)
};
export const VERSION = '16.0.18000.10000';
/** documented limit for setAsync/addAsync per field. */
export const MAX_RECIPIENTS = 100;
export const EMAIL = /^[^\s@;,<>"]+@[^\s@;,<>"]+\.[^\s@;,<>"]+$/;

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
export type Callback<T> = (r: AsyncResult<T>) => void;

export interface StandInCall {
  api: string;
  at: number;
  detail?: unknown;
}

export interface Listener {
  onChange(): void;
}

export const later = (fn: () => void, ms = 4) => setTimeout(fn, ms);
export const cloneRecipients = (xs: Recipient[]) => xs.map((r) => ({ ...r }));

/** `(options?, callback?)`, as every Office async method takes them. */
export function splitArgs<T>(
  a: unknown,
  b: unknown,
): { options: { asyncContext?: unknown }; cb?: Callback<T> } {
  if (typeof a === 'function') return { options: {}, cb: a as Callback<T> };
  return {
    options: a && typeof a === 'object' ? (a as { asyncContext?: unknown }) : {},
    cb: typeof b === 'function' ? (b as Callback<T>) : undefined,
  };
}

export interface DialogHandle {
  receive(message: string, origin: string): void;
}

export type Handler = (args: unknown) => void;

/** Dialog windows the pane opened: their own stand-in routes `messageParent` back to the Dialog. */
export const pendingDialogs = new Map<Window, DialogHandle>();

export function compareVersions(a: string, b: string): number {
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
