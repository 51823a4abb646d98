import express from 'express';
import type { JWTPayload } from 'jose';
import type { GraphAuthenticator } from '../principal';
import { createAuthorizeRouter } from './authorize';
import { createControlRouter, requireMfa, revokeConsent } from './control';
import { createDiscoveryRouter } from './discovery';
import { KeyRing } from './keys';
import { GRAPH_RESOURCE, type IdentityOptions, OIDC_SCOPES } from './options';
import { createIdentityState } from './state';
import { createTokenRouter } from './tokenEndpoint';
import { apiAccessToken, graphAccessToken } from './tokens';
import { createGraphAuthenticator } from './verify';

/**
 * The dev tenant's Microsoft Entra ID: OIDC discovery, signing keys, a sign-in page, and a v2 token
 * endpoint with the grants Rapport uses (authorization code + PKCE, refresh token, on-behalf-of,
 * client credentials). Responses and errors follow Entra's shapes so MSAL Node and jose treat it as
 * the real thing.
 */

export { type AppRegistration, GRAPH_APP_ID, GRAPH_RESOURCE, type IdentityOptions } from './options';

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

export async function createIdentity(opts: IdentityOptions): Promise<DevIdentity> {
  const state = createIdentityState(opts, await KeyRing.create());
  const { apps, users } = state;

  const router = express.Router();
  router.use(createDiscoveryRouter(state));
  router.use(createAuthorizeRouter(state));
  router.use(createTokenRouter(state));

  return {
    router,
    controlRouter: createControlRouter(state),
    authenticateGraph: createGraphAuthenticator(state),
    keys: state.keys,
    issuer: state.issuer,
    issueApiToken: async (userId, o = {}) => {
      const app = apps.get(o.clientId ?? opts.apps[0]!.clientId)!;
      const u = users.get(userId);
      if (!u) throw new Error(`no user ${userId}`);
      return apiAccessToken(state, app, u, o.azp ?? app.clientId, app.apiScopes, o.claims);
    },
    issueGraphToken: async (userId, scopes, o = {}) => {
      const app = apps.get(o.clientId ?? opts.apps[0]!.clientId)!;
      const u = users.get(userId);
      if (!u) throw new Error(`no user ${userId}`);
      const named = scopes
        .map((s) => s.replace(`${GRAPH_RESOURCE}/`, ''))
        .filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
      return graphAccessToken(state, app, u, named);
    },
    revokeConsent: (userId, scope) => revokeConsent(state, userId, scope),
    requireMfa: (userId, required) => requireMfa(state, userId, required),
  };
}
