// The values that fill appPackage/manifest.template.json for the built-in demo: the server on
// https://localhost:53000 (serve it with TLS_CERT_FILE/TLS_KEY_FILE to sideload in Teams) and the
// dev tenant's app id for DEVTENANT_SEED=rapport (server/devtenant/server.ts seededGuid).
export const DEMO_VARS = {
  TEAMS_APP_ID: '59ab65c4-59c7-4d54-ac48-9ec5d514aafc',
  AAD_APP_CLIENT_ID: '58d98079-cc1b-47c7-a8bc-016b67e789d2',
  TAB_ENDPOINT: 'https://localhost:53000',
  TAB_DOMAIN: 'localhost:53000',
  APP_NAME_SUFFIX: ' (demo)',
};
