import { hkdfSync, randomBytes } from 'node:crypto';
import { CryptoProvider } from '@azure/msal-node';
import express, { type Request, type Response } from 'express';
import { CompactEncrypt, compactDecrypt } from 'jose';
import { z } from 'zod';
import { createMsalClient } from '../../auth/msalClient';
import { PersistedMsalCache } from '../../auth/persistedMsalCache';
import type { TokenCacheStore } from '../../auth/types';
import { HttpError, sendProblem } from '../../http/problem';
import type { Logger } from '../../logger';
import type { SessionsRepository } from '../../store/sessionsRepository';

/**
 * Sign-in outside Teams and Outlook (a plain browser): the "token handler" pattern. The server runs
 * the authorization-code flow with PKCE through MSAL, keeps the refresh token (encrypted, per user)
 * and hands the page only short-lived access tokens for Rapport's API via `POST /auth/token`, bound
 * to an HttpOnly session cookie. The page then calls the API with a bearer token, exactly as it does
 * with Teams SSO.
 */
export interface SigninDeps {
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  tenantId: string;
  /** e.g. api://localhost/{clientId}/access_as_user */
  apiScope: string;
  publicUrl: string;
  sessions: SessionsRepository;
  cache: TokenCacheStore;
  encryptionKey: Buffer;
  logger?: Logger;
  sessionHours?: number;
}

const SESSION_COOKIE = 'rapport_session';
const STATE_COOKIE = 'rapport_signin';
const stateSchema = z.object({ state: z.string(), verifier: z.string(), returnTo: z.string() });

function cookies(req: Request): Record<string, string> {
  return Object.fromEntries(
    (req.header('cookie') ?? '')
      .split(';')
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => {
        const i = c.indexOf('=');
        return [c.slice(0, i), decodeURIComponent(c.slice(i + 1))];
      }),
  );
}

