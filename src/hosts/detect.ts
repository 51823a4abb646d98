import type { PageConfig } from '../lib/config';
import type { Host } from './host';
import { standaloneHost } from './standalone';

/**
 * Outlook for the pane when framed (or told so), Teams for a framed tab (or when told so), otherwise a
 * plain browser. Each probe has a timeout: detection never hangs.
 */
export async function detectHost(
  config: PageConfig,
  framed = window.self !== window.top,
  page: 'tab' | 'pane' = 'tab',
): Promise<Host> {
  if (config.host === 'outlook' || (framed && page === 'pane' && !config.host)) {
    const { outlookHost } = await import('./outlook');
    const host = await outlookHost(framed ? 5000 : 1500, config.theme).catch(() => null);
    if (host) return host;
  }
  if (config.host === 'teams' || (framed && page === 'tab' && !config.host)) {
    const { teamsHost } = await import('./teams');
    const host = await teamsHost(framed ? 5000 : 1500, config.theme).catch(() => null);
    if (host) return host;
  }
  return standaloneHost(config.theme);
}
