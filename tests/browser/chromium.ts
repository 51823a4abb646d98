import fs from 'node:fs';

/** A Chromium already on the machine: CHROME_PATH, else Debian's package. */
export function systemChromium(): string | null {
  for (const p of [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}

/**
 * The browser the tests drive. Without a system Chromium, the one shipped inside the npm package
 * `@sparticuz/chromium` (a dev dependency) is unpacked to the temp folder, so a clean machine with
 * nothing but npm runs every browser test. Browser downloads are impossible here, so nothing is
 * fetched. Resolved once in vitest.config (unpacking from parallel workers would race).
 * Only linux-x64 has the packaged build.
 */
export async function chromiumExecutable(): Promise<string | null> {
  // RAPPORT_CHROMIUM=packaged skips the system one: CI proves the clean-machine path that way.
  const found = process.env.RAPPORT_CHROMIUM === 'packaged' ? null : systemChromium();
  if (found) return found;
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    return await packaged.executablePath();
  } catch {
    return null; // not linux-x64, or the package is absent: browser suites say so and skip
  }
}
