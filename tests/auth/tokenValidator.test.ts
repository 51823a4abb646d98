import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../server/auth/errors';
import { createTokenValidator, type TokenValidator } from '../../server/auth/tokenValidator';
import { startTestTenant } from '../helpers/devtenant';

/** The Rapport API accepts only its own, valid, in-date, correctly-scoped tokens from allowed tenants. */
let tenant: Awaited<ReturnType<typeof startTestTenant>>;
let validator: TokenValidator;
let userId: string;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  tenant = await startTestTenant();
  userId = tenant.data.users[0]!.id;
  validator = createTokenValidator({
    authorityHost: tenant.origin,
    audiences: [tenant.app.clientId],
    allowedTenants: [tenant.tenantId],
    requiredScope: 'access_as_user',
    jwksCooldownMs: 0,
  });
});
afterAll(() => tenant.stop());

async function rejection(token: string, v = validator): Promise<AuthError> {
  const err = await v.validate(token).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

describe('access-token validation', () => {
  it('accepts a valid token and keys the user by (tid, oid)', async () => {
    const user = await validator.validate(await tenant.identity.issueApiToken(userId));
    expect(user).toMatchObject({ tid: tenant.tenantId, oid: userId, scopes: ['access_as_user'] });
  });

  it('rejects a wrong signature', async () => {
    const [h, p] = (await tenant.identity.issueApiToken(userId)).split('.');
    const forged = (await tenant.identity.issueApiToken(tenant.data.users[1]!.id)).split('.')[2];
    const err = await rejection(`${h}.${p}.${forged}`);
    expect(err.status).toBe(401);
    expect(err.headers['WWW-Authenticate']).toMatch(/error="invalid_token"/);
  });

  it('rejects a key it has never seen, and accepts a newly rotated key after refreshing', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const claims = {
      tid: tenant.tenantId,
      oid: userId,
      scp: 'access_as_user',
      aud: tenant.app.clientId,
      iss: tenant.identity.issuer(tenant.tenantId),
    };
    const stranger = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'unknown-kid' })
      .setIssuedAt()
      .setNotBefore(now() - 10)
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await rejection(stranger)).problem.detail).toMatch(/unknown key/);
    await tenant.identity.keys.rotate();
    const rotated = await tenant.identity.issueApiToken(userId);
    await expect(validator.validate(rotated)).resolves.toMatchObject({ oid: userId });
  });

  it('rejects a token for another audience', async () => {
    const err = await rejection(
      await tenant.identity.issueApiToken(userId, {
        claims: { aud: '11111111-2222-3333-4444-555555555555' },
      }),
    );
    expect(err.problem.detail).toMatch(/aud/);
  });

  it('rejects a token from another issuer', async () => {
    const err = await rejection(
      await tenant.identity.issueApiToken(userId, {
        claims: { iss: `https://evil.example/${tenant.tenantId}/v2.0` },
      }),
    );
    expect(err.problem.detail).toMatch(/iss/);
  });

  it('rejects an expired token', async () => {
    const err = await rejection(
      await tenant.identity.issueApiToken(userId, {
        claims: { iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 },
      }),
    );
    expect(err.problem.detail).toMatch(/expired/);
  });

  it('remembers a verified token only until it expires', async () => {
    const token = await tenant.identity.issueApiToken(userId, {
      claims: { iat: now() - 60, nbf: now() - 60, exp: now() + 120 },
    });
    expect((await validator.validate(token)).oid).toBe(userId.toLowerCase());
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 10 * 60_000); // past exp and the clock tolerance
      const err = await rejection(token);
      expect(err.problem.detail).toMatch(/expired/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects a token that is not yet valid', async () => {
    const err = await rejection(
      await tenant.identity.issueApiToken(userId, { claims: { nbf: now() + 3600, exp: now() + 7200 } }),
    );
    expect(err.problem.detail).toMatch(/nbf/);
  });

  it('answers 403 insufficient_scope when access_as_user is missing', async () => {
    const err = await rejection(
      await tenant.identity.issueApiToken(userId, { claims: { scp: 'User.Read' } }),
    );
    expect(err.status).toBe(403);
    expect(err.headers['WWW-Authenticate']).toMatch(/insufficient_scope/);
  });

  it('rejects a tenant that is not allowed without asking its issuer anything', async () => {
    const strict = createTokenValidator({
      authorityHost: tenant.origin,
      audiences: [tenant.app.clientId],
      allowedTenants: ['99999999-9999-4999-8999-999999999999'],
      requiredScope: 'access_as_user',
    });
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      const err = await rejection(await tenant.identity.issueApiToken(userId), strict);
      expect(err.problem.detail).toMatch(/tenant/);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('rejects garbage and non-RS256 tokens', async () => {
    await rejection('not-a-token');
    const hs = await new SignJWT({ tid: tenant.tenantId })
      .setProtectedHeader({ alg: 'HS256', kid: 'x' })
      .sign(new Uint8Array(32));
    await rejection(hs);
  });
});
