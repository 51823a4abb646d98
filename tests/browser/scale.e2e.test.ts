import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { RelationshipMap } from '../../src/lib/mapApi';
import { bigPerson, DEEP_NAME, functionOf, withBigPeople } from '../helpers/bigMap';
import { demoInBrowser, describeBrowser, signInAsMegan } from './browser';

/**
 * The tab at a sales leader's scale: the real demo and sign-in, with `GET /api/map` answered by
 * the real map whose people are replaced by 3,000 generated ones (tests/helpers/bigMap.ts). The
 * table draws only the rows in view yet sorts, searches and reports the full list; the map draws
 * 300 people and groups the rest per function into bubbles that lead to the table.
 */
const N = 3000;
const DRAWN = 300;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious or critical axe-core violations on the page as it is (as in a11y.e2e.test.ts). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
      { exclude: [['[data-tabster-dummy]']] },
      { resultTypes: ['violations'] },
    ),
  )) as { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

describeBrowser('tab at scale: 3,000 people', () => {
  let page: Page;
  const requested: string[] = [];
  demoInBrowser({
    setup: async (demo, browser) => {
      page = await browser.newPage({ bypassCSP: true }); // to inject axe-core
      await page.route(/\/api\/map(\?|$)/, async (route) => {
        requested.push(route.request().url());
        const res = await route.fetch();
        if (!res.ok()) return route.fulfill({ response: res });
        const real = (await res.json()) as RelationshipMap;
        await route.fulfill({ response: res, json: withBigPeople(real, N) });
      });
      await signInAsMegan(page, demo.url);
      await page.getByTestId('map-person').first().waitFor({ timeout: 150_000 });
    },
    timeout: 300_000,
  });
  const shot = (name: string) => page.screenshot({ path: `test-results/scale-${name}.png` });
  const rows = () => page.getByTestId('table-row');
  const nameOf = (i: number) => bigPerson(i, N).displayName;
  const firstCell = (row: ReturnType<Page['locator']>) =>
    row.locator('[role="gridcell"]').first().textContent();

  it('asks the server for everyone, not the top 300', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(new URL(requested[0]!).searchParams.get('limit')).toBe('5000');
  });

  it('draws 300 people and one bubble per function for the rest, with the right counts', async () => {
    expect(await page.getByTestId('map-person').count()).toBe(DRAWN);
    // The strongest 300 are persons 0…299; everyone else is grouped by function.
    const expected = new Map<string, number>();
    for (let i = DRAWN; i < N; i++) expected.set(functionOf(i), (expected.get(functionOf(i)) ?? 0) + 1);
    const bubbles = page.getByTestId('map-cluster');
    const found = new Map(
      await bubbles.evaluateAll((els) =>
        els.map(
          (el) => [el.getAttribute('data-function') ?? '', Number(el.getAttribute('data-count'))] as const,
        ),
      ),
    );
    expect(found).toEqual(expected);
    expect([...found.values()].reduce((a, b) => a + b, 0)).toBe(N - DRAWN);
    const sales = page.locator('[data-testid="map-cluster"][data-function="Sales"]');
    expect(await sales.getAttribute('aria-label')).toMatch(
      new RegExp(
        `^\\+${expected.get('Sales')} more in Sales: \\d+ good, \\d+ fair, \\d+ poor, \\d+ no evidence`,
      ),
    );
    expect(await page.getByTestId('relationship-map').getAttribute('aria-label')).toContain(
      `${N - DRAWN} more`,
    );
    // Focusable: the keyboard reaches it, and focus shows what it holds.
    await sales.focus();
    await page.getByTestId('cluster-card').waitFor();
    await shot('map');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('opens the table filtered to a bubble’s function, first row focused', { timeout: 60_000 }, async () => {
    const sales = page.locator('[data-testid="map-cluster"][data-function="Sales"]');
    await sales.focus();
    await page.keyboard.press('Enter');
    await rows().first().waitFor({ timeout: 30_000 });
    expect(await page.getByRole('tab', { name: 'Table' }).getAttribute('aria-selected')).toBe('true');
    const salesTotal = Array.from({ length: N }, (_, i) => functionOf(i)).filter((f) => f === 'Sales').length;
    expect(await page.getByTestId('table-function').inputValue()).toBe('Sales');
    expect(await page.getByTestId('people-table').getAttribute('aria-rowcount')).toBe(String(salesTotal + 1));
    expect(await page.getByTestId('table-count').textContent()).toContain(`${salesTotal} of ${N}`);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex')))
      .toBe('2');
    // Back to the map and to the table by its tab: the filter was for that visit only.
    await page.getByRole('tab', { name: 'Map' }).click();
    await page.getByTestId('map-person').first().waitFor();
    await page.getByRole('tab', { name: 'Table' }).click();
    await rows().first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('table-function').inputValue()).toBe('');
  });

  it('draws a window of rows but reports, scrolls and sorts the full list', { timeout: 60_000 }, async () => {
    const table = page.getByTestId('people-table');
    expect(await table.getAttribute('aria-rowcount')).toBe(String(N + 1)); // the header row counts
    expect(await rows().count()).toBeLessThan(100);
    // Default order: strongest first — person 0 on top.
    expect(await firstCell(rows().first())).toBe(nameOf(0));
    expect(await rows().first().getAttribute('aria-rowindex')).toBe('2');
    await shot('table');
    expect(await axeViolations(page)).toEqual([]);
    // Scrolled to the bottom: the weakest tie (person N-1) is the last row, at its real index.
    await page.getByTestId('table-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await expect.poll(() => firstCell(rows().last())).toBe(nameOf(N - 1));
    expect(await rows().last().getAttribute('aria-rowindex')).toBe(String(N + 1));
    expect(await rows().count()).toBeLessThan(100);
    await shot('table-bottom');
    // Sorting acts on everyone: by name descending, the top is the alphabetically last of all.
    const names = Array.from({ length: N }, (_, i) => nameOf(i)).sort((a, b) => a.localeCompare(b));
    await page.getByRole('columnheader', { name: 'Person' }).click();
    await expect.poll(() => firstCell(rows().first())).toBe(names[0]);
    await page.getByRole('columnheader', { name: 'Person' }).click();
    await expect.poll(() => firstCell(rows().first())).toBe(names.at(-1));
    expect(names.at(-1)).toBe(DEEP_NAME); // the generated outlier, far down by strength
    // Back to the default order.
    await page.getByRole('columnheader', { name: 'Strength' }).click();
    await page.getByRole('columnheader', { name: 'Strength' }).click();
    await expect.poll(() => firstCell(rows().first())).toBe(nameOf(0));
  });

  it('moves through thousands of rows with the keyboard', { timeout: 60_000 }, async () => {
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return {
          index: el?.getAttribute('aria-rowindex') ?? '',
          name: el?.querySelector('[role="gridcell"]')?.textContent ?? '',
        };
      });
    await rows().first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toEqual({ index: '3', name: nameOf(1) });
    await page.keyboard.press('End');
    await expect.poll(focused).toEqual({ index: String(N + 1), name: nameOf(N - 1) });
    await page.keyboard.press('ArrowUp');
    await expect.poll(focused).toEqual({ index: String(N), name: nameOf(N - 2) });
    await page.keyboard.press('Home');
    await expect.poll(focused).toEqual({ index: '2', name: nameOf(0) });
    await page.keyboard.press('PageDown');
    await expect.poll(async () => Number((await focused()).index)).toBeGreaterThan(3);
    expect(await rows().count()).toBeLessThan(100);
  });

  it('searches the full list: finds a person deep in it', { timeout: 30_000 }, async () => {
    await page.getByRole('searchbox').fill('zebediah');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await firstCell(rows().first())).toBe(DEEP_NAME);
    expect(await page.getByTestId('people-table').getAttribute('aria-rowcount')).toBe('2');
    await page.getByRole('searchbox').fill('');
    await expect
      .poll(() => page.getByTestId('people-table').getAttribute('aria-rowcount'))
      .toBe(String(N + 1));
  });
});
