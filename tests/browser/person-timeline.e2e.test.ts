import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoInBrowser, describeBrowser, signInAsMegan } from './browser';

/**
 * The person panel's timeline against the real demo, as Megan Bowen: dated entries newest first,
 * the 12-month strip with its text alternative, "Load more" adding older entries (or absent when
 * everything fits), and no serious accessibility violation in the section.
 */
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

describeBrowser('person panel: the timeline', () => {
  const { demo, browser } = demoInBrowser();
  let page: Page;
  /** The section alone: the drawer scrolls on its own, so a page screenshot would cut it off. */
  const shot = (timeline: Locator, name: string) =>
    timeline.screenshot({ path: `test-results/person-timeline-${name}.png` });

  /** Opens the person in table row `index` (strongest first) and waits for their timeline. */
  async function openPerson(index: number): Promise<Locator> {
    const row = page.getByTestId('table-row').nth(index);
    const name = (await row.locator('[role="gridcell"]').first().textContent())!;
    await row.getByRole('button', { name }).click();
    const timeline = page.getByTestId('person-panel').getByTestId('timeline');
    await timeline
      .locator('[data-testid="timeline-entry"], [data-testid="timeline-empty"]')
      .first()
      .waitFor({ timeout: 20_000 });
    return timeline;
  }
  const closePanel = async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('person-panel').waitFor({ state: 'detached', timeout: 10_000 });
  };
  const datesOf = (timeline: Locator) =>
    timeline
      .getByTestId('timeline-entry')
      .locator('time')
      .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
  const shownOf = async (timeline: Locator) => {
    const m = /Showing (\d+) of (\d+)/.exec(
      (await timeline.getByTestId('timeline-count').textContent()) ?? '',
    );
    return { shown: Number(m?.[1]), total: Number(m?.[2]) };
  };

  it('signs in and opens the table', { timeout: 180_000 }, async () => {
    page = await browser().newPage({ bypassCSP: true }); // to inject axe-core into the page
    await signInAsMegan(page, demo().url);
    await page.getByTestId('relationship-map').waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Table' }).click();
    await page.getByTestId('table-row').first().waitFor({ timeout: 30_000 });
  });

  it('lists dated entries newest first, and Load more adds older ones', { timeout: 60_000 }, async () => {
    const timeline = await openPerson(0); // the strongest relationship: a long history
    const strip = timeline.getByTestId('timeline-strip');
    expect(await strip.getAttribute('aria-label')).toMatch(/^Last 12 months: \d+ meetings? and \d+ mails?\./);
    const first = await datesOf(timeline);
    expect(first.length).toBeGreaterThan(0);
    for (const d of first) expect(Number.isNaN(Date.parse(d))).toBe(false);
    expect(first).toEqual([...first].sort((a, b) => b.localeCompare(a)));
    // Each entry reads as a kind and a date, e.g. "1:1 meeting … 3 days ago · Tue, 2 Jun 2026, 10:00".
    expect(await timeline.getByTestId('timeline-entry').first().textContent()).toMatch(
      /(meeting|wrote|replied|copied).*(ago|today|yesterday|last)/i,
    );
    // Grouped under month headings.
    expect(await timeline.getByRole('heading', { level: 3 }).count()).toBeGreaterThan(0);
    const { shown, total } = await shownOf(timeline);
    expect(shown).toBe(first.length);
    await shot(timeline, 'first-page');
    const more = timeline.getByTestId('timeline-more');
    if (total > shown) {
      await more.click();
      await expect.poll(async () => (await datesOf(timeline)).length).toBeGreaterThan(first.length);
      const after = await datesOf(timeline);
      expect(after.slice(0, first.length)).toEqual(first);
      expect(after).toEqual([...after].sort((a, b) => b.localeCompare(a)));
      expect((await shownOf(timeline)).shown).toBe(after.length);
      // Focus moved to the first older entry, inside the drawer (so Escape still closes it).
      expect(
        await page.evaluate(
          () =>
            document.activeElement?.getAttribute('data-testid') === 'timeline-entry' &&
            document.activeElement.querySelector('time')?.getAttribute('datetime'),
        ),
      ).toBe(after[first.length]);
      await shot(timeline, 'more');
    } else expect(await more.count()).toBe(0);

    // No serious or critical violation inside the section.
    await page.addScriptTag({ path: AXE });
    const violations = (await page.evaluate(() =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
        { include: [['[data-testid="timeline"]']], exclude: [['[data-tabster-dummy]']] },
        { resultTypes: ['violations'] },
      ),
    )) as { violations: Array<{ id: string; impact: string | null }> };
    expect(
      violations.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    await closePanel();
  });

  it('has no Load more when everything fits on one page', { timeout: 60_000 }, async () => {
    // Weakest first: someone with only a few entries (or none, then the designed empty state).
    await page.getByRole('columnheader', { name: 'Strength' }).click();
    const timeline = await openPerson(0);
    if (await timeline.getByTestId('timeline-empty').count()) {
      expect(await timeline.getByTestId('timeline-empty').textContent()).toMatch(/No meetings or mail with/);
    } else {
      const { shown, total } = await shownOf(timeline);
      expect(await timeline.getByTestId('timeline-more').count()).toBe(total > shown ? 1 : 0);
      if (total <= shown) expect((await datesOf(timeline)).length).toBe(total);
    }
    await shot(timeline, 'weakest');
    await closePanel();
  });
});
