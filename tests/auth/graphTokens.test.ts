import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentRequiredError, InteractionRequiredError } from '../../server/auth/errors';
import { createGraphTokenProvider, MemoryTokenCacheStore } from '../../server/auth/graphTokens';
import { createTokenValidator } from '../../server/auth/tokenValidator';
import type { AuthenticatedUser } from '../../server/auth/types';
import { startTestTenant } from '../helpers/devtenant';

/** On-behalf-of through the real MSAL Node against the dev tenant, with the encrypted persisted cache. */
let tenant: Awaited<ReturnType<typeof startTestTenant>>;
const key = Buffer.alloc(32, 7);
const SCOPES = ['https://graph.microsoft.com/User.Read', 'https://graph.microsoft.com/Mail.ReadBasic'];

beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(() => tenant.stop());

async function signedIn(index: number): Promise<AuthenticatedUser> {
  const v = createTokenValidator({
    authorityHost: tenant.origin,
    audiences: [tenant.app.clientId],
    allowedTenants: [tenant.tenantId],
    requiredScope: 'access_as_user',
  });
  return v.validate(await tenant.identity.issueApiToken(tenant.data.users[index]!.id));
}
const provider = (cache: MemoryTokenCacheStore, firstDelayMs = 10) =>
  createGraphTokenProvider({
    clientId: tenant.app.clientId,
    clientSecret: tenant.app.clientSecret,
    authorityHost: tenant.origin,
    tenantId: tenant.tenantId,
    cache,
    encryptionKey: key,
    consentRetry: { attempts: 3, firstDelayMs },
  });

describe('Graph tokens on behalf of the user', () => {
  it('gets a Graph token the dev tenant accepts, then serves the repeat from cache', async () => {
    const cache = new MemoryTokenCacheStore();
    const tokens = provider(cache);
    const user = await signedIn(0);
    const first = await tokens.onBehalfOf(user, SCOPES);
    const principal = await tenant.identity.authenticateGraph(`Bearer ${first}`);
    expect(principal).toMatchObject({ oid: user.oid, tid: user.tid });
    expect(principal.scopes).toEqual(expect.arrayContaining(['User.Read', 'Mail.ReadBasic']));
    expect(await tokens.onBehalfOf(user, SCOPES)).toBe(first);
  });

  it('persists the cache encrypted, so a new process can act later without the user', async () => {
    const cache = new MemoryTokenCacheStore();
    const user = await signedIn(1);
    const token = await provider(cache).onBehalfOf(user, SCOPES);
    const blob = [...cache.blobs.values()][0]!;
    expect(blob.toString('utf8')).not.toContain(token.slice(0, 40));
    expect(blob.toString('latin1')).not.toMatch(/refresh|secret|access_token/i);
    // A "restarted" server: a new provider over the same store, and no user assertion at hand.
    const later = await provider(cache).silent(user.tid, user.oid, SCOPES);
    expect((await tenant.identity.authenticateGraph(`Bearer ${later}`)).oid).toBe(user.oid);
  });

  it('keeps users apart: a blob moved to another user’s partition does not decrypt', async () => {
    const cache = new MemoryTokenCacheStore();
    const a = await signedIn(2);
    const b = await signedIn(3);
    await provider(cache).onBehalfOf(a, SCOPES);
    const blob = [...cache.blobs.values()][0]!;
    cache.blobs.set(`graph:${b.oid}.${b.tid}`, blob);
    await expect(provider(cache).silent(b.tid, b.oid, SCOPES)).rejects.toBeInstanceOf(
      InteractionRequiredError,
    );
  });

  it('passes consent_required on as ConsentRequiredError (403)', async () => {
    const user = await signedIn(4);
    tenant.identity.revokeConsent(user.oid, 'Mail.ReadBasic');
    const err = await provider(new MemoryTokenCacheStore())
      .onBehalfOf(user, SCOPES)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsentRequiredError);
    expect((err as ConsentRequiredError).status).toBe(403);
  });

  it('passes interaction_required on as a 401 with the claims challenge', async () => {
    const user = await signedIn(5);
    tenant.identity.requireMfa(user.oid, true);
    const err = await provider(new MemoryTokenCacheStore())
      .onBehalfOf(user, SCOPES)
      .catch((e: unknown) => e);
    tenant.identity.requireMfa(user.oid, false);
    expect(err).toBeInstanceOf(InteractionRequiredError);
    const header = (err as InteractionRequiredError).headers['WWW-Authenticate']!;
    expect(header).toMatch(/insufficient_claims/);
    expect(Buffer.from(/claims="([^"]+)"/.exec(header)![1]!, 'base64').toString()).toContain('polids');
  });

  it('retries while a just-given consent propagates, and only then', async () => {
    const user = await signedIn(6);
    tenant.identity.revokeConsent(user.oid, 'User.Read');
    const tokens = provider(new MemoryTokenCacheStore(), 400);
    await expect(tokens.onBehalfOf(user, SCOPES)).rejects.toBeInstanceOf(ConsentRequiredError);
    // The user has just consented; it reaches the token service 200 ms later.
    const started = Date.now();
    setTimeout(
      () =>
        void fetch(`${tenant.origin}/_devtenant/identity/restore-consent`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: user.oid }),
        }),
      200,
    );
    await expect(tokens.onBehalfOf(user, SCOPES, { justConsented: true })).resolves.toMatch(/^ey/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });
});
