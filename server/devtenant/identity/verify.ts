import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
import { GraphError } from '../graph/errors';
import type { GraphAuthenticator, GraphPrincipal } from '../principal';
import { GRAPH_RESOURCE } from './options';
import type { IdentityState } from './state';

/** Checking tokens the dev tenant issued: OBO assertions and the bearer tokens Graph requests carry. */

export async function verifyOwnToken(state: IdentityState, token: string, audience: string, iss: string) {
  const jwks = createLocalJWKSet({ keys: state.keys.publicKeys() });
  return jwtVerify(token, jwks, {
    audience,
    issuer: iss,
    algorithms: ['RS256'],
    currentDate: state.clock(),
    clockTolerance: 60,
  });
}

/** Graph's answer to a bearer token: a principal, or a 401 worded as Graph words it. */
export function createGraphAuthenticator(state: IdentityState): GraphAuthenticator {
  return async (header) => {
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
      ({ payload } = await verifyOwnToken(state, token, GRAPH_RESOURCE, state.graphIssuer));
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
}
