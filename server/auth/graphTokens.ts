import { createHash } from 'node:crypto';
import { ConfidentialClientApplication, InteractionRequiredAuthError, LogLevel } from '@azure/msal-node';
import type { Logger } from '../logger';
import { decryptCache, encryptCache } from './cacheCrypto';
import { ConsentRequiredError, InteractionRequiredError } from './errors';
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

type CacheSection = Record<string, { home_account_id?: string }>;
type SerializedCache = Record<string, CacheSection>;

const MICROSOFT_AUTHORITY_HOSTS = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'];

export const homeAccountId = (tid: string, oid: string) => `${oid}.${tid}`;

function errorCodes(err: unknown): { code: string; sub: string; claims?: string } {
  const e = err as { errorCode?: string; subError?: string; claims?: string };
  return { code: e.errorCode ?? '', sub: e.subError ?? '', claims: e.claims };
}

export function createGraphTokenProvider(opts: GraphTokenProviderOptions): GraphTokenProvider {
  if (opts.encryptionKey.length !== 32) throw new Error('the token cache key must be 32 bytes');
  const host = new URL(opts.authorityHost).host;
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      authority: `${opts.authorityHost}/${opts.tenantId}`,
      // Outside Microsoft's clouds (the dev tenant, a sovereign proxy) MSAL must be told to trust the host.
      ...(MICROSOFT_AUTHORITY_HOSTS.includes(host) ? {} : { knownAuthorities: [host] }),
    },
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) => {
          if (level <= LogLevel.Warning) opts.logger?.warn({ msal: message });
        },
      },
    },
  });
  const tokenCache = msal.getTokenCache();
  const persistedHash = new Map<string, string>();
  const loaded = new Set<string>();

  /** This user's slice of the shared cache, as serialized JSON. */
  function sliceOf(home: string): string {
    const all = JSON.parse(tokenCache.serialize()) as SerializedCache;
    const slice: SerializedCache = {};
    for (const [section, entries] of Object.entries(all)) {
      if (section === 'AppMetadata') {
        slice[section] = entries;
        continue;
      }
      slice[section] = Object.fromEntries(Object.entries(entries).filter(([, v]) => v.home_account_id === home));
    }
    return JSON.stringify(slice);
  }

  async function persist(home: string): Promise<void> {
    const slice = sliceOf(home);
    const digest = createHash('sha256').update(slice).digest('hex');
    if (persistedHash.get(home) === digest) return;
    await opts.cache.save(home, encryptCache(opts.encryptionKey, home, slice));
    persistedHash.set(home, digest);
  }

  /** Merges a persisted slice into the shared cache (after a restart, or on another instance). */
  async function restore(home: string): Promise<void> {
    if (loaded.has(home)) return;
    const blob = await opts.cache.load(home);
    loaded.add(home);
    if (!blob) return;
    let slice: SerializedCache;
    try {
      slice = JSON.parse(decryptCache(opts.encryptionKey, home, blob)) as SerializedCache;
    } catch {
      opts.logger?.warn({ partition: home }, 'a persisted token cache could not be decrypted; ignoring it');
      return;
    }
    const all = JSON.parse(tokenCache.serialize()) as SerializedCache;
    for (const [section, entries] of Object.entries(slice)) all[section] = { ...(all[section] ?? {}), ...entries };
    tokenCache.deserialize(JSON.stringify(all));
  }

  function mapError(err: unknown, scopes: string[]): unknown {
    const { code, sub, claims } = errorCodes(err);
    if (sub === 'consent_required' || code === 'consent_required') return new ConsentRequiredError(scopes);
    if (err instanceof InteractionRequiredAuthError || code === 'interaction_required' || code === 'invalid_grant') {
      return new InteractionRequiredError(claims);
    }
    return err;
  }

  const retry = opts.consentRetry ?? { attempts: 3, firstDelayMs: 1000 };

  return {
    async onBehalfOf(user, scopes, o = {}) {
      const home = homeAccountId(user.tid, user.oid);
      await restore(home);
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await msal.acquireTokenOnBehalfOf({
            oboAssertion: user.assertion,
            scopes,
            authority: `${opts.authorityHost}/${user.tid}`,
          });
          if (!result?.accessToken) throw new Error('MSAL returned no access token');
          await persist(home);
          return result.accessToken;
        } catch (err) {
          const mapped = mapError(err, scopes);
          const propagating = o.justConsented && (mapped instanceof ConsentRequiredError || mapped instanceof InteractionRequiredError);
          if (!propagating || attempt >= retry.attempts) throw mapped;
          await new Promise((r) => setTimeout(r, retry.firstDelayMs * 2 ** (attempt - 1)));
        }
      }
    },

    async silent(tid, oid, scopes) {
      const home = homeAccountId(tid, oid);
      await restore(home);
      const account = await tokenCache.getAccountByHomeId(home);
      if (!account) throw new InteractionRequiredError(undefined);
      try {
        const result = await msal.acquireTokenSilent({ account, scopes, authority: `${opts.authorityHost}/${tid}` });
        if (!result?.accessToken) throw new Error('MSAL returned no access token');
        await persist(home);
        return result.accessToken;
      } catch (err) {
        throw mapError(err, scopes);
      }
    },

    async forget(tid, oid) {
      const home = homeAccountId(tid, oid);
      const account = await tokenCache.getAccountByHomeId(home);
      if (account) await tokenCache.removeAccount(account);
      persistedHash.delete(home);
      loaded.delete(home);
      await opts.cache.delete(home);
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
