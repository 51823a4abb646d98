import type { DirectoryUser } from '../../model';
import { oauthError } from '../errors';
import type { AppRegistration } from '../options';
import type { IdentityState } from '../state';

/** What every grant of the token endpoint receives, and answers with: a token response body. */
export interface GrantRequest {
  /** The authenticated client. */
  app: AppRegistration;
  /** The form body, as posted. */
  body: Record<string, string>;
  /** Scopes the request names (may be empty). */
  scopes: string[];
  /** `client_info=1`: MSAL asks for the user's home account ids. */
  clientInfo: boolean;
}

export type Grant = (state: IdentityState, req: GrantRequest) => Promise<Record<string, unknown>>;

/** The user a grant acts for; disabled accounts get AADSTS50057. */
export function enabledUser(state: IdentityState, id: string): DirectoryUser {
  const u = state.users.get(id);
  if (!u?.accountEnabled) throw oauthError(400, 'invalid_grant', 50057, 'The user account is disabled.');
  return u;
}
