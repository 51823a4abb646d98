/**
 * `npm run bench -- pane`: the Outlook pane's weight and speed against the real demo (`startDemo`,
 * `npm start`'s launcher, which builds the front end), in the harness (/harness/, the real pane
 * framed by the Office stand-in), signed in as the demo user in headless Chromium. Prints the
 * figures and writes bench/results/pane.json.
 *
 * - paneJsGzipKb: gzip size of the JS the pane page loads first — its entry chunk and the entry's
 *   static imports, walked in dist/web/.vite/manifest.json (office.js is Microsoft's, never bundled;
 *   lazy chunks are left out). Target ≤ 150.
 * - firstCardMs: harness navigation start → the first colleague card drawn in the pane (the harness
 *   page's performance clock, polled every 10 ms; the harness reads its mailbox, the pane loads,
 *   gets a token, reads the item and asks for the cards); median of 5. Beside it blankPageMs, the
 *   navigation → load of a blank static page from the same server in the same run, median of 5, and
 *   firstCardVsBlank (target ≤ 8).
 * - recipientChangeMs: a recipient added in the compose window (Enter: RecipientsChanged fires) →
 *   their card drawn in the pane, measured inside the page; median of 5.
 * - cardsVsBareExpress: requests/s of POST /api/people/cards with 5 addresses (token validation,
 *   helmet, logging, the cards from the map cache) at 200 connections ÷ a bare Express route parsing
 *   the same JSON body and answering the same JSON, both loaded by autocannon in its own process
 *   against the same machine (target ≥ 0.5); cardsP99Ms the cards route's p99 latency.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import express from 'express';
import type { Page } from 'playwright-core';
import { launchBrowser, signInAsMegan } from '../tests/browser/browser';
import { api, PANE_FRAME } from '../tests/browser/fixtures/harness';
import { startDemo } from '../tests/helpers/demo';

const run = promisify(execFile);

interface ManifestChunk {
  file: string;
  imports?: string[];
}

function initialJsGzipKb(distDir: string, entry: string): { kb: number; files: string[] } {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(distDir, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`no ${key} in the manifest`);
    seen.add(key);
    for (const k of chunk.imports ?? []) walk(k);
  };
  walk(entry);
  const files = [...seen].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const bytes = files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(distDir, f))).length, 0);
  return { kb: Math.round((bytes / 1024) * 10) / 10, files };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Navigation start → the first `pane-card` in the pane's frame, on the harness page's clock. */
async function firstCard(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const t = await page.waitForFunction(
    (frameSel) => {
      const f = document.querySelector<HTMLIFrameElement>(frameSel);
      const drawn = f?.contentDocument?.querySelector('[data-testid="pane-card"]');
      return drawn ? performance.now() : false;
    },
    PANE_FRAME,
    { polling: 10, timeout: 60_000 },
  );
  return Math.round(Number(await t.jsonValue()));
}

/** A recipient resolved in the To well (as Enter does) → their card in the pane, inside the page. */
async function recipientChange(page: Page, address: string): Promise<number> {
  // The harness exposes its driver once its inbox and directory are in, which can be after the
  // first card (compose needs neither).
  await page.waitForFunction(() => 'RapportHarness' in window, null, { timeout: 30_000 });
  return page.evaluate(
    ({ address, frameSel }) =>
      new Promise<number>((resolve, reject) => {
        const harness = (
          window as unknown as {
            RapportHarness: { mailbox: { commitTyped(field: string, text: string): unknown } };
          }
        ).RapportHarness;
        const frame = document.querySelector<HTMLIFrameElement>(frameSel)!;
        const t0 = performance.now();
        harness.mailbox.commitTyped('to', address);
        const timer = setInterval(() => {
          if (frame.contentDocument?.querySelector(`[data-testid="pane-card"][data-address="${address}"]`)) {
            clearInterval(timer);
            resolve(performance.now() - t0);
          } else if (performance.now() - t0 > 30_000) {
            clearInterval(timer);
            reject(new Error(`no card for ${address}`));
          }
        }, 5);
      }),
    { address, frameSel: PANE_FRAME },
  );
}

