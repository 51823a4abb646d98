/**
 * What the pane needs to know about the app registration for nested app authentication: the
 * client id and Rapport's API scope. The server puts no configuration in the page and has no
 * config route, so they come from the pane's URL — the manifest's page URL carries them
 * (`/pane/?clientId=${{AAD_APP_CLIENT_ID}}&teamsAppId=${{TEAMS_APP_ID}}`). Without a client id
 * the pane skips NAA and starts with Office SSO, which needs none (the manifest's
 * webApplicationInfo names the app).
 */
export interface PaneConfig {
  clientId: string | null;
  /** `api://{host}/{clientId}/access_as_user` unless given (`apiScope=`). */
  apiScope: string | null;
  authority: string;
  /** The Teams app id, for a deep link to the Rapport tab. */
  teamsAppId: string | null;
  /** This page was opened in the Office dialog to sign in. */
  authDialog: boolean;
  signinError: string | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readPaneConfig(search: string, host: string): PaneConfig {
  const q = new URLSearchParams(search);
  const clientId = GUID.test(q.get('clientId') ?? '') ? q.get('clientId')! : null;
  const teamsAppId = GUID.test(q.get('teamsAppId') ?? '') ? q.get('teamsAppId')! : null;
  const scope = q.get('apiScope');
  const authority = q.get('authority');
  return {
    clientId,
    apiScope:
      scope && /^api:\/\/[^\s]+\/[\w.-]+$/.test(scope)
        ? scope
        : clientId
          ? `api://${host}/${clientId}/access_as_user`
          : null,
    authority:
      authority && /^https:\/\/[^\s]+$/.test(authority)
        ? authority
        : 'https://login.microsoftonline.com/common',
    teamsAppId,
    authDialog: q.get('authDialog') === '1',
    signinError: q.get('signin_error'),
  };
}
