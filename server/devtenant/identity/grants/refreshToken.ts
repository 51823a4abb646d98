import { oauthError } from '../errors';
import { tokenResponse } from '../tokens';
import { enabledUser, type Grant } from './grant';

/** `refresh_token`: a refresh token the same client was issued. */
export const refreshTokenGrant: Grant = async (state, { app, body: b, scopes, clientInfo }) => {
  const grant = state.refreshTokens.get(b.refresh_token ?? '');
  if (!grant || grant.clientId !== app.clientId) {
    throw oauthError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
  }
  return tokenResponse(state, app, enabledUser(state, grant.userId), scopes, null, clientInfo);
};
