import { Client } from '@microsoft/microsoft-graph-client';

/**
 * A Graph SDK client for one caller. The base URL is configuration (global Graph, a national cloud,
 * or the dev tenant); the SDK only attaches tokens to hosts it knows, so a non-Microsoft host is
 * declared as a custom host.
 */
export function createGraphClient(opts: { baseUrl: string; getToken: () => Promise<string> }): Client {
  const host = new URL(opts.baseUrl).hostname;
  const isMicrosoftGraph =
    /(^|\.)graph\.microsoft\.(com|us)$|^microsoftgraph\.chinacloudapi\.cn$|^dod-graph\.microsoft\.us$/.test(
      host,
    );
  return Client.initWithMiddleware({
    baseUrl: `${opts.baseUrl.replace(/\/+$/, '')}/`,
    defaultVersion: 'v1.0',
    authProvider: { getAccessToken: opts.getToken },
    ...(isMicrosoftGraph ? {} : { customHosts: new Set([host]) }),
  });
}
