import type { TenantData } from '../model';

/** What the dev tenant's Entra ID is configured with: the tenant's data and its app registrations. */

export interface AppRegistration {
  clientId: string;
  clientSecret?: string;
  displayName: string;
  redirectUris: string[];
  /** e.g. api://localhost/{clientId}: the API's scopes are `${identifierUri}/${scope}`. */
  identifierUris: string[];
  apiScopes: string[];
  /** Delegated Microsoft Graph permissions the app is consented for (tenant-wide in the demo). */
  graphScopes: string[];
}

export interface IdentityOptions {
  data: TenantData;
  /** https origin: issuer, token endpoint, keys. */
  issuerOrigin: string;
  /** Where a browser reaches the sign-in page (plain http on loopback). */
  browserOrigin: string;
  apps: AppRegistration[];
  clock?: () => Date;
  /** Access-token lifetime in seconds (Entra: random 60–90 minutes). */
  accessTokenSeconds?: number;
}

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Scopes that ask for sign-in and tokens rather than a resource's permission. */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
