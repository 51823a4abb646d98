import { oauthError } from '../errors';
import { sha256url, tokenResponse } from '../tokens';
import { enabledUser, type Grant } from './grant';

/** `authorization_code`: a code from the sign-in page, once, for its client and redirect URI, with PKCE. */
export const authorizationCodeGrant: Grant = async (state, { app, body: b, scopes, clientInfo }) => {
  const code = state.codes.get(b.code ?? '');
  state.codes.delete(b.code ?? '');
  if (!code || code.expiresAt < state.clock().getTime() || code.clientId !== app.clientId) {
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
  return tokenResponse(
    state,
    app,
    enabledUser(state, code.userId),
    scopes.length ? scopes : code.scopes,
    code.nonce,
    clientInfo,
  );
};
