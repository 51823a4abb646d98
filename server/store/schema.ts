import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. Rule for every table that holds user data: its key starts with
 * (tid, oid), and every query filters on both — no user can read another's rows.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in (now()) unless given. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MsalTokenCacheTable {
  partition_key: string;
  ciphertext: Buffer;
  updated_at: DefaultTimestamp;
}

export interface AppUsersTable {
  tid: string;
  oid: string;
  display_name: string | null;
  user_principal_name: string | null;
  first_seen_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
}

export interface SigninSessionsTable {
  /** SHA-256 of the cookie value: a database leak yields no usable session. */
  id: string;
  tid: string;
  oid: string;
  home_account_id: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface SyncStreamsTable {
  tid: string;
  oid: string;
  stream: string;
  next_link: string | null;
  delta_link: string | null;
  window_start: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  window_end: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  phase: Generated<string>;
  rounds: Generated<number>;
  items: Generated<number>;
  skipped: Generated<number>;
  pages: Generated<number>;
  resyncs: Generated<number>;
  last_error: string | null;
  expected_items: number | null;
  round_items: Generated<number>;
  round_started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_synced_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: DefaultTimestamp;
  /** Set while the user's sync is blocked (a ForbiddenReason), cleared by a sync that gets through. */
  blocked_reason: ColumnType<string | null, string | null | undefined, string | null>;
  blocked_detail: ColumnType<string | null, string | null | undefined, string | null>;
  blocked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface InteractionsTable {
  tid: string;
  oid: string;
  stream: string;
  source_type: string;
  source_id: string;
  counterpart: string;
  counterpart_id: string | null;
  kind: string;
  at: Timestamp;
  duration_minutes: number;
  participants: number;
  direction: string;
  owner_is_organizer: boolean;
  response: string | null;
  internal: ColumnType<boolean, boolean | undefined, boolean>;
  subject: string | null;
  conversation_id: ColumnType<string | null, string | null | undefined, string | null>;
  owner_named: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
}

/** Working hours as Graph gives them (`workingHours`), kept whole for scheduling. */
export interface WorkingHours {
  daysOfWeek?: string[];
  startTime?: string;
  endTime?: string;
  timeZone?: { name?: string | null } | null;
}

export interface MailboxSettingsTable {
  tid: string;
  oid: string;
  time_zone: string | null;
  working_hours: ColumnType<WorkingHours | null, string | null, string | null>;
  synced_at: DefaultTimestamp;
}

export interface UserSettingsTable {
  tid: string;
  oid: string;
  settings: ColumnType<Record<string, unknown>, string, string>;
  updated_at: DefaultTimestamp;
}

export interface DirectoryPeopleTable {
  tid: string;
  id: string;
  mail: string | null;
  user_principal_name: string;
  addresses: string[];
  display_name: string | null;
  job_title: string | null;
  department: string | null;
  office_location: string | null;
  manager_id: string | null;
  kind: string;
  account_enabled: boolean;
  synced_at: DefaultTimestamp;
}

export interface TenantDomainsTable {
  tid: string;
  domain: string;
}

export interface StakeholdersTable {
  tid: string;
  oid: string;
  address: string;
  person_id: string | null;
  status: ColumnType<string, string | undefined, string>;
  function_override: string | null;
  why: string | null;
  role_tag: string | null;
  priorities: string | null;
  challenges: string | null;
  notes: string | null;
  self_rating: number | null;
  cadence_days: number | null;
  tension: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AppreciationsTable {
  tid: string;
  oid: string;
  id: Generated<string>;
  address: string;
  at: DefaultTimestamp;
  note: string;
}

export interface MapSnapshotsTable {
  tid: string;
  oid: string;
  month: string;
  model_version: string;
  payload: ColumnType<unknown, string, string>;
  created_at: DefaultTimestamp;
}

type Instant = ColumnType<Date, Date | string, Date | string>;
type NullableInstant = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export interface SuggestionsTable {
  tid: string;
  oid: string;
  id: Generated<string>;
  week: string;
  address: string;
  person: Json<unknown>;
  kind: string;
  source: string;
  why: string;
  duration_minutes: number;
  slots: Json<unknown>;
  their_time_zone: string | null;
  preview: Json<unknown>;
  rank: number;
  state: Generated<string>;
  snoozed_until: NullableInstant;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SuggestionHoldsTable {
  tid: string;
  oid: string;
  address: string;
  until: NullableInstant;
  created_at: DefaultTimestamp;
}

export interface InvitesTable {
  tid: string;
  oid: string;
  id: Generated<string>;
  suggestion_id: string | null;
  address: string;
  display_name: string;
  kind: string;
  start_at: Instant;
  end_at: Instant;
  transaction_id: string;
  state: string;
  event_id: string | null;
  response: Generated<string>;
  proposed_start: NullableInstant;
  happened: boolean | null;
  auto: Generated<boolean>;
  created_at: DefaultTimestamp;
  sent_at: NullableInstant;
  checked_at: NullableInstant;
}

export interface BringSuggestionsTable {
  tid: string;
  oid: string;
  id: Generated<string>;
  week: string;
  event_id: string;
  meeting: Json<unknown>;
  colleague: Json<unknown>;
  why: string;
  state: Generated<string>;
  created_at: DefaultTimestamp;
}

export interface SuggestionRunsTable {
  tid: string;
  oid: string;
  week: string;
  time_zone: string;
  notice: string | null;
  prepared_at: DefaultTimestamp;
  tracked_at: DefaultTimestamp;
}

export interface TenantSettingsTable {
  tid: string;
  settings: Json<Record<string, unknown>>;
  updated_at: DefaultTimestamp;
}

export interface Schema {
  msal_token_cache: MsalTokenCacheTable;
  app_users: AppUsersTable;
  signin_sessions: SigninSessionsTable;
  sync_streams: SyncStreamsTable;
  interactions: InteractionsTable;
  directory_people: DirectoryPeopleTable;
  tenant_domains: TenantDomainsTable;
  mailbox_settings: MailboxSettingsTable;
  user_settings: UserSettingsTable;
  stakeholders: StakeholdersTable;
  appreciations: AppreciationsTable;
  map_snapshots: MapSnapshotsTable;
  suggestions: SuggestionsTable;
  suggestion_holds: SuggestionHoldsTable;
  invites: InvitesTable;
  bring_suggestions: BringSuggestionsTable;
  suggestion_runs: SuggestionRunsTable;
  tenant_settings: TenantSettingsTable;
}
