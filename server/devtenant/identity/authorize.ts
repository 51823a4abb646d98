import { randomBytes, randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { OAuthError } from './errors';
import { resolveScopes } from './scopes';
import { renderSigninPage } from './signinPage';
import type { IdentityState } from './state';

/**
 * The authorize endpoint and its sign-in page (standing in for Teams/Outlook SSO outside a host),
 * silent sign-in from a login hint or the remembered user, and logout.
 */

const cookieName = 'devtenant_user';
const readCookie = (req: Request) =>
  (req.header('cookie') ?? '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === cookieName)?.[1];

const authorizeParams = z.object({
  client_id: z.string(),
  redirect_uri: z.string(),
  response_type: z.literal('code'),
  scope: z.string().default('openid'),
  state: z.string().optional(),
  nonce: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.enum(['S256']).optional(),
  prompt: z.string().optional(),
  login_hint: z.string().optional(),
  response_mode: z.enum(['query', 'fragment', 'form_post']).optional(),
});

function authorizeError(res: Response, text: string) {
  res
    .status(400)
    .type('html')
    .send(
      `<!doctype html><title>Sign-in error</title><main style="font-family:system-ui;max-width:640px;margin:40px auto"><h1>Sorry, but we’re having trouble signing you in.</h1><p>${text.replace(/</g, '&lt;')}</p></main>`,
    );
}

export function createAuthorizeRouter(state: IdentityState): express.Router {
  const router = express.Router();

  function completeSignIn(res: Response, p: z.infer<typeof authorizeParams>, userId: string) {
    const code = randomBytes(32).toString('base64url');
    state.codes.set(code, {
      clientId: p.client_id,
      redirectUri: p.redirect_uri,
      userId,
      scopes: p.scope.split(/\s+/).filter(Boolean),
      codeChallenge: p.code_challenge ?? null,
      nonce: p.nonce ?? null,
      expiresAt: state.clock().getTime() + 10 * 60_000,
    });
    res.setHeader('Set-Cookie', `${cookieName}=${userId}; Path=/; HttpOnly; SameSite=Lax`);
    const target = new URL(p.redirect_uri);
    target.searchParams.set('code', code);
    if (p.state) target.searchParams.set('state', p.state);
    target.searchParams.set('session_state', randomUUID());
    res.redirect(302, target.toString());
  }

  function authorize(req: Request, res: Response) {
    const source = req.method === 'POST' ? { ...req.query, ...req.body } : req.query;
    const parsed = authorizeParams.safeParse(source);
    if (!parsed.success) {
      authorizeError(
        res,
        `AADSTS900144: The request is missing or has an invalid parameter: ${parsed.error.issues[0]?.path.join('.')}.`,
      );
      return;
    }
    const p = parsed.data;
    const app = state.apps.get(p.client_id);
    if (!app)
      return authorizeError(
        res,
        `AADSTS700016: Application with identifier '${p.client_id}' was not found in the directory '${state.tenantName}'.`,
      );
    if (!app.redirectUris.includes(p.redirect_uri)) {
      return authorizeError(
        res,
        `AADSTS50011: The redirect URI '${p.redirect_uri}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'.`,
      );
    }
    try {
      resolveScopes(state, app, p.scope.split(/\s+/).filter(Boolean));
    } catch (err) {
      if (err instanceof OAuthError) return authorizeError(res, err.message);
      throw err;
    }
    const chosen = req.method === 'POST' ? String(req.body?.user_id ?? '') : '';
    if (chosen) {
      const u = state.users.get(chosen);
      if (!u?.accountEnabled || u.userType !== 'Member')
        return authorizeError(res, 'AADSTS50057: The user account is disabled or unknown.');
      return completeSignIn(res, p, u.id);
    }
    const hinted = p.login_hint
      ? state.opts.data.users.find((u) => u.userPrincipalName.toLowerCase() === p.login_hint!.toLowerCase())
      : undefined;
    const remembered = readCookie(req);
    const silentUser =
      hinted?.id ?? (p.prompt === 'login' || p.prompt === 'select_account' ? undefined : remembered);
    if (silentUser && state.users.has(silentUser) && p.prompt !== 'select_account' && p.prompt !== 'login') {
      return completeSignIn(res, p, silentUser);
    }
    if (p.prompt === 'none') {
      const target = new URL(p.redirect_uri);
      target.searchParams.set('error', 'login_required');
      target.searchParams.set(
        'error_description',
        'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
      );
      if (p.state) target.searchParams.set('state', p.state);
      return res.redirect(302, target.toString());
    }
    const people = state.opts.data.users.filter(
      (u) => u.accountEnabled && u.userType === 'Member' && u.mailboxSettings.userPurpose === 'user',
    );
    const personas = people.filter((u) => u.demoPersona);
    const params = Object.fromEntries(
      Object.entries(p)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(
      renderSigninPage({
        tenantName: state.tenantName,
        appName: app.displayName,
        action: req.originalUrl.split('?')[0]!,
        params,
        personas,
        others: people
          .filter((u) => !u.demoPersona)
          .sort((a, b) => a.displayName.localeCompare(b.displayName)),
      }),
    );
  }

  router.get('/:tenant/oauth2/v2.0/authorize', authorize);
  router.post('/:tenant/oauth2/v2.0/authorize', express.urlencoded({ extended: false }), authorize);
  router.get('/:tenant/oauth2/v2.0/logout', (req, res) => {
    res.setHeader('Set-Cookie', `${cookieName}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
    const back =
      typeof req.query.post_logout_redirect_uri === 'string' ? req.query.post_logout_redirect_uri : null;
    if (
      back &&
      state.opts.apps.some((a) => a.redirectUris.some((r) => new URL(r).origin === new URL(back).origin))
    )
      res.redirect(302, back);
    else
      res
        .type('html')
        .send(
          '<!doctype html><title>Signed out</title><p style="font-family:system-ui">You have signed out.</p>',
        );
  });

  return router;
}
