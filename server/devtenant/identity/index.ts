import { createHash, randomBytes, randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import { GraphError } from '../graph/errors';
import type { DirectoryUser, TenantData } from '../model';
import type { GraphAuthenticator, GraphPrincipal } from '../principal';
import { KeyRing } from './keys';
import { renderSigninPage } from './signinPage';

/**
 * The dev tenant's Microsoft Entra ID: OIDC discovery, signing keys, a sign-in page, and a v2 token
 * endpoint with the grants Rapport uses (authorization code + PKCE, refresh token, on-behalf-of,
 * client credentials). Responses and errors follow Entra's shapes so MSAL Node and jose treat it as
 * the real thing.
 */

export interface AppRegistration {
  clientId: string;
  clientSecret?: string;
  displayName: string;
  redirectUris: string[];
  /** e.g. api://localhost/{clientId}: the API's scopes are `${identifierUri}/${scope}`. */
  identifierUris: string[];
  apiScopes: string[];
  /** Delegated Microsoft Graph permissions the app is consented for (tenant-wide in the demo). */
  graphScopes: string[];
}

export interface IdentityOptions {
  data: TenantData;
  /** https origin: issuer, token endpoint, keys. */
  issuerOrigin: string;
  /** Where a browser reaches the sign-in page (plain http on loopback). */
  browserOrigin: string;
  apps: AppRegistration[];
  clock?: () => Date;
  /** Access-token lifetime in seconds (Entra: random 60–90 minutes). */
  accessTokenSeconds?: number;
}

export interface DevIdentity {
  router: express.Router;
  controlRouter: express.Router;
  authenticateGraph: GraphAuthenticator;
  keys: KeyRing;
  issuer(tid: string): string;
  /** An access token for an app's API as Entra would issue it; `claims` overrides for tests. */
  issueApiToken(
    userId: string,
    opts?: { clientId?: string; azp?: string; claims?: JWTPayload },
  ): Promise<string>;
  issueGraphToken(userId: string, scopes: string[], opts?: { clientId?: string }): Promise<string>;
  /** Withdraws consent for one Graph scope, or for all of them when scope is ''. */
  revokeConsent(userId: string, scope: string): void;
  requireMfa(userId: string, required: boolean): void;
}

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const MFA_CLAIMS = JSON.stringify({
  access_token: { polids: { essential: true, values: ['9ab03e19-ed42-4168-b6b7-7001fb3e933a'] } },
});

interface AuthCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  codeChallenge: string | null;
  nonce: string | null;
  expiresAt: number;
}
interface RefreshGrant {
  clientId: string;
  userId: string;
}

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    description: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(description);
  }
}

