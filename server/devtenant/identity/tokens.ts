import { createHash, randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { DirectoryUser } from '../model';
import { consentRequired } from './errors';
import { type AppRegistration, GRAPH_RESOURCE } from './options';
import { grantedGraphScopes, resolveScopes } from './scopes';
import type { IdentityState } from './state';

/**
 * Token minting, shaped like Entra's: v2 id tokens and API access tokens, v1 Graph access tokens
 * (delegated and app-only), and the token endpoint's response for any grant.
 */

export const sha256url = (s: string) => createHash('sha256').update(s).digest('base64url');
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function idToken(state: IdentityState, app: AppRegistration, u: DirectoryUser, nonce: string | null) {
  const iat = state.now();
  return state.keys.sign({
    aud: app.clientId,
    iss: state.issuer(state.tid),
    iat,
    nbf: iat,
    exp: iat + 3600,
    name: u.displayName,
    oid: u.id,
    preferred_username: u.userPrincipalName,
    sub: sha256url(`${app.clientId}:${u.id}`).slice(0, 43),
    tid: state.tid,
    ver: '2.0',
    ...(nonce ? { nonce } : {}),
  });
}

export async function apiAccessToken(
  state: IdentityState,
  audienceApp: AppRegistration,
  u: DirectoryUser,
  azp: string,
  scopes: string[],
  claims: JWTPayload = {},
) {
  const iat = state.now();
  return state.keys.sign({
    aud: audienceApp.clientId,
    iss: state.issuer(state.tid),
    iat,
    nbf: iat,
    exp: iat + state.lifetime,
    aio: randomBytes(24).toString('base64'),
    azp,
    azpacr: '1',
    e_exp: 262800,
    name: u.displayName,
    oid: u.id,
    preferred_username: u.userPrincipalName,
    rh: `0.${randomBytes(12).toString('base64url')}.`,
    scp: scopes.join(' '),
    sub: sha256url(`${audienceApp.clientId}:${u.id}`).slice(0, 43),
    tid: state.tid,
    uti: randomBytes(16).toString('base64url').slice(0, 22),
    ver: '2.0',
    ...claims,
  });
}

/** A delegated Graph token; `scopes` defaults to what the user still grants the app. */
export async function graphAccessToken(
  state: IdentityState,
  app: AppRegistration,
  u: DirectoryUser,
  scopes?: string[],
) {
  const iat = state.now();
  return state.keys.sign(
    {
      aud: GRAPH_RESOURCE,
      iss: state.graphIssuer,
      iat,
      nbf: iat,
      exp: iat + state.lifetime,
      app_displayname: app.displayName,
      appid: app.clientId,
      appidacr: '1',
      name: u.displayName,
      oid: u.id,
      scp: (scopes ?? grantedGraphScopes(state, app, u.id)).join(' '),
      sub: sha256url(`graph:${u.id}`).slice(0, 43),
      tid: state.tid,
      unique_name: u.userPrincipalName,
      upn: u.userPrincipalName,
      uti: randomBytes(16).toString('base64url').slice(0, 22),
      ver: '1.0',
    },
    { nonce: randomBytes(16).toString('base64url') },
  );
}

/** An app-only Graph token (client credentials): the app is its own principal, without roles. */
export async function appGraphToken(state: IdentityState, app: AppRegistration) {
  const iat = state.now();
  return state.keys.sign({
    aud: GRAPH_RESOURCE,
    iss: state.graphIssuer,
    iat,
    nbf: iat,
    exp: iat + state.lifetime,
    appid: app.clientId,
    app_displayname: app.displayName,
    oid: app.clientId,
    roles: [],
    tid: state.tid,
    ver: '1.0',
  });
}

/** Issues the token response for a user and a set of requested scopes (any grant). */
export async function tokenResponse(
  state: IdentityState,
  app: AppRegistration,
  u: DirectoryUser,
  requested: string[],
  nonce: string | null,
  wantsClientInfo: boolean,
) {
  const { oidc, api, graph } = resolveScopes(state, app, requested);
  if (graph.length) {
    const without = state.revoked.get(u.id);
    const missing = graph.find((s) => without?.has(s.toLowerCase()));
    if (missing) {
      throw consentRequired(app);
    }
  }
  let accessToken: string;
  let scope: string;
  if (api.length) {
    const target = state.opts.apps.find((a) => a.identifierUris.some((i) => api[0]!.startsWith(`${i}/`)))!;
    accessToken = await apiAccessToken(
      state,
      target,
      u,
      app.clientId,
      api.map((s) => s.slice(s.lastIndexOf('/') + 1)),
    );
    scope = api.join(' ');
  } else {
    accessToken = await graphAccessToken(state, app, u);
    const granted = grantedGraphScopes(state, app, u.id);
    scope = (graph.length && !graph.includes('.default') ? graph : granted)
      .map((s) => `${GRAPH_RESOURCE}/${s}`)
      .join(' ');
  }
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: [scope, ...oidc.filter((s) => s !== 'offline_access')].filter(Boolean).join(' '),
    expires_in: state.lifetime,
    ext_expires_in: state.lifetime,
    access_token: accessToken,
  };
  if (oidc.some((s) => s.toLowerCase() === 'offline_access')) {
    const rt = `0.${randomBytes(48).toString('base64url')}`;
    state.refreshTokens.set(rt, { clientId: app.clientId, userId: u.id });
    body.refresh_token = rt;
  }
  if (oidc.some((s) => s.toLowerCase() === 'openid')) body.id_token = await idToken(state, app, u, nonce);
  if (wantsClientInfo) body.client_info = b64url({ uid: u.id, utid: state.tid });
  return body;
}
