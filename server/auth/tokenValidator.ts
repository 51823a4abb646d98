import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { HttpError } from '../http/problem';
import { AuthError } from './errors';
import type { AuthenticatedUser } from './types';

/**
 * Validates Entra v2 access tokens for the Rapport API (FACTS.md §10): RS256 signature by `kid` from
 * the issuer's keys, issuer exactly `{authority}/{tid}/v2.0` for the token's own tenant, audience,
 * lifetime, the `access_as_user` scope, and a tenant allow-list checked before any network call.
 */
export interface TokenValidatorOptions {
  authorityHost: string;
  audiences: string[];
  allowedTenants: string[];
  requiredScope: string;
  clockToleranceSec?: number;
  /** Minimum time between JWKS refetches on an unknown kid (jose's cooldown). */
  jwksCooldownMs?: number;
  realm?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const metadataSchema = z.object({ issuer: z.string(), jwks_uri: z.url() });
const METADATA_TTL_MS = 24 * 3600 * 1000;

export interface TokenValidator {
  validate(token: string): Promise<AuthenticatedUser>;
}

export function createTokenValidator(opts: TokenValidatorOptions): TokenValidator {
  const realm = opts.realm ?? 'rapport';
  const allowed = new Set(opts.allowedTenants.map((t) => t.toLowerCase()));
  const tenants = new Map<
    string,
    { at: number; issuer: string; jwks: ReturnType<typeof createRemoteJWKSet> }
  >();
  const fail = (description: string) => new AuthError(401, 'invalid_token', description, realm);

  async function tenantKeys(tid: string) {
    const cached = tenants.get(tid);
    if (cached && Date.now() - cached.at < METADATA_TTL_MS) return cached;
    let res: Response;
    try {
      res = await fetch(`${opts.authorityHost}/${tid}/v2.0/.well-known/openid-configuration`);
    } catch {
      // The identity provider is unreachable: not the caller's fault, and worth retrying.
      throw new HttpError(503, {
        title: 'Identity provider unreachable',
        code: 'idp_unreachable',
        detail: 'Could not fetch the signing keys of the token issuer; try again shortly.',
      });
    }
    if (!res.ok) throw fail('the token issuer could not be verified');
    const meta = metadataSchema.parse(await res.json());
    const entry = {
      at: Date.now(),
      issuer: meta.issuer.replace('{tenantid}', tid),
      jwks: createRemoteJWKSet(new URL(meta.jwks_uri), {
        cooldownDuration: opts.jwksCooldownMs ?? 30_000,
        cacheMaxAge: METADATA_TTL_MS,
      }),
    };
    tenants.set(tid, entry);
    return entry;
  }

  // Tokens already verified, until they expire: a pane asking for several cards in a row, or a
  // tab loading its views, verifies one token once. Keyed by the exact token string, so nothing
  // but the very token that passed every check can hit it.
  const verified = new Map<string, { user: AuthenticatedUser; expMs: number }>();
  const MAX_VERIFIED = 10_000;

  return {
    async validate(token) {
      const hit = verified.get(token);
      if (hit) {
        if (Date.now() < hit.expMs) return hit.user;
        verified.delete(token);
      }
      const user = await verify(token);
      const exp = Number(decodeJwt(token).exp) * 1000;
      if (Number.isFinite(exp)) {
        if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
        verified.set(token, { user, expMs: exp });
      }
      return user;
    },
  };

  async function verify(token: string): Promise<AuthenticatedUser> {
    let tid: string;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== 'RS256' || !header.kid) throw fail('unsupported token header');
      tid = String(decodeJwt(token).tid ?? '');
    } catch (err) {
      if (err instanceof AuthError) throw err;
      throw fail('the token is malformed');
    }
    if (!GUID.test(tid)) throw fail('the token has no valid tenant id');
    if (!allowed.has(tid.toLowerCase())) throw fail("the token's tenant is not allowed to use this app");
    const expectedIssuer = `${opts.authorityHost}/${tid}/v2.0`;
    const keys = await tenantKeys(tid);
    if (keys.issuer !== expectedIssuer) throw fail('the token issuer could not be verified');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys.jwks, {
        issuer: expectedIssuer,
        audience: opts.audiences,
        algorithms: ['RS256'],
        clockTolerance: opts.clockToleranceSec ?? 60,
        requiredClaims: ['exp', 'nbf', 'oid', 'tid'],
      }));
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_JOSE_GENERIC' || err instanceof TypeError) {
        throw new HttpError(503, {
          title: 'Identity provider unreachable',
          code: 'idp_unreachable',
          detail: 'Could not fetch the signing keys of the token issuer; try again shortly.',
        });
      }
      if (err instanceof joseErrors.JWTExpired) throw fail('the token has expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed)
        throw fail(`the token's ${err.claim} claim is not valid`);
      if (err instanceof joseErrors.JWKSNoMatchingKey) throw fail('the token was signed with an unknown key');
      if (err instanceof joseErrors.JWSSignatureVerificationFailed)
        throw fail('the token signature is invalid');
      throw fail('the token could not be validated');
    }
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
    if (!scopes.includes(opts.requiredScope)) {
      throw new AuthError(
        403,
        'insufficient_scope',
        `the token lacks the ${opts.requiredScope} scope`,
        realm,
      );
    }
    const oid = String(payload.oid);
    if (!GUID.test(oid)) throw fail('the token has no valid object id');
    return {
      tid: tid.toLowerCase(),
      oid: oid.toLowerCase(),
      name: typeof payload.name === 'string' ? payload.name : null,
      preferredUsername: typeof payload.preferred_username === 'string' ? payload.preferred_username : null,
      scopes,
      assertion: token,
    };
  }
}
