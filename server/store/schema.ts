import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. Rule for every table that holds user data: its key starts with
 * (tid, oid), and every query filters on both — no user can read another's rows.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface MsalTokenCacheTable {
  partition_key: string;
  ciphertext: Buffer;
  updated_at: Generated<Timestamp>;
}

export interface AppUsersTable {
  tid: string;
  oid: string;
  display_name: string | null;
  user_principal_name: string | null;
  first_seen_at: Generated<Timestamp>;
  last_seen_at: Generated<Timestamp>;
}

export interface SigninSessionsTable {
  /** SHA-256 of the cookie value: a database leak yields no usable session. */
  id: string;
  tid: string;
  oid: string;
  home_account_id: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface Schema {
  msal_token_cache: MsalTokenCacheTable;
  app_users: AppUsersTable;
  signin_sessions: SigninSessionsTable;
}
