import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';

/** A signed-in console page in headless Chromium (1366x768), or why Chromium cannot run here. */
export type ConsolePage = { browser: Browser; page: Page } | { skipped: string };

/**
 * Open Debian's Chromium (or CHROMIUM_PATH) through playwright-core with the console's session cookie set.
 * Benches that measure the screen call this; a machine without the development dependency reports a skip.
 */
export async function openConsolePage(url: string, cookie: string): Promise<ConsolePage> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    chromium = (await import('playwright-core')).chromium;
  } catch {
    return { skipped: 'playwright-core is not installed (a development dependency)' };
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) return { skipped: `no Chromium at ${executablePath}` };
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url }]);
  return { browser, page: await context.newPage() };
}
