import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoInBrowser, describeBrowser, signInAsMegan } from './browser';
import { teamsHostPage } from './fixtures/teamsHost';

/**
 * The tab inside Teams, as far as it can be without Teams: a host page frames the built tab and
 * speaks teams-js' postMessage protocol (tests/browser/fixtures/teamsHost.ts). The tab must detect
 * Teams, take the theme from the context and follow live changes, call the API with the SSO token
 * the host hands out, and on a consent error run the host's authentication flow and retry.
 */
describeBrowser('tab hosted in Teams (teams-js protocol)', () => {
  let page: Page;
  let tab: FrameLocator;
  const consentUrls: string[] = [];
  type Call = { func: string; args: unknown[] };
  /** The dev tenant's control API (HTTPS on the next port, with the demo's own certificate). */
  const devTenantControl = (action: string, body: object) =>
    new Promise<void>((resolve, reject) => {
      const req = https.request(
        {
          host: 'localhost',
          port: Number(new URL(demo().url).port) + 1,
          path: `/_devtenant/identity/${action}`,
          method: 'POST',
          ca: fs.readFileSync(path.join(demo().dataDir, 'certs', 'devtenant-cert.pem')),
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          if (res.statusCode === 204) resolve();
          else reject(new Error(`${action}: ${res.statusCode}`));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  const hostCalls = () =>
    page.evaluate(() => (window as unknown as { teamsHost: { calls: Call[] } }).teamsHost.calls);

  // Over HTTPS, as Teams requires (teams-js' authenticate() refuses http URLs), with the dev
  // tenant's certificate, which the browser is told to accept.
  const certs = path.resolve('data/certs');
  const { demo, browser } = demoInBrowser({
    demoEnv: {
      TLS_CERT_FILE: path.join(certs, 'devtenant-cert.pem'),
      TLS_KEY_FILE: path.join(certs, 'devtenant-key.pem'),
    },
    setup: async (demo, browser) => {
      page = await browser.newPage({ ignoreHTTPSErrors: true });
      // Teams SSO hands the tab a token for the signed-in user; the host page gets it from a session.
      await signInAsMegan(page, demo.url);
      await page.route(`${demo.url}/teams-host.html`, (route) =>
        route.fulfill({ contentType: 'text/html', body: teamsHostPage('/tab/', 'dark') }),
      );
      await page.exposeFunction('consentPopup', (url: string) => {
        consentUrls.push(url);
        return true;
      });
    },
  });

  it('detects Teams, takes its theme and signs in with the SSO token', { timeout: 120_000 }, async () => {
    await page.goto(`${demo().url}/teams-host.html`);
    tab = page.frameLocator('#tab');
    await tab.locator('[data-host="teams"][data-theme="dark"]').waitFor({ timeout: 30_000 });
    // Inside Teams there is no sign-out button: Teams owns the session.
    expect(await tab.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    // The API accepted the host's token: the first sync's progress or the map shows.
    await tab
      .locator('[data-testid="sync-progress"], [data-testid="relationship-map"]')
      .first()
      .waitFor({ timeout: 60_000 });
    const funcs = (await hostCalls()).map((c) => c.func);
    expect(funcs).toEqual(
      expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']),
    );
  });

  it('follows the Teams theme live', async () => {
    await page.evaluate(() =>
      (window as unknown as { teamsHost: { setTheme(t: string): void } }).teamsHost.setTheme('contrast'),
    );
    await tab.locator('[data-host="teams"][data-theme="contrast"]').waitFor({ timeout: 10_000 });
    await page.evaluate(() =>
      (window as unknown as { teamsHost: { setTheme(t: string): void } }).teamsHost.setTheme('default'),
    );
    await tab.locator('[data-host="teams"][data-theme="light"]').waitFor({ timeout: 10_000 });
  });

  it('asks Teams for consent when the API needs it, then retries', { timeout: 60_000 }, async () => {
    // The server's consent_required path (Entra AADSTS65001 on the on-behalf-of call) is tested in
    // tests/auth; here its response is injected once, to test the tab's side of the host flow.
    let injected = false;
    await page.route(`${demo().url}/api/me`, async (route) => {
      if (injected) return route.continue();
      injected = true;
      await route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        headers: { 'WWW-Authenticate': 'Bearer error="consent_required"' },
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Consent required',
          status: 403,
          detail: 'Rapport needs your consent to read your profile.',
          code: 'consent_required',
        }),
      });
    });
    await tab.getByRole('tab', { name: 'You' }).click();
    await tab.getByRole('button', { name: 'Grant consent' }).click({ timeout: 30_000 });
    await tab.getByTestId('me-card').getByText('Megan Bowen').waitFor({ timeout: 30_000 });
    expect(consentUrls).toHaveLength(1);
    expect(consentUrls[0]).toMatch(/\/auth\/login\?prompt=consent/);
    const auth = (await hostCalls()).find((c) => c.func === 'authentication.authenticate');
    expect(auth?.args.slice(1, 3)).toEqual([600, 535]);
  });

  it('opens chat with a person through Teams, not by navigating the frame', { timeout: 60_000 }, async () => {
    await tab.getByRole('tab', { name: 'Table' }).click();
    const row = tab.getByTestId('table-row').first();
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button').first().click();
    const panel = tab.getByTestId('person-panel');
    await panel.getByRole('button', { name: 'Chat' }).click({ timeout: 15_000 });
    await expect
      .poll(async () => (await hostCalls()).find((c) => c.func === 'executeDeepLink')?.args[0])
      .toMatch(/^https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=[^&]+%40/);
    expect(page.frames()[1]?.url()).toMatch(/\/tab\//);
  });

  it(
    'on a first run without Graph consent, asks Teams for it and then starts the sync',
    { timeout: 120_000 },
    async () => {
      // A colleague who has never used Rapport, in a tenant where nobody consented for them yet.
      const context = await browser().newContext({ ignoreHTTPSErrors: true });
      const first = await context.newPage();
      await first.goto(`${demo().url}/tab/`);
      const someone = first.locator('button[name="user_id"]').nth(3);
      const userId = (await someone.getAttribute('value', { timeout: 30_000 }))!;
      await devTenantControl('revoke-consent', { userId });
      await someone.click();
      await first.waitForURL(/\/tab\//);
      // The standalone tab has no consent flow of its own to test here: go straight to Teams.
      await first.route(`${demo().url}/teams-host.html`, (route) =>
        route.fulfill({ contentType: 'text/html', body: teamsHostPage('/tab/', 'default') }),
      );
      const asked: string[] = [];
      await first.exposeFunction('consentPopup', async (url: string) => {
        asked.push(url);
        await devTenantControl('restore-consent', { userId });
        return true;
      });
      await first.goto(`${demo().url}/teams-host.html`);
      const frame = first.frameLocator('#tab');
      const banner = frame.getByTestId('sync-consent');
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.textContent()).toMatch(/permission to read your calendar and mail/);
      await banner.getByRole('button', { name: 'Grant consent' }).click();
      await frame
        .locator('[data-testid="sync-progress"], [data-testid="relationship-map"]')
        .first()
        .waitFor({ timeout: 60_000 });
      expect(asked).toEqual([expect.stringMatching(/\/auth\/login\?prompt=consent/)]);
      await context.close();
    },
  );
});
