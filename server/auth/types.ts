/** The caller of the Rapport API, established from a validated Entra access token. */
export interface AuthenticatedUser {
  /** Tenant id (`tid`): part of every data key. */
  tid: string;
  /** Object id (`oid`): the user's id in the tenant, equal to Graph's user id. */
  oid: string;
  /** Display name and sign-in name: mutable, for display only, never for authorisation. */
  name: string | null;
  preferredUsername: string | null;
  /** Delegated scopes granted to the API (`scp`, space-separated in the token). */
  scopes: string[];
  /** The raw bearer token: only ever used as the on-behalf-of assertion, never logged. */
  assertion: string;
}

declare module 'express-serve-static-core' {
  interface Locals {
    user?: AuthenticatedUser;
  }
}

/**
 * Where the encrypted MSAL token cache lives between requests and across restarts, one blob per
 * partition (a user's home account id). Implemented in memory for tests and over PostgreSQL
 * (`store/tokenCacheRepository.ts`, table `msal_token_cache`). Blobs are ciphertext already.
 */
export interface TokenCacheStore {
  load(partitionKey: string): Promise<Buffer | null>;
  save(partitionKey: string, ciphertext: Buffer): Promise<void>;
  delete(partitionKey: string): Promise<void>;
}
