/**
 * `npm run bench -- tab`: the Teams tab's weight and speed against the real demo (`startDemo`,
 * which builds the front end), signed in as the demo user in headless Chromium. Prints the figures
 * and writes bench/results/tab.json.
 *
 * - tabJsGzipKb: gzip size of the JS the tab page loads before anything else — its entry chunk and
 *   the entry's static imports, walked in dist/web/.vite/manifest.json (lazy views are left out)
 * - mapDrawnMs: navigation start → every person of the map drawn (the page's performance clock,
 *   polled every 10 ms), after sign-in and the first sync; median of 3 reloads
 * - blankPageMs: navigation start → load of a blank static page from the same server, same run,
 *   median of 3 — the floor any page pays here
 * - table3000Ms / map3000Ms: navigation start → the table's first rows (the map's 300 dots and
 *   its bubbles) drawn when `/api/map` answers with 3,000 people (the real map, its people replaced
 *   by tests/helpers/bigMap.ts's); median of 3. Includes fetching and validating the 3,000 and
 *   Playwright's interception (the real map fetched, rewritten in the bench's process: ~1.5 MB).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser, signInAsMegan } from '../tests/browser/browser';
import { withBigPeople } from '../tests/helpers/bigMap';
import { startDemo } from '../tests/helpers/demo';
import type { RelationshipMap } from '../src/lib/mapApi';

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

function initialJsGzipKb(distDir: string, entry = 'tab/index.html'): { kb: number; files: string[] } {
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function mapDrawn(page: Page, url: string, people: number, selector = 'map-person'): Promise<number> {
  // A real navigation each time: going to the same page with only a new #hash would not reload it,
  // and the page clock would still count from the first visit (sign-in and first sync included).
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const t = await page.waitForFunction(
    ([n, testId]) => {
      const drawn = document.querySelectorAll(`[data-testid="${testId}"]`).length;
      return drawn >= n ? performance.now() : false;
    },
    [people, selector] as const,
    { polling: 10, timeout: 60_000 },
  );
  return Math.round(Number(await t.jsonValue()));
}

const demo = await startDemo();
const browser = await launchBrowser();
try {
  const js = initialJsGzipKb(path.resolve('dist/web'));
  const page = await browser.newPage();
  await signInAsMegan(page, demo.url);
  // The first visit waits out the first sync behind the progress bar.
  await page.getByTestId('map-person').first().waitFor({ timeout: 180_000 });
  const people = await page.getByTestId('map-person').count();

  const drawn: number[] = [];
  for (let i = 0; i < 3; i++) drawn.push(await mapDrawn(page, `${demo.url}/tab/#map`, people));
  if (process.env.BENCH_TRACE)
    console.log(
      await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => !e.name.includes('/assets/'))
          .map(
            (e) =>
              `${e.name} ${Math.round(e.startTime)}→${Math.round((e as PerformanceResourceTiming).responseEnd)}`,
          ),
      ),
    );
  const blank: number[] = [];
  for (let i = 0; i < 3; i++) {
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
  // The same tab for a sales leader with 3,000 counterparts (same page and session, from now on).
  const big = page;
  await big.route(/\/api\/map(\?|$)/, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, json: withBigPeople((await res.json()) as RelationshipMap, 3000) });
  });
  const table3000: number[] = [];
  const map3000: number[] = [];
  for (let i = 0; i < 3; i++) {
    table3000.push(await mapDrawn(big, `${demo.url}/tab/#table`, 1, 'table-row'));
    map3000.push(await mapDrawn(big, `${demo.url}/tab/#map`, 300));
  }
  await big.getByRole('tab', { name: 'Table' }).click();
  await big.getByTestId('table-row').first().waitFor();
  const tableRowsInDom = await big.getByTestId('table-row').count();
  const result = {
    tabJsGzipKb: js.kb,
    mapDrawnMs: median(drawn),
    blankPageMs: median(blank),
    table3000Ms: median(table3000),
    map3000Ms: median(map3000),
    detail: {
      initialJsFiles: js.files,
      mapPeople: people,
      mapDrawnRunsMs: drawn,
      blankPageRunsMs: blank,
      table3000RunsMs: table3000,
      table3000RowsInDom: tableRowsInDom,
      map3000RunsMs: map3000,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync(path.join('bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join('bench', 'results', 'tab.json'), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser.close();
  await demo.stop();
}
