/**
 * The dev tenant's data model: a generated (or imported) organisation, its mailboxes, and the
 * latent truth behind the generated history. Shapes follow Microsoft Graph v1.0 resources so the
 * HTTP layer can serve them with little translation.
 *
 * Producers: `org/generate.ts` (synthetic organisation) and `import/jsonl.ts` (Graph-shaped JSONL,
 * e.g. the Enron data). Consumer: `mailbox/store.ts` (mutable per-mailbox state with a change log),
 * which the Graph HTTP layer in `graph/` serves.
 */

/**
 * The functions (departments) of a generated organisation: the generator's own vocabulary, kept
 * here rather than borrowed from the insights' classifier, because the dev tenant shares no code
 * with what it is used to judge. Same names and order as the template's list, without a catch-all.
 */
export const FUNCTIONS = [
  'Executives',
  'Sales',
  'Sales Ops',
  'Demand Gen/BDR',
  'Marketing',
  'Product',
  'Engineering',
  'Customer Service',
  'Finance',
  'Legal',
  'HR',
  'Recruiting',
  'IT',
  'Operations',
  'Purchasing',
] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

export interface EmailAddress {
  name: string;
  address: string;
}
export interface Recipient {
  emailAddress: EmailAddress;
}

/** A transition of a custom time zone: "the 2nd Sunday of March at 02:00" (dayOccurrence 5 = last). */
export interface TimeZoneTransition {
  time: string; // '02:00:00.0000000'
  dayOccurrence: number;
  dayOfWeek: string; // 'sunday' …
  month: number; // 1–12; 0 = no transition
  year: number; // 0 = every year
}

/**
 * Graph's customTimeZone (resources/customtimezone.md): `bias` is the minutes added to local
 * standard time to get UTC (Pacific: 480); daylight time adds `daylightBias` (usually -60).
 */
export interface CustomTimeZone {
  '@odata.type': '#microsoft.graph.customTimeZone';
  bias: number;
  name: string;
  standardOffset: TimeZoneTransition;
  daylightOffset: TimeZoneTransition & { daylightBias: number };
}

export interface WorkingHours {
  daysOfWeek: string[]; // 'monday' …
  startTime: string; // '08:00:00.0000000'
  endTime: string; // '17:00:00.0000000'
  /** A Windows (or IANA) name, e.g. 'Pacific Standard Time', or a custom definition. */
  timeZone: { name: string } | CustomTimeZone;
}

export interface MailboxSettings {
  timeZone: string; // Windows name
  workingHours: WorkingHours;
  language: { locale: string; displayName: string };
  dateFormat: string;
  timeFormat: string;
  userPurpose: 'user' | 'room' | 'equipment' | 'shared' | 'linked';
}

export interface DirectoryUser {
  id: string; // GUID, the user's object id (`oid`)
  userPrincipalName: string;
  mail: string | null;
  /** 'SMTP:primary' and 'smtp:alias' entries, as Graph returns them. */
  proxyAddresses: string[];
  displayName: string;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  businessPhones: string[];
  mobilePhone: string | null;
  preferredLanguage: string | null;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  managerId: string | null;
  mailboxSettings: MailboxSettings;
  /** Not served by Graph: the generator's own label, for scoring the function classifier. */
  truthFunction?: FunctionName;
  /** Not served by Graph: people to offer on the dev tenant's sign-in page first. */
  demoPersona?: string;
}

export interface OrganizationInfo {
  id: string; // tenant id (`tid`)
  displayName: string;
  verifiedDomains: Array<{
    name: string;
    isDefault: boolean;
    isInitial: boolean;
    capabilities: string;
    type: string;
  }>;
  /** Not served: domains of customers and partners that appear in mail and meetings. */
  externalDomains: string[];
}

export type ResponseType =
  'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface Attendee {
  emailAddress: EmailAddress;
  type: 'required' | 'optional' | 'resource';
  status: { response: ResponseType; time: string };
  /** The attendee's counter-proposal (Graph's timeSlot, UTC wall times), on the organizer's copy. */
  proposedNewTime?: { start: string; end: string } | null;
}

/** One meeting as the organizer sees it; each attendee's copy differs only in id and responseStatus. */
export interface CalendarEvent {
  /** Stable logical id; per-mailbox Graph ids are derived from it by the store. */
  uid: string;
  iCalUId: string;
  subject: string;
  start: string; // ISO instant, UTC, e.g. '2026-03-02T17:00:00.000Z'
  end: string;
  originalStartTimeZone: string; // Windows name
  originalEndTimeZone: string;
  isAllDay: boolean;
  isCancelled: boolean;
  showAs: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  type: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  /** Logical uid of the series master for occurrences and exceptions. */
  seriesMasterUid: string | null;
  organizer: EmailAddress;
  attendees: Attendee[];
  location: { displayName: string; locationType: string };
  isOnlineMeeting: boolean;
  onlineMeetingProvider: 'teamsForBusiness' | 'unknown';
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential';
  importance: 'low' | 'normal' | 'high';
  responseRequested: boolean;
  /** Default true (resources/event.md). */
  allowNewTimeProposals?: boolean;
  /** The body as the organizer wrote it; absent for generated events (served as an empty body). */
  body?: { contentType: 'text' | 'html'; content: string };
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** Graph's patternedRecurrence, on series masters created through the API. */
  recurrence?: Record<string, unknown> | null;
  /** Not served: why the generator made it (one-on-one, team, all-hands, customer, lunch, ooo …). */
  kind?: string;
}

export type MailFolderName = 'inbox' | 'sentitems' | 'archive' | 'deleteditems';

export interface MailMessage {
  /** Stable logical id; each mailbox's copy gets its own Graph id from the store. */
  uid: string;
  internetMessageId: string;
  conversationId: string;
  subject: string;
  from: Recipient;
  sender: Recipient;
  toRecipients: Recipient[];
  ccRecipients: Recipient[];
  bccRecipients: Recipient[];
  replyTo: Recipient[];
  sentDateTime: string; // ISO instant, UTC
  receivedDateTime: string;
  hasAttachments: boolean;
  importance: 'low' | 'normal' | 'high';
  isDraft: boolean;
  /** Not served: why the generator made it (thread, reply, newsletter, notification …). */
  kind?: string;
}

export interface MailboxMessage {
  message: MailMessage;
  folder: MailFolderName;
  isRead: boolean;
}

/** The latent truth of one directed pair (owner → counterpart): what insights are scored against. */
export interface TieTruth {
  ownerId: string;
  counterpartId: string;
  /** Latent strength 0..1 per month, oldest first, ending with the month of `now`. */
  monthly: number[];
  trend: 'growing' | 'cooling' | 'stable' | 'never';
  /** Confounders that make raw counts mislead for this pair (e.g. 'big-recurring', 'cc-heavy', 'assistant'). */
  confounders: string[];
}

/** Everything the dev tenant serves, before any mutation. */
export interface TenantData {
  org: OrganizationInfo;
  users: DirectoryUser[];
  /** Calendar and mail of one mailbox (by user id); deterministic, computed on demand and cached by the caller. */
  mailbox(userId: string): { events: CalendarEvent[]; messages: MailboxMessage[] };
  /** Latent ties of one owner (empty for imported data, which has no truth). */
  truth(ownerId: string): TieTruth[];
  /** The instant the history ends ("now" for the generated organisation). */
  now: Date;
  /** Not served: the generated senders that are machines, and the shared mailbox that is a colleague. */
  machines?: { automated: string[]; colleagues: string[] };
}
