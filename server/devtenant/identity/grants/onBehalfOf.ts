import type { JWTPayload } from 'jose';
import { oauthError } from '../errors';
import { GRAPH_APP_ID } from '../options';
import { tokenResponse } from '../tokens';
import { verifyOwnToken } from '../verify';
import { enabledUser, type Grant } from './grant';

/** The claims challenge Entra returns with AADSTS50079 when a policy requires MFA. */
const MFA_CLAIMS = JSON.stringify({
  access_token: { polids: { essential: true, values: ['9ab03e19-ed42-4168-b6b7-7001fb3e933a'] } },
});

/**
 * The on-behalf-of grant (jwt-bearer, `requested_token_use=on_behalf_of`): an API token this
 * tenant issued to the client, exchanged for the same user; users marked for MFA get
 * `interaction_required` with claims.
 */
export const onBehalfOfGrant: Grant = async (state, { app, body: b, scopes, clientInfo }) => {
  if (b.requested_token_use !== 'on_behalf_of')
    throw oauthError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'requested_token_use'.",
    );
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await verifyOwnToken(
      state,
      b.assertion ?? '',
      app.clientId,
      state.issuer(state.tid),
    ));
  } catch (err) {
    const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw oauthError(
      400,
      'invalid_grant',
      expired ? 500133 : 50013,
      expired ? 'Assertion is not within its valid time range.' : 'Assertion failed signature validation.',
    );
  }
  const u = enabledUser(state, String(claims.oid));
  if (state.mfaRequired.has(u.id)) {
    throw oauthError(
      400,
      'interaction_required',
      50079,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multifactor authentication to access '${GRAPH_APP_ID}'.`,
      { claims: MFA_CLAIMS, suberror: 'basic_action' },
    );
  }
  return tokenResponse(state, app, u, scopes, null, clientInfo);
};
