import { createRequire } from 'node:module';
import type { FrameLocator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoInBrowser, describeBrowser, signInAsMegan } from './browser';
import { api, countCardRequests, openHarness, PANE_FRAME, snapshot } from './fixtures/harness';

/**
 * The Outlook pane inside the harness (/harness/, the real pane framed by a stand-in Outlook with an
 * `Office` stand-in), through the real `npm start`, as Megan Bowen: composing, adding and removing
 * recipients (one cards request each time, whether Outlook fires RecipientsChanged or not), read
 * mode, a pinned item switch, a long list's summary, a meeting with a customer, three themes with
 * axe-core, and the keyboard alone.
 */
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

interface MapPerson {
  id: string | null;
  address: string;
  displayName: string;
  function: string;
}
interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
}

describeBrowser('Outlook pane in the harness', () => {
  let page: Page;
  let colleagues: MapPerson[] = [];
  let me = '';
  let cardRequests: { count: () => number };
  const { demo } = demoInBrowser({
    setup: async (demo, browser) => {
      page = await browser.newPage({ bypassCSP: true, viewport: { width: 1400, height: 900 } });
      cardRequests = countCardRequests(page);
      await signInAsMegan(page, demo.url);
      // The first sync: the pane's cards come from the map.
      await page.getByTestId('relationship-map').waitFor({ timeout: 150_000 });
      const map = await api<{ people: MapPerson[]; owner: { function: string; address?: string } }>(
        page,
        '/api/map',
      );
      const inbox = await api<{ mailbox: { emailAddress: string } }>(page, '/api/harness/inbox');
      me = inbox.body.mailbox.emailAddress;
      colleagues = map.body.people.filter((p) => p.id && p.address !== me);
      // Stakeholders from other functions, so a meeting with customers has someone to bring.
      const others = colleagues
        .filter((p) => p.function !== map.body.owner.function && p.function !== 'Other')
        .slice(0, 6);
      for (const p of others)
        await api(page, `/api/stakeholders/${encodeURIComponent(p.address)}`, {
          method: 'PUT',
          body: { status: 'accepted' },
        });
    },
    timeout: 240_000,
  });

  const shot = (name: string) => page.screenshot({ path: `test-results/pane-${name}.png` });
  const card = (pane: FrameLocator, address: string) =>
    pane.locator(`[data-testid="pane-card"][data-address="${address}"]`);
  const toInput = () => page.getByRole('textbox', { name: /^To: type an address/ });
  /** Long enough for the pane's re-read (1.5 s) to have run at least once more. */
  const settle = () => page.waitForTimeout(2_200);

  it('serves the harness data as the user, and refuses without a token', async () => {
    const inbox = await api<{ messages: unknown[] }>(page, '/api/harness/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.messages.length).toBeGreaterThan(0);
    expect(inbox.body.messages.length).toBeLessThanOrEqual(30);
    const dir = await api<{ people: Array<{ mail: string }> }>(page, '/api/harness/directory');
    expect(dir.body.people.length).toBeGreaterThan(10);
    const anonymous = await page.evaluate(async () => (await fetch('/api/harness/inbox')).status);
    expect(anonymous).toBe(401);
  });

  it(
    'composing to two colleagues and one external shows two cards and one external marker',
    { timeout: 60_000 },
    async () => {
      const [a, b] = colleagues;
      const pane = await openHarness(page, demo().url, '?item=compose');
      await pane.getByTestId('pane-empty').waitFor({ timeout: 30_000 });
      await toInput().fill(a!.address);
      await toInput().press('Enter');
      await toInput().fill(b!.address);
      await toInput().press(';');
      await toInput().fill('buyer@fabrikam.example');
      await toInput().press('Enter');
      await card(pane, a!.address).waitFor({ timeout: 20_000 });
      await card(pane, b!.address).waitFor();
      await pane.getByTestId('pane-external').first().waitFor();
      await expect.poll(() => pane.getByTestId('pane-card').count()).toBe(2);
      expect(await pane.getByTestId('pane-external').count()).toBe(1);
      expect(await pane.getByTestId('pane-external').getAttribute('data-address')).toBe(
        'buyer@fabrikam.example',
      );
      expect(await card(pane, a!.address).textContent()).toContain(a!.displayName);
      await shot('compose');
    },
  );

  it(
    'an automated sender on the email is not counted as a colleague, until the user counts it',
    { timeout: 60_000 },
    async () => {
      const map = await api<{ automated: Array<{ address: string; why: string }> }>(page, '/api/map');
      const machine = map.body.automated[0]!;
      const pane = await openHarness(
        page,
        demo().url,
        `?item=compose&to=${encodeURIComponent(machine.address)}`,
      );
      const c = card(pane, machine.address);
      await c.getByTestId('pane-automated').waitFor({ timeout: 30_000 });
      expect(await c.getByTestId('pane-automated').textContent()).toContain(machine.why);
      expect(await c.getByRole('button', { name: 'Add to map' }).count()).toBe(0);
      await c.getByRole('button', { name: 'Count as a colleague' }).click();
      try {
        await c.getByText(`${machine.address} counts as a colleague now`).waitFor({ timeout: 10_000 });
        await expect.poll(() => c.getByTestId('pane-automated').count(), { timeout: 10_000 }).toBe(0);
      } finally {
        await api(page, '/api/settings', { method: 'PATCH', body: { countAsColleagues: [] } });
      }
    },
  );

  it(
    'adding and removing a recipient (typed, picked from the directory, removed) is one request each time',
    { timeout: 90_000 },
    async () => {
      const [a, , c, d] = colleagues;
      const pane = await openHarness(page, demo().url, `?item=compose&to=${encodeURIComponent(a!.address)}`);
      await card(pane, a!.address).waitFor({ timeout: 30_000 });
      await settle();
      // Typed and resolved with Enter: RecipientsChanged fires.
      let before = cardRequests.count();
      await toInput().fill(c!.address);
      await page.waitForTimeout(600);
      // Still being typed (unresolved): Outlook's getAsync leaves it out, so nothing is asked.
      expect(cardRequests.count()).toBe(before);
      await toInput().press('Enter');
      await card(pane, c!.address).waitFor({ timeout: 10_000 });
      await settle();
      expect(cardRequests.count() - before).toBe(1);
      // Picked from the directory: Outlook fires no event; the pane's re-read catches it.
      before = cardRequests.count();
      // The picker offers the whole directory, as Outlook's does: every colleague on the map.
      const dir = await api<{ people: Array<{ mail: string }> }>(page, '/api/harness/directory');
      const listed = new Set(dir.body.people.map((p) => p.mail));
      expect(colleagues.filter((p) => !listed.has(p.address)).map((p) => p.address)).toEqual([]);
      const picker = page.getByRole('combobox', { name: 'Pick from the directory (Cc)' });
      await picker.fill(d!.address); // as a pick from its suggestions (the directory's datalist) does
      await page.getByRole('button', { name: 'Add to Cc' }).click();
      await card(pane, d!.address).waitFor({ timeout: 10_000 });
      await settle();
      expect(cardRequests.count() - before).toBe(1);
      const snap = await snapshot(page);
      const picked = snap.calls.findIndex((x) => x.api === 'harness.pickFromDirectory');
      expect(snap.calls.slice(picked).some((x) => x.api === 'event.RecipientsChanged')).toBe(false);
      // Removed: one more request, and the card goes.
      before = cardRequests.count();
      await page
        .getByRole('button', { name: new RegExp(`^Remove .* from To$`) })
        .first()
        .click();
      await card(pane, a!.address).waitFor({ state: 'detached', timeout: 10_000 });
      await settle();
      expect(cardRequests.count() - before).toBe(1);
      expect(await pane.getByTestId('pane-card').count()).toBe(2);
      // Outlook on the web runs 3 async calls at a time: the pane never had more in flight.
      expect((await snapshot(page)).maxConcurrent).toBeLessThanOrEqual(3);
    },
  );

  it(
    'read mode shows the sender; a pinned switch follows; unpinned reloads; nothing selected',
    {
      timeout: 90_000,
    },
    async () => {
      const pane = await openHarness(page, demo().url, '?item=none');
      await pane.getByTestId('pane-empty').waitFor({ timeout: 30_000 });
      const known = new Set(colleagues.map((p) => p.address));
      const messages = page.getByTestId('harness-message');
      await messages.first().waitFor({ timeout: 30_000 }); // the inbox fills in behind an empty item
      const froms = await messages.evaluateAll((els) => els.map((e) => e.getAttribute('data-from') ?? ''));
      // The inbox as the harness lists it, with who else each message went to.
      type Recipients = Array<{ emailAddress: string }>;
      const inbox = await api<{ messages: Array<{ to: Recipients; cc: Recipients }> }>(
        page,
        '/api/harness/inbox',
      );
      const others = (i: number) =>
        new Set(
          [...inbox.body.messages[i]!.to, ...inbox.body.messages[i]!.cc].map((r) =>
            r.emailAddress.toLowerCase(),
          ),
        );
      const first = froms.find((f) => known.has(f));
      expect(first, 'a colleague among the inbox senders').toBeDefined();
      // A message from another colleague that does not have the first on it too.
      const next = froms.findIndex((f, i) => known.has(f) && f !== first && !others(i).has(first!));
      expect(next, 'a message from another colleague, without the first on it').toBeGreaterThanOrEqual(0);
      const second = froms[next]!;
      const loads = (await snapshot(page)).loads;
      await messages.nth(froms.indexOf(first!)).click();
      await card(pane, first!).waitFor({ timeout: 20_000 });
      await shot('read');
      // Pinned: ItemChanged, the same pane (no reload) shows the next sender.
      await messages.nth(next).click();
      await card(pane, second).waitFor({ timeout: 20_000 });
      await card(pane, first!).waitFor({ state: 'detached', timeout: 10_000 });
      const pinned = await snapshot(page);
      expect(pinned.loads).toBe(loads);
      expect(pinned.calls.some((x) => x.api === 'event.ItemChanged')).toBe(true);
      // Nothing selected: the pane says so.
      await page.getByRole('button', { name: 'Nothing selected' }).click();
      await pane.getByTestId('pane-empty').waitFor({ timeout: 10_000 });
      // Unpinned: a switch reloads the pane, as Outlook does, and it shows the new item.
      await page.getByRole('switch', { name: 'Pane pinned' }).click();
      await messages.nth(froms.indexOf(first!)).click();
      await card(pane, first!).waitFor({ timeout: 30_000 });
      expect((await snapshot(page)).loads).toBe(loads + 1);
    },
  );

  it('20 recipients give the summary, which expands', { timeout: 60_000 }, async () => {
    const twenty = colleagues.slice(0, 20).map((p) => p.address);
    expect(twenty).toHaveLength(20);
    const pane = await openHarness(
      page,
      demo().url,
      `?item=compose&to=${encodeURIComponent(twenty.join(';'))}`,
    );
    const summary = pane.getByTestId('pane-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toMatch(/20 colleagues/);
    expect(await pane.getByTestId('pane-card').count()).toBe(0);
    await summary.getByRole('button', { name: 'Show people' }).click();
    await expect.poll(() => pane.getByTestId('pane-card').count(), { timeout: 10_000 }).toBe(20);
    await shot('summary');
  });

  it(
    "a meeting with a customer suggests a colleague, and Add puts them on the meeting's attendees",
    { timeout: 60_000 },
    async () => {
      const pane = await openHarness(page, demo().url, '?item=meeting');
      const bring = pane.getByTestId('pane-bring').first();
      await bring.waitFor({ timeout: 30_000 });
      const address = (await bring.getAttribute('data-address'))!;
      // Two attendees from one customer: one line for their domain, never a profile.
      expect(await pane.getByTestId('pane-external').allTextContents()).toEqual([
        '2 external people · fabrikam.example',
      ]);
      await shot('meeting');
      await bring.getByRole('button', { name: /^Add .* to the meeting$/ }).click();
      await expect
        .poll(async () => (await snapshot(page)).item?.requiredAttendees?.map((r) => r.emailAddress), {
          timeout: 10_000,
        })
        .toContain(address);
      // The organiser sees them in the meeting's Required attendees.
      await page
        .getByTestId('harness-well-requiredAttendees')
        .locator(`[data-testid="harness-chip"][data-address="${address}"]`)
        .waitFor({ timeout: 5_000 });
      const calls = (await snapshot(page)).calls.map((x) => x.api);
      expect(calls).toContain('requiredAttendees.addAsync');
    },
  );

  it(
    'has no serious or critical axe violations in light, dark and high contrast',
    { timeout: 120_000 },
    async () => {
      const [a, b] = colleagues;
      const found: string[] = [];
      const to = encodeURIComponent(`${a!.address};${b!.address};buyer@fabrikam.example`);
      for (const theme of ['light', 'dark', 'contrast'] as const) {
        await page.emulateMedia({ forcedColors: theme === 'contrast' ? 'active' : 'none' });
        const pane = await openHarness(page, demo().url, `?item=compose&to=${to}&theme=${theme}`);
        await card(pane, a!.address).waitFor({ timeout: 30_000 });
        await pane.getByTestId('pane-external').waitFor();
        await page.waitForTimeout(300); // let transitions settle before judging colours
        await shot(`axe-${theme}`);
        const frame = page.frames().find((f) => new URL(f.url()).pathname === '/pane/')!;
        expect(await frame.locator('[data-theme]').first().getAttribute('data-theme')).toBe(theme);
        await frame.addScriptTag({ path: AXE });
        const result = (await frame.evaluate(() =>
          (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
            { exclude: [['[data-tabster-dummy]']] },
            { resultTypes: ['violations'] },
          ),
        )) as AxeResult;
        for (const v of result.violations)
          if (v.impact === 'serious' || v.impact === 'critical')
            found.push(
              `${theme}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(' | ')}`,
            );
      }
      await page.emulateMedia({ forcedColors: 'none' });
      expect(found).toEqual([]);
    },
  );

  it(
    'works with the keyboard alone: a recipient typed, into the pane, a colleague added to a meeting',
    {
      timeout: 90_000,
    },
    async () => {
      const [a] = colleagues;
      const activeTestId = () =>
        page.evaluate(() => {
          let el: Element | null = document.activeElement;
          // Focus inside the pane's frame: follow it in.
          while (el instanceof HTMLIFrameElement && el.contentDocument) el = el.contentDocument.activeElement;
          return {
            testId: el?.closest('[data-testid]')?.getAttribute('data-testid') ?? '',
            label: el?.getAttribute('aria-label') ?? el?.textContent ?? '',
            inPane: el?.ownerDocument !== document,
          };
        });
      const tabUntil = async (ok: (f: Awaited<ReturnType<typeof activeTestId>>) => boolean, max = 80) => {
        for (let i = 0; i < max; i++) {
          await page.keyboard.press('Tab');
          if (ok(await activeTestId())) return true;
        }
        return false;
      };
      // Compose: Tab to To, type, Enter; the card appears; Tab on into the pane and reach it.
      const pane = await openHarness(page, demo().url, '?item=compose');
      await pane.getByTestId('pane-empty').waitFor({ timeout: 30_000 });
      expect(await tabUntil((f) => /^To: type an address/.test(f.label))).toBe(true);
      await page.keyboard.type(a!.address);
      await page.keyboard.press('Enter');
      await card(pane, a!.address).waitFor({ timeout: 20_000 });
      expect(await tabUntil((f) => f.inPane && f.testId === 'pane-card')).toBe(true);
      // A meeting: Tab into the pane to the suggested colleague's Add, Enter adds them.
      const meeting = await openHarness(page, demo().url, '?item=meeting');
      await meeting.getByTestId('pane-bring').first().waitFor({ timeout: 30_000 });
      const address = (await meeting.getByTestId('pane-bring').first().getAttribute('data-address'))!;
      await page.locator(PANE_FRAME).focus();
      expect(await tabUntil((f) => f.inPane && /to the meeting$/.test(f.label))).toBe(true);
      const before = (await snapshot(page)).item?.requiredAttendees?.length ?? 0;
      await page.keyboard.press('Enter');
      await expect
        .poll(async () => (await snapshot(page)).item?.requiredAttendees?.length ?? 0, { timeout: 10_000 })
        .toBe(before + 1);
      expect((await snapshot(page)).item?.requiredAttendees?.map((r) => r.emailAddress)).toContain(address);
    },
  );

  it(
    'signs in through the Office dialog where SSO is unavailable and the pane has no session',
    { timeout: 90_000 },
    async () => {
      const a = colleagues[1]!;
      // The pane's own session lookup fails (as when the add-in's cookies are partitioned away);
      // the dialog's window is another page, so its sign-in and session work as usual.
      await page.route('**/auth/token', (route) =>
        new URL(route.request().frame().url()).pathname.startsWith('/pane/')
          ? route.fulfill({
              status: 401,
              contentType: 'application/problem+json',
              body: '{"title":"Not signed in"}',
            })
          : route.continue(),
      );
      try {
        const popup = page.context().waitForEvent('page', { timeout: 30_000 });
        const pane = await openHarness(
          page,
          demo().url,
          `?item=compose&to=${encodeURIComponent(a.address)}&quirks=no-sso`,
        );
        const dialog = await popup;
        // The dev tenant's sign-in in the dialog: pick the account (it may also go straight through).
        await dialog
          .getByRole('button', { name: /Megan Bowen/ })
          .click({ timeout: 10_000 })
          .catch(() => undefined);
        await card(pane, a.address).waitFor({ timeout: 30_000 });
        await expect.poll(() => dialog.isClosed(), { timeout: 10_000 }).toBe(true);
        const calls = (await snapshot(page)).calls.map((c) => c.api);
        expect(calls).toContain('auth.getAccessToken');
        expect(calls).toContain('ui.displayDialogAsync');
      } finally {
        await page.unroute('**/auth/token');
      }
    },
  );
});
