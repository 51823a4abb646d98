import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { Logger } from '../logger';

const MICROSOFT_AUTHORITY_HOSTS = [
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
];

/** An MSAL confidential client for Rapport's app registration; the authority host is configuration. */
export function createMsalClient(opts: {
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  tenantId: string;
  logger?: Logger;
}) {
  const host = new URL(opts.authorityHost).host;
  return new ConfidentialClientApplication({
    auth: {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      authority: `${opts.authorityHost}/${opts.tenantId}`,
      // Outside Microsoft's clouds (the dev tenant, a sovereign proxy) MSAL must be told to trust the host.
      ...(MICROSOFT_AUTHORITY_HOSTS.includes(host) ? {} : { knownAuthorities: [host] }),
    },
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) => {
          if (level <= LogLevel.Warning) opts.logger?.warn({ msal: message });
        },
      },
    },
  });
}
