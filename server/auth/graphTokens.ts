import { InteractionRequiredAuthError } from '@azure/msal-node';
import type { Logger } from '../logger';
import { ConsentRequiredError, InteractionRequiredError } from './errors';
import { createMsalClient } from './msalClient';
import { PersistedMsalCache } from './persistedMsalCache';
import type { AuthenticatedUser, TokenCacheStore } from './types';

/**
 * Graph tokens for a user, from one MSAL ConfidentialClientApplication for the whole process.
 *
 * - In a request: on-behalf-of the user's API token (the OBO flow).
 * - Later, without the user (background sync): silently, from the refresh token MSAL cached.
 *
 * MSAL's in-memory cache is shared; each user's slice of it (account, id token, access and refresh
 * tokens, all keyed by home account id `oid.tid`) is persisted encrypted in a `TokenCacheStore`
 * partition of its own after every change, and merged back after a restart. Reading and writing
 * the shared cache happens in synchronous blocks, so concurrent users never see each other's state.
 */
export interface GraphTokenProviderOptions {
  clientId: string;
  clientSecret: string;
  /** e.g. https://login.microsoftonline.com, or the dev tenant's origin. */
  authorityHost: string;
  /** The app's home tenant (the default authority). */
  tenantId: string;
  cache: TokenCacheStore;
  /** 32 bytes. */
  encryptionKey: Buffer;
  logger?: Logger;
  /** Retries after a consent the user just gave, while it propagates (Teams docs: 3 tries from 1 s). */
  consentRetry?: { attempts: number; firstDelayMs: number };
}

export interface GraphTokenProvider {
  onBehalfOf(user: AuthenticatedUser, scopes: string[], opts?: { justConsented?: boolean }): Promise<string>;
  silent(tid: string, oid: string, scopes: string[]): Promise<string>;
  forget(tid: string, oid: string): Promise<void>;
}

export const homeAccountId = (tid: string, oid: string) => `${oid}.${tid}`;

function errorCodes(err: unknown): { code: string; sub: string; claims?: string } {
  const e = err as { errorCode?: string; subError?: string; claims?: string };
  return { code: e.errorCode ?? '', sub: e.subError ?? '', claims: e.claims };
}

export function createGraphTokenProvider(opts: GraphTokenProviderOptions): GraphTokenProvider {
  const msal = createMsalClient(opts);
  const tokenCache = msal.getTokenCache();
  const persisted = new PersistedMsalCache(tokenCache, opts.cache, opts.encryptionKey, 'graph', opts.logger);

  function mapError(err: unknown, scopes: string[]): unknown {
    const { code, sub, claims } = errorCodes(err);
    if (sub === 'consent_required' || code === 'consent_required') return new ConsentRequiredError(scopes);
    if (
      err instanceof InteractionRequiredAuthError ||
      code === 'interaction_required' ||
      code === 'invalid_grant'
    ) {
      return new InteractionRequiredError(claims);
    }
    return err;
  }

  const retry = opts.consentRetry ?? { attempts: 3, firstDelayMs: 1000 };

  return {
    async onBehalfOf(user, scopes, o = {}) {
      const home = homeAccountId(user.tid, user.oid);
      await persisted.restore(home);
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await msal.acquireTokenOnBehalfOf({
            oboAssertion: user.assertion,
            scopes,
            authority: `${opts.authorityHost}/${user.tid}`,
          });
          if (!result?.accessToken) throw new Error('MSAL returned no access token');
          await persisted.persist(home);
          return result.accessToken;
        } catch (err) {
          const mapped = mapError(err, scopes);
          const propagating =
            o.justConsented &&
            (mapped instanceof ConsentRequiredError || mapped instanceof InteractionRequiredError);
          if (!propagating || attempt >= retry.attempts) throw mapped;
          await new Promise((r) => setTimeout(r, retry.firstDelayMs * 2 ** (attempt - 1)));
        }
      }
    },

    async silent(tid, oid, scopes) {
      const home = homeAccountId(tid, oid);
      await persisted.restore(home);
      const account = await tokenCache.getAccountByHomeId(home);
      if (!account) throw new InteractionRequiredError(undefined);
      try {
        const result = await msal.acquireTokenSilent({
          account,
          scopes,
          authority: `${opts.authorityHost}/${tid}`,
        });
        if (!result?.accessToken) throw new Error('MSAL returned no access token');
        await persisted.persist(home);
        return result.accessToken;
      } catch (err) {
        throw mapError(err, scopes);
      }
    },

    async forget(tid, oid) {
      await persisted.forget(homeAccountId(tid, oid));
    },
  };
}

/** In-memory `TokenCacheStore` for tests and single-process tools. */
export class MemoryTokenCacheStore implements TokenCacheStore {
  readonly blobs = new Map<string, Buffer>();
  async load(k: string) {
    return this.blobs.get(k) ?? null;
  }
  async save(k: string, v: Buffer) {
    this.blobs.set(k, v);
  }
  async delete(k: string) {
    this.blobs.delete(k);
  }
}
