import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { consoleWithEscalation, signIn } from './helpers';

const PHONE = { width: 390, height: 844 };

/** Page-level horizontal scroll and the boxes of every matching element that stick out of the viewport. */
async function overflow(page: Page, selector: string) {
  return page.evaluate((sel) => ({
    pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
    outside: Array.from(document.querySelectorAll(sel)).filter((n) => {
      const box = n.getBoundingClientRect();
      return box.width > 0 && (box.left < -0.5 || box.right > window.innerWidth + 0.5);
    }).map((n) => n.id || n.tagName),
  }), selector);
}

describe('console and dashboard on a phone (390x844) in Chromium (#21 defect 5)', () => {
  const suite = consoleWithEscalation('The VPN is down for our whole team, see https://status.example.com/incidents/very/long/path/that/does/not/break/anywhere/at/all/0123456789abcdef');

  async function phonePage(): Promise<{ page: Page; errors: string[] }> {
    const page = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, errors };
  }

  test('queue and ticket are stacked views: the ticket takes the full width, Back returns to the queue', async () => {
    const { page, errors } = await phonePage();
    await signIn(page, suite.t.url, 'root');
    const row = page.locator('#queue button[data-number="INC-000001"]');
    await row.waitFor();
    expect(await overflow(page, 'header, nav, #queue button')).toEqual({ pageScrolls: false, outside: [] });
    expect(await page.locator('main').isVisible()).toBe(false);

    await row.click();
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    await page.locator('#transcript li', { hasText: 'status.example.com' }).first().waitFor();
    expect(await page.locator('nav').isVisible()).toBe(false);
    const main = (await page.locator('main').boundingBox())!;
    expect(main.width).toBeGreaterThanOrEqual(PHONE.width - 20);
    expect(await overflow(page, 'main, main section, #transcript li, #message, #reply, #takeover')).toEqual({ pageScrolls: false, outside: [] });
    // The pane is usable: the agent can take over and write a reply without leaving the screen.
    await page.getByRole('button', { name: 'Take over' }).click();
    await page.locator('#details dd', { hasText: 'In progress' }).waitFor();
    await page.getByLabel('Message to the user, or internal note').fill('On it.');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Back to the queue' }).click();
    await page.locator('#queue button[data-number="INC-000001"]').waitFor();
    expect(await page.locator('main').isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/console');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.number)).toBe('INC-000001');
    // The browser's own back button opens the ticket again.
    await page.goBack();
    await page.locator('main').waitFor({ state: 'visible' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 60_000);

  test('a ticket address opened on a phone shows the ticket with a way back; on a desktop there is no Back button', async () => {
    const { page } = await phonePage();
    await signIn(page, suite.t.url, 'root', '/console/tickets/INC-000001');
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    expect(await page.getByRole('button', { name: 'Back to the queue' }).isVisible()).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await page.getByRole('button', { name: 'Back to the queue' }).isVisible()).toBe(false);
    expect(await page.locator('nav').isVisible()).toBe(true);
  }, 60_000);

  test('the dashboard fits the phone: no page scroll sideways, every chart inside the viewport', async () => {
    const { page, errors } = await phonePage();
    await signIn(page, suite.t.url, 'root');
    await page.goto(`${suite.t.url}/console/dashboard`);
    await page.locator('svg.chart').first().waitFor();
    const result = await overflow(page, 'header, section, svg.chart, .tiles');
    expect(result).toEqual({ pageScrolls: false, outside: [] });
    expect(await page.locator('svg.chart').count()).toBe(5);
    const chart = (await page.locator('#chart-volume').boundingBox())!;
    expect(chart.width).toBeGreaterThan(250);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