/** Only same-site paths: never an open redirect. */
function safeReturnTo(v: unknown): string {
  return typeof v === 'string' && /^\/(?!\/)[\w\-./?=&%#]*$/.test(v) ? v : '/tab/';
}

export function signinRouter(deps: SigninDeps): express.Router {
  const msal = createMsalClient(deps);
  const cache = new PersistedMsalCache(
    msal.getTokenCache(),
    deps.cache,
    deps.encryptionKey,
    'signin',
    deps.logger,
  );
  const stateKey = Buffer.from(
    hkdfSync('sha256', deps.encryptionKey, Buffer.alloc(0), 'rapport signin state', 32),
  );
  const secure = deps.publicUrl.startsWith('https:');
  const redirectUri = `${deps.publicUrl}/auth/callback`;
  const cookie = (name: string, value: string, maxAgeSeconds: number) =>
    `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
  const router = express.Router();

  router.get('/auth/login', async (req, res) => {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const state = randomBytes(16).toString('base64url');
    const returnTo = safeReturnTo(req.query.returnTo);
    const prompt =
      typeof req.query.prompt === 'string' &&
      ['login', 'select_account', 'consent'].includes(req.query.prompt)
        ? req.query.prompt
        : undefined;
    const sealed = await new CompactEncrypt(Buffer.from(JSON.stringify({ state, verifier, returnTo })))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(stateKey);
    const url = await msal
      .getAuthCodeUrl({
        scopes: [deps.apiScope],
        redirectUri,
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
        state,
        responseMode: 'query',
        ...(prompt ? { prompt } : {}),
      })
      .catch((err: unknown) => {
        deps.logger?.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'sign-in could not reach the identity provider',
        );
        throw new HttpError(503, {
          title: 'Identity provider unreachable',
          code: 'idp_unreachable',
          detail: 'Sign-in is unavailable right now; try again shortly.',
        });
      });
    res.setHeader('Set-Cookie', cookie(STATE_COOKIE, sealed, 600));
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, url);
  });

  router.get('/auth/callback', async (req, res) => {
    const sealed = cookies(req)[STATE_COOKIE];
    let saved: z.infer<typeof stateSchema>;
    try {
      if (!sealed) throw new Error('no state');
      saved = stateSchema.parse(
        JSON.parse(Buffer.from((await compactDecrypt(sealed, stateKey)).plaintext).toString('utf8')),
      );
    } catch {
      throw new HttpError(400, {
        title: 'Sign-in expired',
        detail: 'The sign-in took too long or was started elsewhere. Try again.',
        code: 'signin_state_invalid',
      });
    }
    if (req.query.state !== saved.state) {
      throw new HttpError(400, {
        title: 'Sign-in failed',
        detail: 'The sign-in response does not match the request.',
        code: 'signin_state_mismatch',
      });
    }
    if (typeof req.query.error === 'string' || typeof req.query.code !== 'string') {
      const sep = saved.returnTo.includes('?') ? '&' : '?';
      res.redirect(
        302,
        `${saved.returnTo}${sep}signin_error=${encodeURIComponent(String(req.query.error ?? 'no_code'))}`,
      );
      return;
    }
    const result = await msal.acquireTokenByCode({
      code: req.query.code,
      scopes: [deps.apiScope],
      redirectUri,
      codeVerifier: saved.verifier,
    });
    const account = result.account;
    if (!account)
      throw new HttpError(502, {
        title: 'Sign-in failed',
        detail: 'The identity provider returned no account.',
        code: 'signin_no_account',
      });
    await cache.persist(account.homeAccountId);
    const session = randomBytes(32).toString('base64url');
    const hours = deps.sessionHours ?? 12;
    await deps.sessions.create(session, {
      tid: account.tenantId,
      oid: account.localAccountId,
      homeAccountId: account.homeAccountId,
      expiresAt: new Date(Date.now() + hours * 3600_000),
    });
    res.setHeader('Set-Cookie', [cookie(SESSION_COOKIE, session, hours * 3600), cookie(STATE_COOKIE, '', 0)]);
    res.redirect(302, saved.returnTo);
  });

  /** A custom header a cross-site form cannot send: with SameSite=Lax cookies, that stops CSRF. */
  const requireAjax = (req: Request, res: Response) => {
    if (req.header('x-rapport-request') !== '1') {
      sendProblem(res, 400, { title: 'Missing X-Rapport-Request header', code: 'csrf_header_required' });
      return false;
    }
    return true;
  };

  router.post('/auth/token', async (req, res) => {
    if (!requireAjax(req, res)) return;
    res.setHeader('Cache-Control', 'no-store');
    const value = cookies(req)[SESSION_COOKIE];
    const session = value ? await deps.sessions.find(value) : null;
    if (!session) {
      sendProblem(res, 401, {
        title: 'Not signed in',
        code: 'signin_required',
        detail: 'Sign in to continue.',
      });
      return;
    }
    await cache.restore(session.homeAccountId);
    const account = await msal.getTokenCache().getAccountByHomeId(session.homeAccountId);
    try {
      if (!account) throw new Error('no cached account');
      const result = await msal.acquireTokenSilent({ account, scopes: [deps.apiScope] });
      await cache.persist(session.homeAccountId);
      res.json({
        accessToken: result.accessToken,
        expiresOn: result.expiresOn?.toISOString() ?? null,
        account: { name: account.name ?? null, username: account.username },
      });
    } catch (err) {
      deps.logger?.info(
        { err: err instanceof Error ? err.message : String(err) },
        'silent token for the sign-in session failed',
      );
      sendProblem(res, 401, {
        title: 'Sign-in expired',
        code: 'signin_required',
        detail: 'Sign in again to continue.',
      });
    }
  });

  router.post('/auth/logout', async (req, res) => {
    if (!requireAjax(req, res)) return;
    const value = cookies(req)[SESSION_COOKIE];
    const session = value ? await deps.sessions.find(value) : null;
    if (value) await deps.sessions.delete(value);
    if (session) await cache.forget(session.homeAccountId);
    res.setHeader('Set-Cookie', cookie(SESSION_COOKIE, '', 0));
    // Also end the identity provider's session, or the next sign-in would be silent as the same user.
    res.json({ endSessionUrl: await endSessionUrl() });
  });

  let endSession: string | null = null;
  async function endSessionUrl(): Promise<string | null> {
    if (!endSession) {
      try {
        const r = await fetch(`${deps.authorityHost}/${deps.tenantId}/v2.0/.well-known/openid-configuration`);
        endSession = z
          .object({ end_session_endpoint: z.string() })
          .parse(await r.json()).end_session_endpoint;
      } catch {
        return null;
      }
    }
    return `${endSession}?post_logout_redirect_uri=${encodeURIComponent(`${deps.publicUrl}/tab/`)}`;
  }

  return router;
}
