import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoInBrowser, describeBrowser, signInAsMegan } from './browser';

/**
 * Every view of the tab in light, dark and high-contrast themes: axe-core finds no serious or
 * critical violation, and each is kept as a screenshot in test-results/ to read. Then a walk with
 * the keyboard alone: the views' tabs, a person on the map, their card.
 */
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const VIEWS: Array<{ id: string; ready: (p: Page) => Promise<unknown> }> = [
  { id: 'map', ready: (p) => p.getByTestId('map-person').first().waitFor({ timeout: 60_000 }) },
  { id: 'table', ready: (p) => p.getByTestId('table-row').first().waitFor({ timeout: 30_000 }) },
  { id: 'coverage', ready: (p) => p.getByTestId('coverage-table').waitFor({ timeout: 30_000 }) },
  {
    id: 'actions',
    ready: (p) => p.getByTestId('proposal').first().waitFor({ timeout: 30_000 }),
  },
  {
    // Megan has chosen nobody yet: the review says so and starts with choosing stakeholders.
    id: 'review',
    ready: async (p) => {
      await p.getByText(/^No stakeholders on your map yet/).waitFor({ timeout: 30_000 });
      await p.getByRole('checkbox', { name: /^Choose your stakeholders: \d+ people proposed/ }).waitFor();
    },
  },
  {
    id: 'settings',
    ready: (p) => p.getByRole('spinbutton', { name: /Coverage target/ }).waitFor({ timeout: 30_000 }),
  },
  { id: 'you', ready: (p) => p.getByTestId('me-card').waitFor({ timeout: 30_000 }) },
];

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
}

describeBrowser('tab: accessibility, themes and the keyboard', () => {
  let page: Page;
  const { demo } = demoInBrowser({
    setup: async (demo, browser) => {
      page = await browser.newPage({ bypassCSP: true }); // to inject axe-core into the page
      await signInAsMegan(page, demo.url);
      await page.getByTestId('map-person').first().waitFor({ timeout: 120_000 });
    },
    timeout: 240_000,
  });

  it('has no serious or critical axe violations in any view or theme', { timeout: 240_000 }, async () => {
    const found: string[] = [];
    for (const theme of ['light', 'dark', 'contrast'])
      for (const view of VIEWS) {
        await page.goto('about:blank');
        await page.goto(`${demo().url}/tab/?theme=${theme}#${view.id}`);
        await view.ready(page);
        await page.waitForTimeout(150); // let transitions settle before judging colours
        await page.screenshot({ path: `test-results/tab-${view.id}-${theme}.png`, fullPage: true });
        await page.addScriptTag({ path: AXE });
        const result = (await page.evaluate(() =>
          (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
            // Fluent's focus manager (tabster) adds aria-hidden <i tabindex=0> sentinels that hand focus
            // on; they are never read and never keep focus, and axe cannot tell: leave them out.
            { exclude: [['[data-tabster-dummy]']] },
            { resultTypes: ['violations'] },
          ),
        )) as AxeResult;
        for (const v of result.violations)
          if (v.impact === 'serious' || v.impact === 'critical')
            found.push(
              `${view.id}/${theme}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(' | ')}`,
            );
      }
    expect(found).toEqual([]);
  });

  it(
    'walks with the keyboard alone: views, a person on the map, their card',
    { timeout: 60_000 },
    async () => {
      await page.goto('about:blank');
      await page.goto(`${demo().url}/tab/#map`);
      await page.getByTestId('map-person').first().waitFor({ timeout: 60_000 });
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement;
          return {
            role: el?.getAttribute('role') ?? el?.tagName ?? '',
            testId: el?.getAttribute('data-testid') ?? '',
          };
        });
      // Tab to the first person of the map; Enter pins their card.
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = (await focused()).testId === 'map-person';
      }
      expect(reached).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByTestId('map-card').waitFor({ timeout: 10_000 });
      // Back to the views' tabs with Shift+Tab, then arrow to "Table" and open it.
      let onTab = false;
      for (let i = 0; i < 60 && !onTab; i++) {
        await page.keyboard.press('Shift+Tab');
        onTab = (await focused()).role === 'tab';
      }
      expect(onTab).toBe(true);
      await page.getByRole('tab', { name: 'Map' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await page.getByTestId('table-row').first().waitFor({ timeout: 30_000 });
    },
  );
});
