import { appGraphToken } from '../tokens';
import type { Grant } from './grant';

/** `client_credentials`: an app-only Graph token, without refresh or id token. */
export const clientCredentialsGrant: Grant = async (state, { app }) => ({
  token_type: 'Bearer',
  expires_in: state.lifetime,
  ext_expires_in: state.lifetime,
  access_token: await appGraphToken(state, app),
});
