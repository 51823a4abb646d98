import fs from 'node:fs';
import { expect, it } from 'vitest';
import { demoInBrowser, describeBrowser } from './browser';

/**
 * The new user's path through the real demo: `npm start`'s launcher, the tab in headless Chromium,
 * the dev tenant's sign-in page, and the slice read through OBO and the Graph SDK.
 */
describeBrowser('demo: sign in and see yourself, your manager chain and your department', () => {
  const { demo, browser } = demoInBrowser();

  it(
    'signs in as the demo sales director through the sign-in page and shows the slice',
    {
      timeout: 120_000,
    },
    async () => {
      const page = await browser().newPage();
      await page.goto(`${demo().url}/tab/`);
      // Not signed in: the tab sends the browser to the dev tenant's sign-in page.
      await page
        .getByRole('heading', { name: /Sign in to Rapport/ })
        .waitFor({ timeout: 30_000 })
        .catch(async (err: unknown) => {
          throw new Error(
            `no sign-in page at ${page.url()}: ${((await page.locator('body').textContent()) ?? '').slice(0, 500)}\n${demo().output().slice(-2000)}`,
            { cause: err },
          );
        });
      await page.getByRole('button', { name: /Megan Bowen/ }).click();
      await page.waitForURL(/\/tab\//);
      // The tab opens on the map; "You" holds the profile, the manager chain and the department.
      await page.getByRole('tab', { name: 'You' }).click();
      const me = page.getByTestId('me-card');
      await me.getByText('Megan Bowen').waitFor({ timeout: 30_000 });
      expect(await me.textContent()).toContain('Regional Sales Director, West');
      const chain = page.getByTestId('manager-chain');
      expect(await chain.textContent()).toContain('Chief Executive Officer');
      expect(await chain.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
      const dept = page.getByTestId('department');
      await dept.getByRole('heading', { name: /Sales – West/ }).waitFor();
      expect(await dept.getByRole('listitem').count()).toBeGreaterThan(2);
      fs.mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/tab-signed-in.png', fullPage: true });

      // A reload keeps the session (the token comes from the backend's sign-in session).
      await page.reload();
      await page.getByTestId('me-card').getByText('Megan Bowen').waitFor({ timeout: 30_000 });

      // The page follows the host theme: light, dark and high contrast (here forced through the URL).
      const backgrounds: Record<string, string> = {};
      for (const theme of ['light', 'dark', 'contrast']) {
        await page.goto(`${demo().url}/tab/?theme=${theme}#you`);
        await page.getByTestId('me-card').getByText('Megan Bowen').waitFor({ timeout: 30_000 });
        await page.locator(`[data-theme="${theme}"]`).waitFor();
        backgrounds[theme] = await page
          .locator('main')
          .evaluate((el) => getComputedStyle(el.parentElement!).backgroundColor);
        await page.screenshot({ path: `test-results/tab-${theme}.png`, fullPage: true });
      }
      expect(new Set(Object.values(backgrounds)).size).toBe(3);

      // Signing out ends it: the next visit asks who you are again.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: /Sign in to Rapport/ }).waitFor({ timeout: 30_000 });
    },
  );

  it('serves the Outlook pane and the health endpoint', async () => {
    const health = await (await fetch(`${demo().url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'up' });
    const pane = await fetch(`${demo().url}/pane/`);
    expect(pane.status).toBe(200);
    expect(await pane.text()).toContain('Rapport for Outlook');
  });
});
