import { consentRequired, oauthError } from './errors';
import { type AppRegistration, GRAPH_RESOURCE, OIDC_SCOPES } from './options';
import type { IdentityState } from './state';

/** Which resource requested scopes address, and which Graph permissions a user still grants an app. */

/** Splits requested scopes into the one resource they address (Entra issues one per token). */
export function resolveScopes(state: IdentityState, app: AppRegistration, requested: string[]) {
  const oidc = requested.filter((s) => OIDC_SCOPES.has(s.toLowerCase()));
  const rest = requested.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
  const api = rest.filter((s) => s.startsWith('api://'));
  const graph = rest
    .filter((s) => !s.startsWith('api://'))
    .map((s) => (s.toLowerCase().startsWith(`${GRAPH_RESOURCE}/`) ? s.slice(GRAPH_RESOURCE.length + 1) : s));
  if (api.length && graph.length) {
    throw oauthError(
      400,
      'invalid_request',
      28000,
      'Provided value for the input parameter scope is not valid because it contains more than one resource.',
    );
  }
  for (const s of api) {
    const target = state.opts.apps.find((a) => a.identifierUris.some((u) => s.startsWith(`${u}/`)));
    const scope = target && s.slice(s.lastIndexOf('/') + 1);
    if (!target || !scope || !target.apiScopes.includes(scope)) {
      throw oauthError(
        400,
        'invalid_scope',
        70011,
        `The provided value for the input parameter 'scope' is not valid. The scope ${s} does not exist.`,
      );
    }
  }
  for (const s of graph) {
    if (s === '.default') continue;
    if (!app.graphScopes.some((g) => g.toLowerCase() === s.toLowerCase())) {
      throw consentRequired(app);
    }
  }
  return { oidc, api, graph };
}

export function grantedGraphScopes(state: IdentityState, app: AppRegistration, userId: string): string[] {
  const without = state.revoked.get(userId) ?? new Set();
  return app.graphScopes.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()) && !without.has(s.toLowerCase()));
}
