import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoInBrowser, describeBrowser, signInAsMegan } from './browser';
import { initialState, type SuggestionsStub, stubSuggestions } from './fixtures/suggestionsStub';

/**
 * The Suggestions view in the real demo, as Megan Bowen: a suggestion's slot chosen, its preview
 * read and the invite sent — then found on the colleague's calendar in the dev tenant of the real
 * `npm start` (through its control API) and under Sent; the person panel's
 * "Suggest lunch or coffee"; axe-core in three themes. The API's paths the real server only reaches
 * by chance (a slot taken between showing and sending, the budget used up, a colleague capped) are
 * driven on a second page through a stand-in of `/api/suggestions*`
 * (tests/browser/fixtures/suggestionsStub.ts); the rest of that page's tab is real.
 */
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
}
async function axeViolations(page: Page, where: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
      { exclude: [['[data-tabster-dummy]']] },
      { resultTypes: ['violations'] },
    ),
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}
const activeElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      role: el?.getAttribute('role') ?? '',
      text: (el?.textContent ?? '').trim().slice(0, 80),
      card: el?.closest('article')?.getAttribute('data-testid') ?? '',
      person: el?.closest('article')?.getAttribute('data-person') ?? '',
      name: el?.getAttribute('aria-label') ?? '',
    };
  });

