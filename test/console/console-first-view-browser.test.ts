import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { signIn, startConsoleAppWithTicket } from './helpers';

/** Runs in the page before its scripts: counts the date formatters the page builds (the first costs 40-70 ms in a new tab). */
function countDateFormatters(): void {
  const Original = Intl.DateTimeFormat;
  const counted = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
    (window as unknown as { dateFormatters: number }).dateFormatters += 1;
    return new Original(...args);
  } as unknown as typeof Intl.DateTimeFormat;
  Object.defineProperty(counted, 'prototype', { value: Original.prototype });
  (window as unknown as { dateFormatters: number }).dateFormatters = 0;
  Intl.DateTimeFormat = counted;
}

describe('the console first view in Chromium (#21)', () => {
  let t: Awaited<ReturnType<typeof startConsoleAppWithTicket>>['t'];
  let number = '';
  let browser: Browser;
  beforeAll(async () => {
    ({ t, number } = await startConsoleAppWithTicket());
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  test('builds no date formatter until a pointer comes over a countdown, which then shows its due time', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await signIn(await context.newPage(), t.url, 'alice');
    await context.addInitScript(countDateFormatters);
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    // The unread count's queue requests follow the live stream's start, the last step of the page's loading.
    const loaded = page.waitForRequest(/\/console\/api\/queue\?status=escalated&pageSize=200/);
    await page.goto(`${t.url}/console`);
    await loaded;
    const countdown = page.locator('#queue li', { hasText: number }).locator('.sla');
    await countdown.waitFor();

    expect(await page.evaluate(() => (window as unknown as { dateFormatters: number }).dateFormatters)).toBe(0);
    expect(await countdown.getAttribute('title')).toBeNull();

    await countdown.hover();
    await page.locator('#queue .sla[title]').waitFor({ state: 'attached' });
    expect(await countdown.getAttribute('title')).toMatch(/\d{2}:\d{2}/);
    expect(await page.evaluate(() => (window as unknown as { dateFormatters: number }).dateFormatters)).toBe(1);
    await context.close();
  });
});
