import type { TokenGetter } from './auth';

/**
 * Nested app authentication: MSAL's nestable public client, brokered by Outlook. Loaded with a
 * dynamic import, only when the client supports NestedAppAuth 1.1 — msal-browser stays out of the
 * pane's first download. Asks for Rapport's API scope (`api://…/access_as_user`): a real scope,
 * never only openid/profile (which crashes NAA on Mac and mobile).
 */
export async function naaGetter(cfg: {
  clientId: string;
  apiScope: string;
  authority: string;
}): Promise<TokenGetter> {
  const { createNestablePublicClientApplication } = await import('@azure/msal-browser');
  const pca = await createNestablePublicClientApplication({
    auth: { clientId: cfg.clientId, authority: cfg.authority },
  });
  const request = { scopes: [cfg.apiScope] };
  return async ({ forceRefresh }) => {
    try {
      return (await pca.acquireTokenSilent({ ...request, forceRefresh })).accessToken;
    } catch {
      // No cached token or interaction required: the popup (NAA forbids the redirect flows).
      return (await pca.acquireTokenPopup(request)).accessToken;
    }
  };
}