describeBrowser('suggestions: suggested invites in the tab', () => {
  let real: Page;
  let page: Page;
  let stub: SuggestionsStub;
  const { demo } = demoInBrowser({
    setup: async (demo, browser) => {
      real = await browser.newPage({ bypassCSP: true }); // bypassCSP: to inject axe-core
      await signInAsMegan(real, demo.url);
      await real.getByTestId('map-person').first().waitFor({ timeout: 150_000 });
      page = await browser.newPage({ bypassCSP: true });
      stub = await stubSuggestions(page);
      await signInAsMegan(page, demo.url);
      await page.getByTestId('map-person').first().waitFor({ timeout: 60_000 });
    },
    timeout: 300_000,
  });
  /** A mailbox's calendar in the demo's dev tenant, by address. */
  const calendarOf = async (address: string) => {
    const r = await fetch(
      `${demo().devTenantOrigin}/_devtenant/mailbox/calendar?address=${encodeURIComponent(address)}`,
    );
    expect(r.status).toBe(200);
    return (await r.json()) as {
      userId: string;
      value: Array<{
        id: string;
        subject: string;
        start: string;
        organizer: { name: string; address: string };
        attendees: Array<{ emailAddress: { address: string } }>;
      }>;
    };
  };

  describe('against the real API', () => {
    const shot = (name: string) =>
      real.screenshot({ path: `test-results/suggestions-real-${name}.png`, fullPage: true });

    it(
      'sends one: a slot chosen, the preview read, Send — it is on the colleague’s calendar and under Sent',
      { timeout: 120_000 },
      async () => {
        await real.getByRole('tab', { name: 'Suggestions' }).click();
        await real.getByTestId('suggestions-view').waitFor({ timeout: 90_000 });
        const budget = async () => {
          const m = (await real.getByTestId('invite-budget').textContent())!.match(
            /^(\d+) of (\d+) invites? left this week$/,
          );
          expect(m, 'the budget reads "n of m invites left this week"').not.toBeNull();
          return Number(m![1]);
        };
        const left = await budget();
        expect(left).toBeGreaterThan(0);
        const card = real.getByTestId('suggestion').first();
        await card.waitFor({ timeout: 10_000 });
        const address = (await card.getAttribute('data-person'))!;
        const name = (await card.getByRole('heading', { level: 3 }).textContent())!;
        const radios = card.getByRole('radio');
        const offered = await radios.count();
        expect(offered).toBeGreaterThanOrEqual(1);
        expect(offered).toBeLessThanOrEqual(3);
        // The second time when there is one: a choice, not the default.
        const k = offered > 1 ? 1 : 0;
        await radios.nth(k).check();
        const start = (await radios.nth(k).getAttribute('value'))!;
        await card.getByRole('button', { name: 'Preview' }).click();
        const dialog = real.getByRole('dialog', { name: `What ${name} will receive` });
        const facts = dialog.getByTestId('invite-preview');
        await facts.waitFor();
        const subject = (await facts.locator('dt:text-is("Subject") + dd').textContent())!;
        expect(subject.length).toBeGreaterThan(0);
        expect(await facts.locator('dt:text-is("To") + dd').textContent()).toContain(address);
        expect(await facts.locator('dt:text-is("Where") + dd').textContent()).not.toBe('—');
        await shot('preview');
        await dialog.getByRole('button', { name: 'Close' }).click();
        await dialog.waitFor({ state: 'detached' });
        await card.getByRole('button', { name: 'Send', exact: true }).click();
        await real
          .getByTestId('suggestions-status')
          .getByText(new RegExp(`^Invite sent to ${name}`))
          .waitFor({ timeout: 30_000 })
          .catch(async (e: unknown) => {
            await shot('send-failed');
            throw e;
          });
        expect(await budget()).toBe(left - 1);
        const sent = real.getByTestId('sent-invite').first();
        expect(await sent.textContent()).toContain(name);
        expect(await sent.getByTestId('sent-answer').textContent()).toMatch(
          /^(Awaiting answer|Accepted|Tentative|Declined|New time proposed|Cancelled)/,
        );
        await shot('sent');
        // On both calendars in the dev tenant, at the chosen time, with the previewed subject.
        const invited = async () =>
          (await calendarOf(address)).value.find(
            (i) => Date.parse(i.start) === Date.parse(start) && i.organizer.name === 'Megan Bowen',
          );
        await expect.poll(async () => (await invited())?.subject, { timeout: 10_000 }).toBe(subject);
        const organiser = (await invited())!.organizer.address;
        const mine = (await calendarOf(organiser)).value.find(
          (i) => Date.parse(i.start) === Date.parse(start) && i.subject === subject,
        );
        expect(mine?.attendees.map((a) => a.emailAddress.address.toLowerCase())).toContain(
          address.toLowerCase(),
        );
        // The colleague accepts (in the dev tenant): "Prepare again" reads the answer back.
        const theirs = await calendarOf(address);
        const answer = await fetch(
          `${demo().devTenantOrigin}/_devtenant/mailbox/${theirs.userId}/events/${encodeURIComponent((await invited())!.id)}/respond`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"response":"accepted"}',
          },
        );
        expect(answer.status).toBe(204);
        await real.getByRole('button', { name: 'Prepare again' }).click();
        await expect
          .poll(
            async () =>
              real
                .getByTestId('sent-invite')
                .filter({ hasText: name })
                .first()
                .getByTestId('sent-answer')
                .textContent(),
            {
              timeout: 30_000,
            },
          )
          .toMatch(/^Accepted/);
        // A reload shows it under Sent, from the server.
        await real.reload();
        await real.getByTestId('sent-invite').first().waitFor({ timeout: 60_000 });
        expect(await real.getByTestId('sent-invite').first().textContent()).toContain(name);
      },
    );

    it(
      'opens from the person panel with a suggestion for that person, first and focused',
      { timeout: 90_000 },
      async () => {
        await real.getByRole('tab', { name: 'Table' }).click();
        const row = real.getByTestId('table-row').first();
        await row.waitFor({ timeout: 30_000 });
        const name = (await row.locator('[role="gridcell"]').first().textContent())!;
        await row.getByRole('button', { name }).click();
        const panel = real.getByTestId('person-panel');
        await panel.getByRole('button', { name: 'Suggest lunch or coffee' }).click();
        expect(real.url()).toMatch(/#suggestions\?for=[^&]+%40/);
        const asked = real.getByTestId('asked-suggestion');
        await asked.waitFor({ timeout: 60_000 }).catch(async (e: unknown) => {
          await shot('asked-failed');
          throw e;
        });
        expect(await asked.getByRole('heading', { level: 3 }).textContent()).toBe(name);
        await expect.poll(async () => (await activeElement(real)).card).toBe('asked-suggestion');
        await shot('asked');
      },
    );

    it(
      'has no serious or critical axe violations in light, dark and high contrast',
      { timeout: 120_000 },
      async () => {
        const found: string[] = [];
        for (const theme of ['light', 'dark', 'contrast']) {
          await real.goto('about:blank');
          await real.goto(`${demo().url}/tab/?theme=${theme}#suggestions`);
          await real.getByTestId('suggestions-view').waitFor({ timeout: 60_000 });
          await real.waitForTimeout(150);
          await real.screenshot({ path: `test-results/suggestions-real-${theme}.png`, fullPage: true });
          found.push(...(await axeViolations(real, `suggestions/${theme}`)));
        }
        expect(found).toEqual([]);
      },
    );
    it(
      'keeps the two settings: don’t suggest me, and auto-send with its consequence spelt out',
      { timeout: 60_000 },
      async () => {
        await real.goto('about:blank');
        await real.goto(`${demo().url}/tab/#settings`);
        const optOut = real.getByRole('switch', { name: 'Don’t suggest me to colleagues' });
        await optOut.waitFor({ timeout: 30_000 });
        expect(await optOut.isChecked()).toBe(false);
        // Its hint is its description: what it means for colleagues.
        expect(await optOut.getAttribute('aria-describedby')).toBeTruthy();
        const hint = await real
          .locator(`[id="${(await optOut.getAttribute('aria-describedby'))!.split(' ')[0]}"]`)
          .textContent();
        expect(hint).toMatch(/never get you proposed.*no one is told why/);
        const auto = real.getByRole('switch', { name: /^Send my suggestions automatically/ });
        expect(await auto.isChecked()).toBe(false);
        await auto.check();
        await real
          .getByText(
            /Once saved, invitations go out to colleagues without a click from you \(up to 2 a\s+week\)/,
          )
          .waitFor();
        await auto.uncheck(); // not for this run: it would send the rest of the week's suggestions
        await optOut.check();
        await real.getByRole('button', { name: 'Save settings' }).click();
        await real.getByText('Settings saved').waitFor({ timeout: 10_000 });
        await real.reload();
        await optOut.waitFor({ timeout: 30_000 });
        expect(await optOut.isChecked()).toBe(true);
        expect(await auto.isChecked()).toBe(false);
      },
    );
  });

  describe('against a stand-in API (the paths the server reaches by chance)', () => {
    const shot = (name: string) =>
      page.screenshot({ path: `test-results/suggestions-stub-${name}.png`, fullPage: true });
    const open = async (hash = '#suggestions') => {
      await page.goto('about:blank');
      await page.goto(`${demo().url}/tab/${hash}`);
      await page.getByTestId('suggestions-view').waitFor({ timeout: 30_000 });
    };

    it(
      'shows the budget, the cards, the snoozed, bring-a-colleague and sent',
      { timeout: 60_000 },
      async () => {
        await open();
        expect(await page.getByTestId('invite-budget').textContent()).toBe('2 of 2 invites left this week');
        const cards = page.getByTestId('suggestion');
        expect(await cards.count()).toBe(2);
        const adele = cards.filter({ hasText: 'Adele Vance' });
        expect(await adele.textContent()).toContain('Lunch · 60 min');
        expect(await adele.textContent()).toContain('Corporate Counsel · Legal · Seattle');
        expect(await adele.textContent()).toContain('last met 74 days ago');
        // Three times, in her zone too (she is in Seattle, Megan's mailbox says London).
        expect(await adele.getByRole('radio').count()).toBe(3);
        expect(await adele.getByRole('radio').first().isChecked()).toBe(true);
        expect(await adele.getByRole('radiogroup').textContent()).toMatch(
          /their time \((PDT|PST|GMT-[78])\)/,
        );
        const alex = cards.filter({ hasText: 'Alex Wilber' });
        expect(await alex.textContent()).toContain('Virtual coffee · 30 min with Teams');
        expect(await alex.textContent()).not.toContain('their time');
        // Snoozed apart, with the day it comes back.
        expect(await page.getByTestId('snoozed-suggestion').textContent()).toMatch(
          /Grady Archie.*Snoozed until/,
        );
        // Bring a colleague: a meeting without a subject is named by its customer's domain.
        const bring = page.getByTestId('bring');
        expect(await bring.textContent()).toContain('Meeting with fabrikam.com');
        await bring.getByRole('button', { name: /^Add Grady Archie to Meeting with fabrikam.com/ }).click();
        await bring.getByText('Added').waitFor({ timeout: 10_000 });
        // Sent: how each was answered.
        expect(await page.getByTestId('sent-invite').first().textContent()).toMatch(
          /Coffee with Lee Gu.*Took place/,
        );
        await shot('view');
      },
    );

    it(
      'chooses a slot with the keyboard, previews the invite and sends it',
      { timeout: 60_000 },
      async () => {
        await open(); // each test from a fresh load: no state left by the one before
        const adele = page.getByTestId('suggestion').filter({ hasText: 'Adele Vance' });
        await adele.getByRole('radio').first().waitFor({ timeout: 30_000 });
        const second = stub.state.suggestions.find((s) => s.id === 's-adele')!.slots[1]!.start;
        await adele.getByRole('radio').first().focus();
        await page.keyboard.press('ArrowDown');
        expect(await adele.getByRole('radio').nth(1).isChecked()).toBe(true);
        // Read before the dialog opens: a modal dialog hides the rest of the page from the a11y tree.
        const chosenLabel = (await adele
          .locator(`label[for="${await adele.getByRole('radio').nth(1).getAttribute('id')}"]`)
          .textContent())!;
        // The preview: exactly what she receives, for the chosen time.
        await adele.getByRole('button', { name: 'Preview' }).click();
        const dialog = page.getByRole('dialog', { name: 'What Adele Vance will receive' });
        await dialog.waitFor();
        const preview = await dialog.getByTestId('invite-preview').textContent();
        expect(preview).toContain('Lunch with Megan?');
        expect(preview).toContain('Building 3 cafeteria');
        expect(preview).toContain('shall we catch up?');
        // The time shown is the one chosen: the label's words (hers too), as the radio has them.
        expect(preview).toContain(chosenLabel);
        await shot('preview');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        await adele.getByRole('button', { name: 'Send', exact: true }).click();
        await page
          .getByTestId('suggestions-status')
          .getByText(/^Invite sent to Adele Vance/)
          .waitFor({ timeout: 10_000 });
        expect(stub.calls.filter((c) => c.path.endsWith('/send')).at(-1)?.body).toEqual({ start: second });
        expect(await page.getByTestId('invite-budget').textContent()).toBe('1 of 2 invites left this week');
        const sent = page.getByTestId('sent-invite').first();
        expect(await sent.textContent()).toMatch(/Lunch with Adele Vance.*Awaiting answer/);
        // Her card is gone, and focus is on the one that took its place.
        expect(await page.getByTestId('suggestion').count()).toBe(1);
        expect((await activeElement(page)).person).toBe('alex@contoso.example');
      },
    );

    it(
      'offers the next free times when the chosen one was just taken, and says why a send fails',
      { timeout: 60_000 },
      async () => {
        await open();
        const alex = page.getByTestId('suggestion').filter({ hasText: 'Alex Wilber' });
        await alex.getByRole('radio').first().waitFor({ timeout: 30_000 });
        const before = await alex.getByRole('radio').first().getAttribute('value');
        stub.failNextSend = 'slot_taken';
        await alex.getByRole('button', { name: 'Send', exact: true }).click();
        await alex
          .getByText('That time was just taken — here are the next free times.')
          .waitFor({ timeout: 10_000 });
        await expect.poll(() => alex.getByRole('radio').first().getAttribute('value')).not.toBe(before);
        stub.failNextSend = 'colleague_capped';
        await alex.getByRole('button', { name: 'Send', exact: true }).click();
        await alex
          .getByText('Alex Wilber cannot take another Rapport invite this week.')
          .waitFor({ timeout: 10_000 });
        // Another time: three more.
        const first = await alex.getByRole('radio').first().getAttribute('value');
        await alex.getByRole('button', { name: 'Another time' }).click();
        await expect.poll(() => alex.getByRole('radio').first().getAttribute('value')).not.toBe(first);
        // The budget used up: Send says why it is disabled.
        stub.state.budget = { weekly: 2, used: 2, remaining: 0 };
        await page.getByRole('button', { name: 'Prepare again' }).click();
        await page
          .getByTestId('invite-budget')
          .getByText('0 of 2 invites left this week')
          .waitFor({ timeout: 10_000 });
        const send = alex.getByRole('button', { name: 'Send', exact: true });
        expect(await send.getAttribute('aria-disabled')).toBe('true');
        expect(await alex.textContent()).toContain('Your weekly invite budget is used up');
        await shot('budget-used');
        // Snooze a week: dimmed among the snoozed, with the day it comes back.
        await alex.getByRole('button', { name: 'Snooze a week' }).click();
        await page
          .getByTestId('snoozed-suggestion')
          .filter({ hasText: 'Alex Wilber' })
          .waitFor({ timeout: 10_000 });
        expect(await page.getByTestId('suggestions-empty').textContent()).toMatch(/No one is due/);
        // Dismiss from the menu: never suggest Grady again.
        const grady = page.getByTestId('snoozed-suggestion').filter({ hasText: 'Grady Archie' });
        await grady.getByRole('button', { name: 'Dismiss' }).click();
        await page.getByRole('menuitem', { name: 'Don’t suggest Grady again' }).click();
        await grady.waitFor({ state: 'detached', timeout: 10_000 });
        // The view refetches in the background, so the dismissal is not always the last call.
        expect(stub.calls.find((c) => c.path === '/api/suggestions/s-grady/dismiss')).toMatchObject({
          body: { scope: 'person' },
        });
      },
    );

    it(
      'opens from the person panel and from Next actions with that person first, focused',
      { timeout: 60_000 },
      async () => {
        stub.state = initialState();
        await page.goto('about:blank');
        await page.goto(`${demo().url}/tab/#table`);
        const row = page.getByTestId('table-row').first();
        await row.waitFor({ timeout: 30_000 });
        const name = (await row.locator('[role="gridcell"]').first().textContent())!;
        await row.getByRole('button', { name }).click();
        const panel = page.getByTestId('person-panel');
        await panel.getByRole('button', { name: 'Suggest lunch or coffee' }).click();
        const asked = page.getByTestId('asked-suggestion');
        await asked.waitFor({ timeout: 30_000 });
        expect(page.url()).toMatch(/#suggestions\?for=[^&]+%40/);
        const call = stub.calls.filter((c) => c.path.startsWith('/api/suggestions/for/')).at(-1)!;
        expect(call.body).toEqual({});
        const address = decodeURIComponent(call.path.split('/').at(-1)!);
        expect(await asked.getAttribute('data-person')).toBe(address);
        await expect.poll(async () => (await activeElement(page)).card).toBe('asked-suggestion');
        await shot('asked');
        // Next actions leads here too.
        await page.getByRole('tab', { name: 'Next actions' }).click();
        await page.getByRole('button', { name: 'Plan lunches and coffees' }).click();
        await page.getByTestId('suggestions-view').waitFor({ timeout: 30_000 });
        expect(page.url()).toMatch(/#suggestions$/);
        expect(await page.getByTestId('asked-suggestion').count()).toBe(0);
      },
    );

    it('says what went wrong when no time can be suggested for a person', { timeout: 30_000 }, async () => {
      await page.route(/\/api\/suggestions\/for\//, (route) =>
        route.fulfill({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            title: 'Not found',
            status: 404,
            detail: 'Nobody with that address in your directory.',
          }),
        }),
      );
      await open('#suggestions?for=nobody%40contoso.example');
      await page
        .getByRole('alert')
        .getByText('Nobody with that address in your directory.')
        .waitFor({ timeout: 10_000 });
      await page.unroute(/\/api\/suggestions\/for\//);
    });

    it(
      'has no serious or critical axe violations in light, dark and high contrast',
      { timeout: 120_000 },
      async () => {
        stub.state = initialState();
        const found: string[] = [];
        for (const theme of ['light', 'dark', 'contrast']) {
          await page.goto('about:blank');
          await page.goto(`${demo().url}/tab/?theme=${theme}#suggestions?for=adele%40contoso.example`);
          await page.getByTestId('asked-suggestion').waitFor({ timeout: 30_000 });
          await page.waitForTimeout(150);
          await page.screenshot({ path: `test-results/suggestions-${theme}.png`, fullPage: true });
          found.push(...(await axeViolations(page, `suggestions/${theme}`)));
          await page.getByTestId('asked-suggestion').getByRole('button', { name: 'Preview' }).click();
          await page.getByRole('dialog').waitFor();
          await page.waitForTimeout(300);
          found.push(...(await axeViolations(page, `preview/${theme}`)));
          await page.keyboard.press('Escape');
        }
        expect(found).toEqual([]);
      },
    );

    it('works with the keyboard alone: a time, the preview, Send', { timeout: 60_000 }, async () => {
      stub.state = initialState();
      await open();
      await page.getByRole('tab', { name: 'Suggestions' }).focus();
      const tabTo = async (want: (a: Awaited<ReturnType<typeof activeElement>>) => boolean) => {
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab');
          if (want(await activeElement(page))) return true;
        }
        return false;
      };
      // Tab into the first card's times; arrows choose; on to Preview; Enter opens, Escape closes.
      expect(await tabTo((a) => a.role === 'radio' || (a.tag === 'input' && a.card === 'suggestion'))).toBe(
        true,
      );
      await page.keyboard.press('ArrowDown');
      const adele = page.getByTestId('suggestion').first();
      expect(await adele.getByRole('radio').nth(1).isChecked()).toBe(true);
      expect(await tabTo((a) => a.text === 'Preview')).toBe(true);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await tabTo((a) => a.text === 'Send this invite')).toBe(true);
      await page.keyboard.press('Enter');
      await page
        .getByTestId('suggestions-status')
        .getByText(/^Invite sent to/)
        .waitFor({ timeout: 10_000 });
      expect(stub.calls.filter((c) => c.path.endsWith('/send')).at(-1)?.body).toEqual({
        start: initialState().suggestions[0]!.slots[1]!.start,
      });
      // The Dismiss menu opens and works from the keyboard too.
      expect(await tabTo((a) => a.text === 'Dismiss' && a.card === 'suggestion')).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('menuitem', { name: 'Dismiss this suggestion' }).waitFor();
      await page.keyboard.press('Enter');
      await page
        .getByTestId('suggestions-status')
        .getByText('Suggestion dismissed.')
        .waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('suggestion').count()).toBe(0);
    });
  });
});
