import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { signIn, startConsoleApp } from '../console/helpers';

const PHONE = { width: 390, height: 844 };
const LONG_URL = 'https://wiki.example.com/it/vpn/troubleshooting/a-very-long-page-name-without-any-breaks-0123456789abcdefghijklmnopqrstuvwxyz';

/** Elements under `selector` whose content is wider than their box (a long word sticking out). */
const overflowing = (page: Page, selector: string) => page.evaluate((sel) =>
  Array.from(document.querySelectorAll(sel)).filter((n) => n.scrollWidth > n.clientWidth + 1).length, selector);

describe('web chat in Chromium: several tabs, the stream cap, links (#21 defect 8)', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let browser: Browser;
  beforeAll(async () => {
    // Two streams per chat session: the third tab is over the cap.
    t = await startConsoleApp({ value: 0 }, { STREAMS_PER_SESSION: '2' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function tab(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(t.url);
    return { page, errors };
  }

  test('a user\'s messages appear in their other tab once; a tab over the stream cap says so, retries and catches up', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const a = await tab(context);
    await a.page.getByLabel('Message').fill('Start');
    await a.page.getByLabel('Message').press('Enter');
    await a.page.locator('.msg.bot').first().waitFor();
    const b = await tab(context);
    await b.page.locator('.msg.user', { hasText: 'Start' }).waitFor();
    await a.page.getByLabel('Message').fill('My VPN drops every five minutes');
    await a.page.getByLabel('Message').press('Enter');
    await b.page.locator('.msg.user', { hasText: 'My VPN drops every five minutes' }).waitFor();
    await a.page.locator('.msg.user:not(.pending)', { hasText: 'My VPN drops every five minutes' }).waitFor();
    expect(await a.page.locator('.msg.user', { hasText: 'My VPN drops every five minutes' }).count()).toBe(1);
    expect(await b.page.locator('.msg.user', { hasText: 'My VPN drops every five minutes' }).count()).toBe(1);

    // A third tab is over the cap (two streams per session here): it says why instead of "Reconnecting…" forever.
    const c = await tab(context);
    const status = c.page.locator('#status');
    await status.filter({ hasText: /open in other tabs/ }).waitFor();
    expect(await seriousA11yViolations(c.page)).toEqual([]);
    // A tab closes: the waiting one gets its stream within its backoff and shows the conversation.
    await a.page.close();
    await c.page.locator('.msg.user', { hasText: 'My VPN drops every five minutes' }).waitFor({ timeout: 20_000 });
    await status.filter({ hasText: /^$/ }).waitFor();
    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
  }, 90_000);

  test('web addresses are links (http and https only, noopener noreferrer) and long ones wrap inside bubbles, in chat and console', async () => {
    const { page, errors } = await tab(await browser.newContext({ viewport: PHONE }));
    await page.getByLabel('Message').fill(`The VPN is down, the wiki says ${LONG_URL} but javascript:alert(1) and ftp://old.example.com do nothing`);
    await page.getByLabel('Message').press('Enter');
    const mine = page.locator('.msg.user', { hasText: 'The VPN is down' });
    await mine.waitFor();
    const link = mine.getByRole('link', { name: LONG_URL });
    expect(await link.getAttribute('href')).toBe(LONG_URL);
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await mine.locator('a').count()).toBe(1);
    expect(await overflowing(page, '.msg')).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const ticket = await page.locator('.msg.bot', { hasText: /INC-\d{6}/ }).first().textContent();
    const number = /INC-\d{6}/.exec(String(ticket))![0];

    const agent = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    agent.setDefaultTimeout(8000);
    await signIn(agent, t.url, 'root', `/console/tickets/${number}`);
    const line = agent.locator('#transcript li', { hasText: 'The VPN is down' }).first();
    await line.waitFor();
    const agentLink = line.getByRole('link', { name: LONG_URL });
    expect(await agentLink.getAttribute('href')).toBe(LONG_URL);
    expect(await agentLink.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await line.locator('a').count()).toBe(1);
    expect(await overflowing(agent, '#transcript li')).toBe(0);
    expect(await seriousA11yViolations(agent)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
