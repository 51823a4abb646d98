import { HttpError } from '../http/problem';

/** A token problem: 401 (bad or missing token) or 403 (valid token, not enough), with WWW-Authenticate. */
export class AuthError extends HttpError {
  constructor(
    status: 401 | 403,
    error: 'invalid_token' | 'insufficient_scope' | 'invalid_request',
    description: string,
    realm: string,
  ) {
    super(
      status,
      { title: status === 401 ? 'Unauthorized' : 'Forbidden', detail: description, code: error },
      // Header values must be plain ASCII: quotes and anything else are replaced.
      {
        'WWW-Authenticate': `Bearer realm="${realm}", error="${error}", error_description="${description.replace(/[^\x20-\x21\x23-\x7e]/g, "'")}"`,
      },
    );
  }
}

/**
 * The user (or an admin) has not consented to a Graph permission Rapport needs. The client asks for
 * consent (Teams: authentication.authenticate with the consent page) and retries.
 */
export class ConsentRequiredError extends HttpError {
  constructor(scopes: string[]) {
    super(
      403,
      {
        title: 'Consent required',
        code: 'consent_required',
        detail: `Grant Rapport access to: ${scopes.join(', ')}`,
      },
      {
        'WWW-Authenticate': `Bearer error="consent_required", error_description="consent required for ${scopes.join(' ')}"`,
      },
    );
  }
}

/**
 * Entra needs the user to interact (MFA, Conditional Access). Its claims challenge is passed through
 * so the client gets a fresh token presenting those claims instead of retrying the cached one.
 */
export class InteractionRequiredError extends HttpError {
  constructor(claims: string | undefined) {
    const encoded = claims ? Buffer.from(claims).toString('base64') : '';
    super(
      401,
      {
        title: 'Interaction required',
        code: 'interaction_required',
        detail: 'Sign in again to satisfy the policies of your organisation.',
      },
      { 'WWW-Authenticate': `Bearer error="insufficient_claims", claims="${encoded}"` },
    );
  }
}
