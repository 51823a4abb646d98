import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { OAuthError, oauthError, sendOAuthError } from './errors';
import { authorizationCodeGrant } from './grants/authorizationCode';
import { clientCredentialsGrant } from './grants/clientCredentials';
import type { Grant } from './grants/grant';
import { onBehalfOfGrant } from './grants/onBehalfOf';
import { refreshTokenGrant } from './grants/refreshToken';
import type { AppRegistration } from './options';
import type { IdentityState } from './state';

/** The v2 token endpoint: authenticates the client, then hands the request to its grant. */

const GRANTS = new Map<string, Grant>([
  ['authorization_code', authorizationCodeGrant],
  ['refresh_token', refreshTokenGrant],
  ['urn:ietf:params:oauth:grant-type:jwt-bearer', onBehalfOfGrant],
  ['client_credentials', clientCredentialsGrant],
]);

const tokenBody = z.object({ grant_type: z.string(), scope: z.string().optional() }).passthrough();

/** The client from the form body or HTTP Basic; a confidential client must present its secret. */
function authenticateClient(state: IdentityState, req: Request): AppRegistration {
  let clientId = typeof req.body?.client_id === 'string' ? req.body.client_id : undefined;
  let secret = typeof req.body?.client_secret === 'string' ? req.body.client_secret : undefined;
  const basic = req.header('authorization');
  if (basic?.startsWith('Basic ')) {
    const [id, s] = Buffer.from(basic.slice(6), 'base64').toString().split(':');
    clientId ??= decodeURIComponent(id ?? '');
    secret ??= decodeURIComponent(s ?? '');
  }
  const app = clientId ? state.apps.get(clientId) : undefined;
  if (!app)
    throw oauthError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${state.tenantName}'.`,
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

async function handleToken(state: IdentityState, req: Request, res: Response) {
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
    const app = authenticateClient(state, req);
    const scopes = (b.scope ?? '').split(/\s+/).filter(Boolean);
    const grant = GRANTS.get(b.grant_type ?? '');
    if (!grant)
      throw oauthError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${b.grant_type}'.`,
      );
    res.json(await grant(state, { app, body: b, scopes, clientInfo: b.client_info === '1' }));
  } catch (err) {
    if (err instanceof OAuthError) sendOAuthError(res, err, state.clock);
    else throw err;
  }
}

export function createTokenRouter(state: IdentityState): express.Router {
  const router = express.Router();
  router.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false }), (req, res, next) => {
    handleToken(state, req, res).catch(next);
  });
  return router;
}
