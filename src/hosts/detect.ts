import type { PageConfig } from '../lib/config';
import type { Host } from './host';
import { standaloneHost } from './standalone';

/** Teams when the page is framed (or told so); otherwise a plain browser. Never hangs. */
export async function detectHost(config: PageConfig, framed = window.self !== window.top): Promise<Host> {
  if (config.host === 'teams' || (framed && config.host !== 'standalone' && config.host !== 'outlook')) {
    const { teamsHost } = await import('./teams');
    const host = await teamsHost(framed ? 5000 : 1500, config.theme).catch(() => null);
    if (host) return host;
  }
  return standaloneHost(config.theme);
}
