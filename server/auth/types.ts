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
