import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { type DemoProcess, startDemo } from '../helpers/demo';

/** Debian's Chromium (or CHROME_PATH); browser downloads are impossible here. */
export function findChromium(): string | null {
  for (const p of [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found (set CHROME_PATH or install Debian’s chromium)');
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Browser suites skip loudly without Chromium — except in CI, where a missing browser fails. */
export function describeBrowser(name: string, fn: () => void): void {
  const found = findChromium();
  if (!found && !process.env.CI) {
    console.warn(
      `\n*** SKIPPING browser tests "${name}": no Chromium (set CHROME_PATH or apt-get install chromium) ***\n`,
    );
    describe.skip(name, fn);
    return;
  }
  describe(name, fn);
}

/** Opens the tab and signs in on the dev tenant's page as the demo user, Megan Bowen. */
export async function signInAsMegan(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/tab/`);
  await page.getByRole('button', { name: /Megan Bowen/ }).click({ timeout: 30_000 });
  await page.waitForURL(/\/tab\//);
}

/**
 * For a browser suite: before its tests, starts the real demo (with `demoEnv`) and launches Chromium
 * together, makes test-results/ and runs the suite's own `setup` (a page, sign-in, routes) — all in
 * one beforeAll of `timeout` ms; after them, closes the browser and stops the demo.
 */
export function demoInBrowser(
  options: {
    demoEnv?: Record<string, string>;
    setup?: (demo: DemoProcess, browser: Browser) => Promise<void>;
    timeout?: number;
  } = {},
): { demo: () => DemoProcess; browser: () => Browser } {
  let demo: DemoProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo(options.demoEnv), launchBrowser()]);
    fs.mkdirSync('test-results', { recursive: true });
    await options.setup?.(demo, browser);
  }, options.timeout ?? 180_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });
  return { demo: () => demo!, browser: () => browser! };
}
