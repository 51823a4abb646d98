import fs from 'node:fs';
import path from 'node:path';
import { composeServer } from './compose';
import { ConfigError, loadConfig } from './config';

/**
 * Process entry: configuration, then everything else. A bad setting is one clear line and exit 1;
 * `scripts/start.mjs` runs this with the dev tenant's certificate trusted (NODE_EXTRA_CA_CERTS).
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const staticDir = path.resolve('dist/web');
  const running = await composeServer(config, {
    staticDir: fs.existsSync(path.join(staticDir, 'tab', 'index.html')) ? staticDir : undefined,
    installSignalHandlers: true,
  });
  const lines = [
    '',
    `Rapport is running${config.RAPPORT_MODE === 'demo' ? ' in demo mode (built-in dev tenant)' : ''}:`,
    `  Teams tab      ${running.url}/tab/`,
    `  Outlook pane   ${running.url}/pane/`,
    ...(config.RAPPORT_MODE === 'demo'
      ? [
          `  Outlook harness ${running.url}/harness/ (the real pane in a stand-in Outlook: inbox, compose, meeting)`,
        ]
      : []),
    `  API health     ${running.url}/api/health`,
  ];
  if (running.devTenant) {
    lines.push(
      `  Dev tenant     ${running.devTenant.origin} (Graph /v1.0, Entra /${running.devTenant.tenantId}/v2.0)`,
      `  Sign-in page   ${running.devTenant.browserOrigin} (demo users; opens when you visit the tab)`,
    );
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  console.error(`Rapport failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
