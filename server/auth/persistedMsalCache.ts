import { createHash } from 'node:crypto';
import type { TokenCache } from '@azure/msal-node';
import type { Logger } from '../logger';
import { decryptCache, encryptCache } from './cacheCrypto';
import type { TokenCacheStore } from './types';

type CacheSection = Record<string, { home_account_id?: string }>;
type SerializedCache = Record<string, CacheSection>;

/**
 * Persists one MSAL client's shared in-memory cache per user: each user's slice (account, id token,
 * access and refresh tokens, keyed by home account id) is encrypted into its own partition after a
 * change and merged back on first use after a restart. Serialising, filtering and merging happen in
 * synchronous blocks, so concurrent users never see each other's state half-written.
 */
export class PersistedMsalCache {
  private readonly persistedHash = new Map<string, string>();
  private readonly loaded = new Set<string>();

  constructor(
    private readonly cache: TokenCache,
    private readonly store: TokenCacheStore,
    private readonly key: Buffer,
    /** Distinguishes caches of different clients sharing one store (e.g. 'graph', 'signin'). */
    private readonly prefix: string,
    private readonly logger?: Logger,
  ) {
    if (key.length !== 32) throw new Error('the token cache key must be 32 bytes');
  }

  private partition(home: string): string {
    return `${this.prefix}:${home}`;
  }

  private sliceOf(home: string): string {
    const all = JSON.parse(this.cache.serialize()) as SerializedCache;
    const slice: SerializedCache = {};
    for (const [section, entries] of Object.entries(all)) {
      slice[section] =
        section === 'AppMetadata'
          ? entries
          : Object.fromEntries(Object.entries(entries).filter(([, v]) => v.home_account_id === home));
    }
    return JSON.stringify(slice);
  }

  async persist(home: string): Promise<void> {
    const slice = this.sliceOf(home);
    const digest = createHash('sha256').update(slice).digest('hex');
    if (this.persistedHash.get(home) === digest) return;
    const partition = this.partition(home);
    await this.store.save(partition, encryptCache(this.key, partition, slice));
    this.persistedHash.set(home, digest);
  }

  async restore(home: string): Promise<void> {
    if (this.loaded.has(home)) return;
    const partition = this.partition(home);
    const blob = await this.store.load(partition);
    this.loaded.add(home);
    if (!blob) return;
    let slice: SerializedCache;
    try {
      slice = JSON.parse(decryptCache(this.key, partition, blob)) as SerializedCache;
    } catch {
      this.logger?.warn({ partition }, 'a persisted token cache could not be decrypted; ignoring it');
      return;
    }
    const all = JSON.parse(this.cache.serialize()) as SerializedCache;
    for (const [section, entries] of Object.entries(slice))
      all[section] = { ...(all[section] ?? {}), ...entries };
    this.cache.deserialize(JSON.stringify(all));
  }

  async forget(home: string): Promise<void> {
    const account = await this.cache.getAccountByHomeId(home);
    if (account) await this.cache.removeAccount(account);
    this.persistedHash.delete(home);
    this.loaded.delete(home);
    await this.store.delete(this.partition(home));
  }
}
