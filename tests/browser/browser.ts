import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { type DemoProcess, startDemo } from '../helpers/demo';
import { chromiumExecutable, systemChromium } from './chromium';

export async function launchBrowser(): Promise<Browser> {
  // Under vitest the config has resolved it into CHROME_PATH; the tab bench resolves it here.
  const executablePath = process.env.CHROME_PATH || (await chromiumExecutable());
  if (!executablePath) throw new Error('no Chromium found (set CHROME_PATH, or install @sparticuz/chromium)');
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
  const found = systemChromium(); // vitest.config puts the packaged one in CHROME_PATH
  if (!found && !process.env.CI) {
    console.warn(
      `\n*** SKIPPING browser tests "${name}": no Chromium (set CHROME_PATH; the packaged @sparticuz/chromium did not unpack) ***\n`,
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