const sha256url = (s: string) => createHash('sha256').update(s).digest('base64url');
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export async function createIdentity(opts: IdentityOptions): Promise<DevIdentity> {
  const clock = opts.clock ?? (() => new Date());
  const lifetime = opts.accessTokenSeconds ?? 3600 + 900;
  const keys = await KeyRing.create();
  const tid = opts.data.org.id;
  const issuer = (t: string) => `${opts.issuerOrigin}/${t}/v2.0`;
  const graphIssuer = `https://sts.windows.net/${tid}/`;
  const users = new Map(opts.data.users.map((u) => [u.id, u]));
  const apps = new Map(opts.apps.map((a) => [a.clientId, a]));
  const codes = new Map<string, AuthCode>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const revoked = new Map<string, Set<string>>(); // userId → Graph scopes without consent
  const mfaRequired = new Set<string>();
  const now = () => Math.floor(clock().getTime() / 1000);
  const upn = (u: DirectoryUser) => u.userPrincipalName;
  const tenantName = opts.data.org.displayName;

  function oauthError(
    status: number,
    error: string,
    code: number,
    text: string,
    extra: Record<string, unknown> = {},
  ) {
    return new OAuthError(status, error, code, `AADSTS${code}: ${text}`, extra);
  }

  function sendOAuthError(res: Response, e: OAuthError) {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const ts = clock()
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z');
    res.status(e.status).json({
      error: e.error,
      error_description: `${e.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${ts}`,
      error_codes: [e.code],
      timestamp: ts,
      trace_id: traceId,
      correlation_id: correlationId,
      ...e.extra,
    });
  }

  /** Entra's AADSTS65001: the user or an admin has not consented to a permission. */
  function consentRequired(app: AppRegistration) {
    return oauthError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`,
      { suberror: 'consent_required' },
    );
  }

  /** Splits requested scopes into the one resource they address (Entra issues one per token). */
  function resolveScopes(app: AppRegistration, requested: string[]) {
    const oidc = requested.filter((s) => OIDC_SCOPES.has(s.toLowerCase()));
    const rest = requested.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
    const api = rest.filter((s) => s.startsWith('api://'));
    const graph = rest
      .filter((s) => !s.startsWith('api://'))
      .map((s) =>
        s.toLowerCase().startsWith(`${GRAPH_RESOURCE}/`) ? s.slice(GRAPH_RESOURCE.length + 1) : s,
      );
    if (api.length && graph.length) {
      throw oauthError(
        400,
        'invalid_request',
        28000,
        'Provided value for the input parameter scope is not valid because it contains more than one resource.',
      );
    }
    for (const s of api) {
      const target = opts.apps.find((a) => a.identifierUris.some((u) => s.startsWith(`${u}/`)));
      const scope = target && s.slice(s.lastIndexOf('/') + 1);
      if (!target || !scope || !target.apiScopes.includes(scope)) {
        throw oauthError(
          400,
          'invalid_scope',
          70011,
          `The provided value for the input parameter 'scope' is not valid. The scope ${s} does not exist.`,
        );
      }
    }
    for (const s of graph) {
      if (s === '.default') continue;
      if (!app.graphScopes.some((g) => g.toLowerCase() === s.toLowerCase())) {
        throw consentRequired(app);
      }
    }
    return { oidc, api, graph };
  }

  async function idToken(app: AppRegistration, u: DirectoryUser, nonce: string | null) {
    const iat = now();
    return keys.sign({
      aud: app.clientId,
      iss: issuer(tid),
      iat,
      nbf: iat,
      exp: iat + 3600,
      name: u.displayName,
      oid: u.id,
      preferred_username: upn(u),
      sub: sha256url(`${app.clientId}:${u.id}`).slice(0, 43),
      tid,
      ver: '2.0',
      ...(nonce ? { nonce } : {}),
    });
  }

  async function apiAccessToken(
    audienceApp: AppRegistration,
    u: DirectoryUser,
    azp: string,
    scopes: string[],
    claims: JWTPayload = {},
  ) {
    const iat = now();
    return keys.sign({
      aud: audienceApp.clientId,
      iss: issuer(tid),
      iat,
      nbf: iat,
      exp: iat + lifetime,
      aio: randomBytes(24).toString('base64'),
      azp,
      azpacr: '1',
      e_exp: 262800,
      name: u.displayName,
      oid: u.id,
      preferred_username: upn(u),
      rh: `0.${randomBytes(12).toString('base64url')}.`,
      scp: scopes.join(' '),
      sub: sha256url(`${audienceApp.clientId}:${u.id}`).slice(0, 43),
      tid,
      uti: randomBytes(16).toString('base64url').slice(0, 22),
      ver: '2.0',
      ...claims,
    });
  }

  function grantedGraphScopes(app: AppRegistration, userId: string): string[] {
    const without = revoked.get(userId) ?? new Set();
    return app.graphScopes.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()) && !without.has(s.toLowerCase()));
  }

  async function graphAccessToken(app: AppRegistration, u: DirectoryUser, scopes?: string[]) {
    const iat = now();
    return keys.sign(
      {
        aud: GRAPH_RESOURCE,
        iss: graphIssuer,
        iat,
        nbf: iat,
        exp: iat + lifetime,
        app_displayname: app.displayName,
        appid: app.clientId,
        appidacr: '1',
        name: u.displayName,
        oid: u.id,
        scp: (scopes ?? grantedGraphScopes(app, u.id)).join(' '),
        sub: sha256url(`graph:${u.id}`).slice(0, 43),
        tid,
        unique_name: upn(u),
        upn: upn(u),
        uti: randomBytes(16).toString('base64url').slice(0, 22),
        ver: '1.0',
      },
      { nonce: randomBytes(16).toString('base64url') },
    );
  }

  /** Issues the token response for a user and a set of requested scopes (any grant). */
  async function tokenResponse(
    app: AppRegistration,
    u: DirectoryUser,
    requested: string[],
    nonce: string | null,
    wantsClientInfo: boolean,
  ) {
    const { oidc, api, graph } = resolveScopes(app, requested);
    if (graph.length) {
      const without = revoked.get(u.id);
      const missing = graph.find((s) => without?.has(s.toLowerCase()));
      if (missing) {
        throw consentRequired(app);
      }
    }
    let accessToken: string;
    let scope: string;
    if (api.length) {
      const target = opts.apps.find((a) => a.identifierUris.some((i) => api[0]!.startsWith(`${i}/`)))!;
      accessToken = await apiAccessToken(
        target,
        u,
        app.clientId,
        api.map((s) => s.slice(s.lastIndexOf('/') + 1)),
      );
      scope = api.join(' ');
    } else {
      accessToken = await graphAccessToken(app, u);
      const granted = grantedGraphScopes(app, u.id);
      scope = (graph.length && !graph.includes('.default') ? graph : granted)
        .map((s) => `${GRAPH_RESOURCE}/${s}`)
        .join(' ');
    }
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: [scope, ...oidc.filter((s) => s !== 'offline_access')].filter(Boolean).join(' '),
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
    };
    if (oidc.some((s) => s.toLowerCase() === 'offline_access')) {
      const rt = `0.${randomBytes(48).toString('base64url')}`;
      refreshTokens.set(rt, { clientId: app.clientId, userId: u.id });
      body.refresh_token = rt;
    }
    if (oidc.some((s) => s.toLowerCase() === 'openid')) body.id_token = await idToken(app, u, nonce);
    if (wantsClientInfo) body.client_info = b64url({ uid: u.id, utid: tid });
    return body;
  }

  function authenticateClient(req: Request): AppRegistration {
    let clientId = typeof req.body?.client_id === 'string' ? req.body.client_id : undefined;
    let secret = typeof req.body?.client_secret === 'string' ? req.body.client_secret : undefined;
    const basic = req.header('authorization');
    if (basic?.startsWith('Basic ')) {
      const [id, s] = Buffer.from(basic.slice(6), 'base64').toString().split(':');
      clientId ??= decodeURIComponent(id ?? '');
      secret ??= decodeURIComponent(s ?? '');
    }
    const app = clientId ? apps.get(clientId) : undefined;
    if (!app)
      throw oauthError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenantName}'.`,
      );
    if (app.clientSecret && app.clientSecret !== secret) {
      throw oauthError(
        401,
        'invalid_client',
        7000215,
        'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
      );
    }
    return app;
  }

  async function verifyOwnToken(token: string, audience: string, iss: string) {
    const jwks = createLocalJWKSet({ keys: keys.publicKeys() });
    return jwtVerify(token, jwks, {
      audience,
      issuer: iss,
      algorithms: ['RS256'],
      currentDate: clock(),
      clockTolerance: 60,
    });
  }

  const tokenBody = z.object({ grant_type: z.string(), scope: z.string().optional() }).passthrough();

  async function handleToken(req: Request, res: Response) {
    try {
      const parsed = tokenBody.safeParse(req.body ?? {});
      if (!parsed.success)
        throw oauthError(
          400,
          'invalid_request',
          900144,
          "The request body must contain the following parameter: 'grant_type'.",
        );
      const b = req.body as Record<string, string>;
      const app = authenticateClient(req);
      const scopes = (b.scope ?? '').split(/\s+/).filter(Boolean);
      const clientInfo = b.client_info === '1';
      const userOf = (id: string) => {
        const u = users.get(id);
        if (!u?.accountEnabled)
          throw oauthError(400, 'invalid_grant', 50057, 'The user account is disabled.');
        return u;
      };
      switch (b.grant_type) {
        case 'authorization_code': {
          const code = codes.get(b.code ?? '');
          codes.delete(b.code ?? '');
          if (!code || code.expiresAt < clock().getTime() || code.clientId !== app.clientId) {
            throw oauthError(
              400,
              'invalid_grant',
              70008,
              'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
            );
          }
          if (code.redirectUri !== b.redirect_uri)
            throw oauthError(
              400,
              'invalid_grant',
              50148,
              'The redirect URI does not match the one used to obtain the authorization code.',
            );
          if (code.codeChallenge && sha256url(b.code_verifier ?? '') !== code.codeChallenge) {
            throw oauthError(
              400,
              'invalid_grant',
              501481,
              'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
            );
          }
          res.json(
            await tokenResponse(
              app,
              userOf(code.userId),
              scopes.length ? scopes : code.scopes,
              code.nonce,
              clientInfo,
            ),
          );
          return;
        }
        case 'refresh_token': {
          const grant = refreshTokens.get(b.refresh_token ?? '');
          if (!grant || grant.clientId !== app.clientId) {
            throw oauthError(
              400,
              'invalid_grant',
              9002313,
              'Invalid request. Request is malformed or invalid.',
            );
          }
          res.json(await tokenResponse(app, userOf(grant.userId), scopes, null, clientInfo));
          return;
        }
        case 'urn:ietf:params:oauth:grant-type:jwt-bearer': {
          if (b.requested_token_use !== 'on_behalf_of')
            throw oauthError(
              400,
              'invalid_request',
              900144,
              "The request body must contain the following parameter: 'requested_token_use'.",
            );
          let claims: JWTPayload;
          try {
            ({ payload: claims } = await verifyOwnToken(b.assertion ?? '', app.clientId, issuer(tid)));
          } catch (err) {
            const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
            throw oauthError(
              400,
              'invalid_grant',
              expired ? 500133 : 50013,
              expired
                ? 'Assertion is not within its valid time range.'
                : 'Assertion failed signature validation.',
            );
          }
          const u = userOf(String(claims.oid));
          if (mfaRequired.has(u.id)) {
            throw oauthError(
              400,
              'interaction_required',
              50079,
              `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multifactor authentication to access '${GRAPH_APP_ID}'.`,
              { claims: MFA_CLAIMS, suberror: 'basic_action' },
            );
          }
          res.json(await tokenResponse(app, u, scopes, null, clientInfo));
          return;
        }
        case 'client_credentials': {
          const iat = now();
          const token = await keys.sign({
            aud: GRAPH_RESOURCE,
            iss: graphIssuer,
            iat,
            nbf: iat,
            exp: iat + lifetime,
            appid: app.clientId,
            app_displayname: app.displayName,
            oid: app.clientId,
            roles: [],
            tid,
            ver: '1.0',
          });
          res.json({
            token_type: 'Bearer',
            expires_in: lifetime,
            ext_expires_in: lifetime,
            access_token: token,
          });
          return;
        }
        default:
          throw oauthError(
            400,
            'unsupported_grant_type',
            70003,
            `The app requested an unsupported grant type '${b.grant_type}'.`,
          );
      }
    } catch (err) {
      if (err instanceof OAuthError) sendOAuthError(res, err);
      else throw err;
    }
  }

  function discovery(t: string) {
    const base = `${opts.issuerOrigin}/${t}`;
    const iss = t === 'common' || t === 'organizations' ? `${opts.issuerOrigin}/{tenantid}/v2.0` : issuer(t);
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: iss,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${opts.issuerOrigin}/oidc/userinfo`,
      authorization_endpoint: `${opts.browserOrigin}/${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${opts.browserOrigin}/${t}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      tenant_region_scope: 'NA',
      cloud_instance_name: new URL(opts.issuerOrigin).host,
      msgraph_host: new URL(opts.issuerOrigin).host,
    };
  }

  const knownTenant = (t: string) =>
    t === tid ||
    t === 'common' ||
    t === 'organizations' ||
    t === opts.data.org.verifiedDomains.find((d) => d.name === t)?.name;

  const router = express.Router();
  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) => {
    const t = req.params.tenant;
    if (!knownTenant(t)) {
      res.status(400).json({
        error: 'invalid_tenant',
        error_description: `AADSTS90002: Tenant '${t}' not found.`,
        error_codes: [90002],
      });
      return;
    }
    res.json(discovery(t === 'common' || t === 'organizations' ? t : tid));
  });
  router.get('/:tenant/discovery/v2.0/keys', (req, res) => {
    if (!knownTenant(req.params.tenant)) {
      res.status(400).json({ error: 'invalid_tenant', error_codes: [90002] });
      return;
    }
    res.json(keys.jwks(`${opts.issuerOrigin}/{tenantid}/v2.0`));
  });

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

  function completeSignIn(res: Response, p: z.infer<typeof authorizeParams>, userId: string) {
    const code = randomBytes(32).toString('base64url');
    codes.set(code, {
      clientId: p.client_id,
      redirectUri: p.redirect_uri,
      userId,
      scopes: p.scope.split(/\s+/).filter(Boolean),
      codeChallenge: p.code_challenge ?? null,
      nonce: p.nonce ?? null,
      expiresAt: clock().getTime() + 10 * 60_000,
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
    const app = apps.get(p.client_id);
    if (!app)
      return authorizeError(
        res,
        `AADSTS700016: Application with identifier '${p.client_id}' was not found in the directory '${tenantName}'.`,
      );
    if (!app.redirectUris.includes(p.redirect_uri)) {
      return authorizeError(
        res,
        `AADSTS50011: The redirect URI '${p.redirect_uri}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'.`,
      );
    }
    try {
      resolveScopes(app, p.scope.split(/\s+/).filter(Boolean));
    } catch (err) {
      if (err instanceof OAuthError) return authorizeError(res, err.message);
      throw err;
    }
    const chosen = req.method === 'POST' ? String(req.body?.user_id ?? '') : '';
    if (chosen) {
      const u = users.get(chosen);
      if (!u?.accountEnabled || u.userType !== 'Member')
        return authorizeError(res, 'AADSTS50057: The user account is disabled or unknown.');
      return completeSignIn(res, p, u.id);
    }
    const hinted = p.login_hint
      ? opts.data.users.find((u) => upn(u).toLowerCase() === p.login_hint!.toLowerCase())
      : undefined;
    const remembered = readCookie(req);
    const silentUser =
      hinted?.id ?? (p.prompt === 'login' || p.prompt === 'select_account' ? undefined : remembered);
    if (silentUser && users.has(silentUser) && p.prompt !== 'select_account' && p.prompt !== 'login') {
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
    const people = opts.data.users.filter(
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
        tenantName,
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
    if (back && opts.apps.some((a) => a.redirectUris.some((r) => new URL(r).origin === new URL(back).origin)))
      res.redirect(302, back);
    else
      res
        .type('html')
        .send(
          '<!doctype html><title>Signed out</title><p style="font-family:system-ui">You have signed out.</p>',
        );
  });
  router.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false }), (req, res, next) => {
    handleToken(req, res).catch(next);
  });

  const authenticateGraph: GraphAuthenticator = async (header) => {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    try {
      decodeProtectedHeader(token);
      decodeJwt(token);
    } catch {
      throw new GraphError(
        401,
        'InvalidAuthenticationToken',
        'IDX14100: JWT is not well formed, there are no dots (.).',
      );
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await verifyOwnToken(token, GRAPH_RESOURCE, graphIssuer));
    } catch (err) {
      const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new GraphError(
        401,
        'InvalidAuthenticationToken',
        expired
          ? 'Lifetime validation failed, the token is expired.'
          : 'Access token validation failure. Invalid audience or signature.',
      );
    }
    const principal: GraphPrincipal = {
      tid: String(payload.tid),
      oid: String(payload.oid),
      scopes: typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [],
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      appId: String(payload.appid ?? payload.azp ?? ''),
    };
    return principal;
  };

  const identity: DevIdentity = {
    router,
    controlRouter: express.Router(),
    authenticateGraph,
    keys,
    issuer,
    issueApiToken: async (userId, o = {}) => {
      const app = apps.get(o.clientId ?? opts.apps[0]!.clientId)!;
      const u = users.get(userId);
      if (!u) throw new Error(`no user ${userId}`);
      return apiAccessToken(app, u, o.azp ?? app.clientId, app.apiScopes, o.claims);
    },
    issueGraphToken: async (userId, scopes, o = {}) => {
      const app = apps.get(o.clientId ?? opts.apps[0]!.clientId)!;
      const u = users.get(userId);
      if (!u) throw new Error(`no user ${userId}`);
      const named = scopes
        .map((s) => s.replace(`${GRAPH_RESOURCE}/`, ''))
        .filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
      return graphAccessToken(app, u, named);
    },
    revokeConsent: (userId, scope) => {
      const s = revoked.get(userId) ?? new Set<string>();
      // No scope named: every Graph permission any registered app asks for (a user who never consented).
      const scopes = scope ? [scope] : opts.apps.flatMap((a) => a.graphScopes);
      for (const x of scopes) s.add(x.toLowerCase());
      revoked.set(userId, s);
    },
    requireMfa: (userId, required) => {
      if (required) mfaRequired.add(userId);
      else mfaRequired.delete(userId);
    },
  };

  const control = identity.controlRouter;
  const userScope = z.object({
    userId: z.string(),
    scope: z.string().optional(),
    required: z.boolean().optional(),
  });
  control.post('/revoke-consent', (req, res) => {
    const p = userScope.parse(req.body);
    identity.revokeConsent(p.userId, p.scope ?? '');
    res.status(204).end();
  });
  control.post('/restore-consent', (req, res) => {
    revoked.delete(userScope.parse(req.body).userId);
    res.status(204).end();
  });
  control.post('/require-mfa', (req, res) => {
    const p = userScope.parse(req.body);
    identity.requireMfa(p.userId, p.required ?? true);
    res.status(204).end();
  });
  control.post('/rotate-keys', async (_req, res) => {
    res.json({ kid: await keys.rotate() });
  });
  return identity;
}
