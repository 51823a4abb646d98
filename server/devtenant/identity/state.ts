import type { DirectoryUser } from '../model';
import type { KeyRing } from './keys';
import type { AppRegistration, IdentityOptions } from './options';

/**
 * What the identity routes share: the tenant, its users and apps, the signing keys, the clock,
 * and what sign-ins leave behind — authorization codes, refresh tokens, withdrawn consent and
 * users who must pass MFA.
 */

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  codeChallenge: string | null;
  nonce: string | null;
  expiresAt: number;
}
export interface RefreshGrant {
  clientId: string;
  userId: string;
}

export interface IdentityState {
  opts: IdentityOptions;
  keys: KeyRing;
  clock: () => Date;
  /** Access-token lifetime, seconds. */
  lifetime: number;
  tid: string;
  tenantName: string;
  /** The v2 issuer of a tenant, as in `iss` of id and API tokens. */
  issuer(t: string): string;
  /** The v1 issuer Graph tokens carry. */
  graphIssuer: string;
  users: Map<string, DirectoryUser>;
  apps: Map<string, AppRegistration>;
  codes: Map<string, AuthCode>;
  refreshTokens: Map<string, RefreshGrant>;
  /** userId → Graph scopes (lower case) whose consent was withdrawn. */
  revoked: Map<string, Set<string>>;
  mfaRequired: Set<string>;
  /** Seconds since the epoch on the dev tenant's clock. */
  now(): number;
}

export function createIdentityState(opts: IdentityOptions, keys: KeyRing): IdentityState {
  const clock = opts.clock ?? (() => new Date());
  const tid = opts.data.org.id;
  return {
    opts,
    keys,
    clock,
    lifetime: opts.accessTokenSeconds ?? 3600 + 900,
    tid,
    tenantName: opts.data.org.displayName,
    issuer: (t) => `${opts.issuerOrigin}/${t}/v2.0`,
    graphIssuer: `https://sts.windows.net/${tid}/`,
    users: new Map(opts.data.users.map((u) => [u.id, u])),
    apps: new Map(opts.apps.map((a) => [a.clientId, a])),
    codes: new Map(),
    refreshTokens: new Map(),
    revoked: new Map(),
    mfaRequired: new Set(),
    now: () => Math.floor(clock().getTime() / 1000),
  };
}
