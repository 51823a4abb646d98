import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoInBrowser, describeBrowser, signInAsMegan } from './browser';
import { api } from './fixtures/harness';

/**
 * The tab's views against the real demo, as Megan Bowen: the first sync's progress, the map, the
 * table (sort, search, the person panel's rating, CSV export), settings, and deleting everything.
 * One demo and one page for the file; the steps build on each other.
 */
describeBrowser('tab: map, table, coverage, next actions, monthly review and settings', () => {
  const { demo, browser } = demoInBrowser();
  let page: Page;
  const shot = (name: string) =>
    page.screenshot({ path: `test-results/tab-view-${name}.png`, fullPage: true });
  const tab = (name: string) => page.getByRole('tab', { name }).click();
  const firstNames = async () =>
    page
      .getByTestId('table-row')
      .evaluateAll((rows) =>
        rows.slice(0, 8).map((r) => r.querySelector('[role="gridcell"]')?.textContent ?? ''),
      );

  it('signs in, waits for the first sync and draws the map', { timeout: 120_000 }, async () => {
    page = await browser().newPage({ acceptDownloads: true });
    await signInAsMegan(page, demo().url);
    // The gate shows the sync's progress (or, if it is already done, the map right away).
    await page
      .locator('[data-testid="sync-progress"], [data-testid="relationship-map"]')
      .first()
      .waitFor({ timeout: 30_000 });
    if (await page.getByTestId('sync-progress').isVisible()) await shot('onboarding');
    await page.getByTestId('relationship-map').waitFor({ timeout: 90_000 });
    const people = page.getByTestId('map-person');
    expect(await people.count()).toBeGreaterThanOrEqual(10);
    // Health is a shape as well as a colour (high contrast draws every band in one colour).
    const shapes = await page
      .locator('[data-testid="map-person"] path.dot')
      .evaluateAll((ds) => new Set(ds.map((d) => d.getAttribute('d'))).size);
    expect(shapes).toBeGreaterThanOrEqual(3);
    // First run: nobody on the map yet, so Rapport proposes people per function.
    expect(await page.getByTestId('first-run').textContent()).toMatch(/proposes \d+ people/);
    // Keyboard: focusing a person shows their card.
    await people.first().focus();
    await page.getByTestId('map-card').waitFor();
    expect(await people.first().getAttribute('aria-label')).toMatch(/health/);
    await shot('map');
    // Zoom in (buttons, for the keyboard too) and back: the picture scales, the people stay.
    const viewport = page.getByTestId('map-viewport');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => viewport.getAttribute('transform')).toMatch(/scale\(1\.6\)/);
    await shot('map-zoomed');
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => viewport.getAttribute('transform')).toMatch(/scale\(1\)/);
  });

  it('sorts and searches the table, and a self-rating survives a reload', { timeout: 60_000 }, async () => {
    await tab('Table');
    await page.getByTestId('table-row').first().waitFor({ timeout: 30_000 });
    await page.getByRole('columnheader', { name: 'Person' }).click();
    const asc = await firstNames();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b)));
    await page.getByRole('columnheader', { name: 'Person' }).click();
    const desc = await firstNames();
    expect(desc).toEqual([...desc].sort((a, b) => b.localeCompare(a)));
    await shot('table');

    const name = desc[0]!;
    const total = await page.getByTestId('table-row').count();
    await page.getByRole('searchbox').fill(name);
    await expect.poll(() => page.getByTestId('table-row').count()).toBeLessThan(total);
    expect(await firstNames()).toContain(name);

    await page.getByTestId('table-row').first().getByRole('button', { name }).click();
    const panel = page.getByTestId('person-panel');
    await panel.waitFor();
    // The drawer slides in: let it settle before clicking inside it (a click mid-motion can miss).
    await panel.getByRole('radio', { name: '4 of 5' }).waitFor({ state: 'attached' });
    await page.waitForTimeout(400);
    await panel.getByRole('radio', { name: '4 of 5' }).click({ force: true });
    await panel
      .getByText('Rating saved')
      .waitFor({ timeout: 15_000 })
      .catch(async (e: unknown) => {
        await shot('person-failed');
        throw e;
      });
    await shot('person');

    // The open panel is in the URL (#table?person=…): a reload opens it again.
    expect(new URL(page.url()).hash).toMatch(/^#table\?person=/);
    await page.reload();
    const again = page.getByTestId('person-panel');
    await again.getByRole('radio', { name: '4 of 5' }).waitFor({ timeout: 60_000 });
    expect(await again.getByRole('radio', { name: '4 of 5' }).isChecked()).toBe(true);
    // Rated, so on the map: the appreciation log takes a note, and it stays.
    const log = again.getByTestId('appreciations');
    await log.getByRole('textbox', { name: /appreciate/ }).fill('Unblocked the Contoso renewal');
    await log.getByRole('button', { name: 'Log' }).click();
    await log.getByText('Unblocked the Contoso renewal').waitFor({ timeout: 15_000 });
    // Focus stays in the drawer after logging, so Escape closes it.
    await page.keyboard.press('Escape');
    await again.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('exports the table as CSV', { timeout: 30_000 }, async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^Person,Email,Function/);
  });

  it(
    "opens the person a link names (the Outlook card's Open in Teams); closing clears the hash",
    {
      timeout: 30_000,
    },
    async () => {
      const map = await api<{ people: Array<{ address: string; displayName: string }> }>(page, '/api/map');
      const someone = map.body.people[3]!;
      await page.goto(`${demo().url}/tab/#table?person=${encodeURIComponent(someone.address.toUpperCase())}`);
      const panel = page.getByTestId('person-panel');
      await panel.waitFor({ timeout: 20_000 });
      expect(await panel.textContent()).toContain(someone.displayName);
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached', timeout: 10_000 });
      expect(new URL(page.url()).hash).toBe('#table');
    },
  );

  it('shows coverage and next actions', { timeout: 30_000 }, async () => {
    await tab('Coverage');
    await page.getByTestId('coverage-table').waitFor({ timeout: 20_000 });
    await page.getByTestId('share-chart').waitFor();
    // Wide: how many functions reach the target; deep: each function's good relationships.
    expect(await page.getByTestId('coverage-summary').textContent()).toMatch(/\d+ of \d+ functions covered/);
    // Meetings and mail are both drawn, and the chart can be read as a table.
    expect(await page.getByTestId('share-chart').getAttribute('aria-label')).toMatch(
      /meetings \d+ %, mail \d+ %/,
    );
    expect(
      await page.locator('[data-testid="share-chart"] rect[data-series="mail"]').count(),
    ).toBeGreaterThan(6);
    await page.getByText('Show as a table').click();
    expect(await page.getByTestId('share-table').getByRole('row').count()).toBe(13);
    await shot('coverage');
    await tab('Next actions');
    // Proposals per function, coverage gaps first: set one aside, add another.
    const proposals = page.getByRole('region', { name: /^Proposed stakeholders \(\d+\)/ });
    await proposals.getByTestId('proposal').first().waitFor({ timeout: 20_000 });
    await proposals.getByText('coverage gap').first().waitFor();
    const nameOf = async (k: number) =>
      (
        (await proposals
          .getByRole('button', { name: /^Not now: / })
          .nth(k)
          .getAttribute('aria-label')) ?? ''
      ).replace(/^Not now: /, '');
    const setAside = await nameOf(0);
    await proposals.getByRole('button', { name: `Not now: ${setAside}`, exact: true }).click();
    await proposals.getByRole('button', { name: `Not now: ${setAside}`, exact: true }).waitFor({
      state: 'detached',
      timeout: 10_000,
    });
    const added = await nameOf(0);
    await proposals.getByRole('button', { name: `Add ${added}`, exact: true }).click();
    await proposals.getByRole('button', { name: `Add ${added}`, exact: true }).waitFor({
      state: 'detached',
      timeout: 10_000,
    });
    await shot('actions');
    // Set aside stays set aside; added is on the map as a stakeholder.
    await page.reload();
    await tab('Next actions');
    await proposals.getByTestId('proposal').first().waitFor({ timeout: 20_000 });
    expect(await proposals.getByRole('button', { name: `Not now: ${setAside}`, exact: true }).count()).toBe(
      0,
    );
    expect(await proposals.getByRole('button', { name: `Add ${added}`, exact: true }).count()).toBe(0);
    await tab('Table');
    // "My stakeholders": the one rated earlier and the one just added, nobody else.
    await page.getByTestId('table-show').selectOption('stakeholders');
    await expect.poll(() => page.getByTestId('table-row').count()).toBe(2);
    await page.getByTestId('table-row').getByRole('button', { name: added }).click();
    // On the map: the card offers the appreciation log, which only stakeholders have.
    await page.getByTestId('person-panel').getByTestId('appreciations').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    // And on the map: outlined, named, and announced as a stakeholder.
    await tab('Map');
    const dot = page.getByRole('button', { name: `${added}, `, exact: false }).first();
    expect(await dot.getAttribute('aria-label')).toMatch(/, one of your stakeholders$/);
    const names = page.locator('[data-testid="map-label"][data-stakeholder="true"]');
    expect(await names.allTextContents()).toContain(added.split(' ')[0]);
  });

  it(
    'walks the monthly review: re-rate, pick actions, keep the month as a snapshot',
    { timeout: 30_000 },
    async () => {
      await tab('Monthly review');
      await page.getByTestId('monthly-review').waitFor({ timeout: 20_000 });
      const actions = page.getByTestId('review-actions');
      const first = actions.getByRole('checkbox').first();
      await first.check();
      expect(await first.isChecked()).toBe(true);
      await actions.getByRole('button', { name: /Close this month/ }).click();
      await actions.getByText(/Kept as the \d{4}-\d{2} snapshot/).waitFor({ timeout: 10_000 });
      await shot('review');
    },
  );

  it(
    'lists the senders not counted as colleagues, with why, and counts one again on request',
    { timeout: 60_000 },
    async () => {
      await tab('Settings');
      const list = page.getByRole('list', { name: 'Not counted as colleagues' });
      await list.waitFor({ timeout: 20_000 });
      // The generated organisation's newsletter reaches Megan only through an all-staff list.
      const insider = list.getByRole('listitem').filter({ hasText: 'insider@' });
      await expect.poll(() => insider.textContent()).toMatch(/only through lists or Bcc/);
      const address = /insider@[^\s)]+/.exec((await insider.textContent()) ?? '')![0];
      await shot('settings-automated');
      await insider.getByRole('button', { name: /as a colleague/ }).click();
      await page.getByText(/counts as a colleague again/).waitFor({ timeout: 10_000 });
      await expect.poll(() => list.getByRole('listitem').filter({ hasText: 'insider@' }).count()).toBe(0);
      // And back: marking it as automated lists it again, as the user's own mark.
      await page.getByRole('textbox', { name: 'Mark an address as automated' }).fill(address);
      await page.getByRole('button', { name: 'Mark as automated' }).click();
      await expect
        .poll(() => list.getByRole('listitem').filter({ hasText: address }).textContent())
        .toMatch(/You marked it as automated/);
    },
  );

  it('keeps a changed setting, and delete-my-data empties the map', { timeout: 60_000 }, async () => {
    await tab('Settings');
    const target = page.getByRole('spinbutton', { name: /Coverage target/ });
    await target.waitFor({ timeout: 20_000 });
    await target.fill('5');
    await target.press('Tab');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await shot('settings');
    await page.reload();
    await expect
      .poll(() => page.getByRole('spinbutton', { name: /Coverage target/ }).inputValue(), { timeout: 30_000 })
      .toBe('5');

    await page.getByRole('button', { name: 'Delete all my data' }).click();
    await page.getByRole('button', { name: 'Delete everything' }).click();
    await page.getByText('All your Rapport data was deleted').waitFor({ timeout: 20_000 });
    await page.getByTestId('map-empty').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('map-person').count()).toBe(0);
    await shot('deleted');
  });

  it('says why the sync stopped and what to do: consent again, or ask IT', { timeout: 30_000 }, async () => {
    // The status as the server gives it for a blocked sync (the real path: tests/sync/jobFailures).
    const streams = ['calendar', 'mail:inbox', 'mail:sentitems'].map((stream) => ({
      stream,
      phase: 'failed',
      items: 0,
      skipped: 0,
      pages: 0,
      rounds: 0,
      resyncs: 0,
      lastError: 'consent_required',
      lastSyncedAt: null,
      updatedAt: '2025-01-01T00:00:00.000Z',
      percent: null,
      etaSeconds: null,
    }));
    const blockedAs = (code: string, detail: string) =>
      page.route('**/api/sync/status', (route) =>
        route.fulfill({
          json: { phase: 'failed', streams, blocked: { code, detail, since: '2025-01-01T00:00:00.000Z' } },
        }),
      );
    await blockedAs('consentRequired', 'consent_required');
    await page.reload();
    const banner = page.getByTestId('sync-blocked');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toContain('Rapport lost access to your mailbox: grant consent again');
    expect(await banner.getByRole('button', { name: 'Grant consent' }).isVisible()).toBe(true);
    await shot('sync-blocked-consent');
    await page.unroute('**/api/sync/status');
    await blockedAs('mailboxUnavailable', 'MailboxNotEnabledForRESTAPI (404)');
    await page.reload();
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toContain("Your mailbox isn't available to Microsoft Graph — ask IT");
    expect(await banner.getByRole('button').count()).toBe(0);
    await page.unroute('**/api/sync/status');
    // Consent withdrawn after the map was built: the banner stands above the tab's views, which stay.
    await page.route('**/api/sync/status', (route) =>
      route.fulfill({
        json: {
          phase: 'failed',
          streams: streams.map((x) => ({ ...x, rounds: 1, percent: 100 })),
          blocked: { code: 'consentRequired', detail: 'consent_required', since: '2025-01-01T00:00:00.000Z' },
        },
      }),
    );
    await page.reload();
    await banner.waitFor({ timeout: 20_000 });
    // (An earlier step deleted this user's data, so the map itself is empty: its views are there.)
    await page.getByRole('tab', { name: 'Table' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('relationship-map').first().waitFor({ state: 'attached', timeout: 20_000 });
    expect(await banner.textContent()).toContain('grant consent again');
    await shot('sync-blocked-above-map');
    await page.unroute('**/api/sync/status');
  });
});