interface Cannon {
  requests: { average: number };
  latency: { p99: number; average: number };
  non2xx?: number;
  errors?: number;
}
async function cannon(url: string, headers: Record<string, string>, body: string, seconds: number) {
  const args = [
    path.resolve('node_modules/autocannon/autocannon.js'),
    '-c',
    '200',
    '-d',
    String(seconds),
    '-m',
    'POST',
    '-b',
    body,
    '-j',
  ];
  for (const [k, v] of Object.entries({ 'content-type': 'application/json', ...headers }))
    args.push('-H', `${k}=${v}`);
  const { stdout } = await run(process.execPath, [...args, url], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as Cannon;
}

// No periodic re-sync of the demo user in the middle of a measurement.
const demo = await startDemo({ SYNC_SWEEP_MINUTES: '0' });
const browser = await launchBrowser();
const bare = express();
let bareServer: ReturnType<typeof bare.listen> | undefined;
try {
  const js = initialJsGzipKb(path.resolve('dist/web'), 'pane/index.html');
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await signInAsMegan(page, demo.url);
  console.log('waiting for the first sync …');
  await page.getByTestId('relationship-map').waitFor({ timeout: 180_000 });
  const inbox = await api<{ mailbox: { emailAddress: string } }>(page, '/api/harness/inbox');
  const map = await api<{ people: Array<{ id: string | null; address: string }> }>(page, '/api/map');
  const colleagues = map.body.people
    .filter((p) => p.id && p.address !== inbox.body.mailbox.emailAddress)
    .map((p) => p.address);
  if (colleagues.length < 11) throw new Error(`only ${colleagues.length} colleagues on the map`);

  console.log('first card …');
  const composeUrl = `${demo.url}/harness/?item=compose&to=${encodeURIComponent(colleagues[0]!)}`;
  await firstCard(page, composeUrl); // warm: the server's map cache and the browser's HTTP cache
  const first: number[] = [];
  for (let i = 0; i < 5; i++) first.push(await firstCard(page, composeUrl));
  const blank: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${demo.url}/blank.html`, { waitUntil: 'load' });
    blank.push(
      Math.round(
        await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return nav.loadEventStart || performance.now();
        }),
      ),
    );
  }

  console.log('recipient change …');
  await firstCard(page, composeUrl);
  const change: number[] = [];
  for (let i = 1; i <= 5; i++) change.push(Math.round(await recipientChange(page, colleagues[i]!)));

  console.log('POST /api/people/cards vs bare Express (200 connections) …');
  const token = await page.evaluate(async () => {
    const r = await fetch('/auth/token', { method: 'POST', headers: { 'X-Rapport-Request': '1' } });
    return ((await r.json()) as { accessToken: string }).accessToken;
  });
  const body = JSON.stringify({ addresses: colleagues.slice(6, 11) });
  const cardsUrl = `${demo.url}/api/people/cards`;
  const sample = await fetch(cardsUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  if (sample.status !== 200) throw new Error(`cards answered ${sample.status}`);
  const cardsJson = await sample.text();
  const cardsBody = JSON.parse(cardsJson) as { cards: unknown[] };
  if (cardsBody.cards.length !== 5) throw new Error(`${cardsBody.cards.length} cards for 5 addresses`);
  bare.post('/cards', express.json(), (_req, res) => {
    res.json(cardsBody); // the same answer, serialised per request as the real route does
  });
  bareServer = bare.listen(0);
  await new Promise((r) => bareServer!.once('listening', r));
  const bareUrl = `http://localhost:${(bareServer.address() as { port: number }).port}/cards`;
  const headers = { authorization: `Bearer ${token}` };
  await cannon(bareUrl, {}, body, 2); // warm up both
  await cannon(cardsUrl, headers, body, 2);
  const bares: Cannon[] = [];
  const cards: Cannon[] = [];
  for (let i = 0; i < 2; i++) {
    bares.push(await cannon(bareUrl, {}, body, 8));
    cards.push(await cannon(cardsUrl, headers, body, 8));
  }
  const rps = (xs: Cannon[]) => xs.reduce((s, x) => s + x.requests.average, 0) / xs.length;
  const failures = cards.reduce((s, c) => s + (c.non2xx ?? 0) + (c.errors ?? 0), 0);
  if (failures) throw new Error(`${failures} cards requests failed`);

  const firstCardMs = median(first);
  const blankPageMs = median(blank);
  const result = {
    paneJsGzipKb: js.kb,
    firstCardMs,
    blankPageMs,
    firstCardVsBlank: round(firstCardMs / Math.max(1, blankPageMs)),
    recipientChangeMs: median(change),
    cardsVsBareExpress: round(rps(cards) / rps(bares), 3),
    cardsP99Ms: Math.max(...cards.map((c) => c.latency.p99)),
    targets: { paneJsGzipKb: '≤ 150', firstCardVsBlank: '≤ 8', cardsVsBareExpress: '≥ 0.5' },
    detail: {
      machine: `${os.cpus().length} cores, Node ${process.version}`,
      initialJsFiles: js.files,
      firstCardRunsMs: first,
      blankPageRunsMs: blank,
      recipientChangeRunsMs: change,
      cardsRps: Math.round(rps(cards)),
      bareRps: Math.round(rps(bares)),
      bareP99Ms: Math.max(...bares.map((c) => c.latency.p99)),
      cardsBytes: cardsJson.length,
      addressesPerRequest: 5,
      connections: 200,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join('bench', 'results', 'pane.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  bareServer?.close();
  await browser.close();
  await demo.stop();
}
