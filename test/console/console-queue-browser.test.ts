import type { Browser, Page } from 'playwright-core';
import { seedTickets } from '../../src/bench/seed-tickets';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { WAITING, signIn, startConsoleApp } from './helpers';

const DESKTOP = { width: 1366, height: 768 };

describe('console queue in Chromium: paging, search, filters, sorting and ticket URLs (#21 defect 1)', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let browser: Browser;
  const count = (sql: string) => Number((t.app.sqliteStore().db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE ${sql}`).get() as { n: number }).n);

  beforeAll(async () => {
    t = await startConsoleApp();
    // 301 tickets waiting for agents (P1-P5 in turn), then 10 resolved and 5 closed ones.
    seedTickets(t.app.sqliteStore().db, 301, new Date(), WAITING);
    seedTickets(t.app.sqliteStore().db, 10, new Date(), ['resolved']);
    seedTickets(t.app.sqliteStore().db, 5, new Date(), ['closed']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function adminPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, t.url, 'root');
    return { page, errors };
  }

  const range = (page: Page) => page.locator('#queue-range');

  test('301 open tickets: the count says 301, and paging reaches the last one', async () => {
    const { page, errors } = await adminPage();
    await page.locator('#queue-count', { hasText: '(301)' }).waitFor();
    await range(page).filter({ hasText: 'Showing 1–50 of 301' }).waitFor();
    expect(await page.locator('#queue li').count()).toBe(50);
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('#page-info', { hasText: 'Page 7 of 7' }).waitFor();
    await range(page).filter({ hasText: 'Showing 301–301 of 301' }).waitFor();
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    // Every P5 ticket is reachable: the filter lists exactly the waiting P5 tickets.
    await page.getByLabel('Priority').selectOption('P5');
    const p5 = count(`priority = 'P5' AND status IN ('${WAITING.join("','")}')`);
    await page.locator('#queue-count', { hasText: `(${p5})` }).waitFor();
    expect(await page.locator('#queue .badge').allTextContents()).toEqual(Array(Math.min(50, p5)).fill('P5'));
    expect(new URL(page.url()).searchParams.get('priority')).toBe('P5');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('search by number, words and requester; resolved and closed tickets are listed; sorting by newest', async () => {
    const { page } = await adminPage();
    await page.getByRole('searchbox', { name: 'Search' }).fill('INC-000123');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.locator('#queue-count', { hasText: '(1)' }).waitFor();
    expect(await page.locator('#queue li').allTextContents()).toEqual([expect.stringContaining('INC-000123')]);
    await page.getByRole('searchbox', { name: 'Search' }).fill('seeded ticket 30');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    // "Seeded ticket 30", 300 and 301 wait; the rest are only words of other numbers.
    await page.locator('#queue-count', { hasText: `(${count("summary LIKE '%seeded ticket 30%' AND status NOT IN ('resolved', 'closed')")})` }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('seed@example.org');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.locator('#queue-count', { hasText: '(301)' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByLabel('Status').selectOption('resolved');
    await page.locator('#queue-count', { hasText: '(10)' }).waitFor();
    await page.getByLabel('Status').selectOption('closed');
    await page.locator('#queue-count', { hasText: '(5)' }).waitFor();
    await page.getByLabel('Status').selectOption('all');
    await page.getByLabel('Sort by').selectOption('newest');
    await page.locator('#queue-count', { hasText: '(316)' }).waitFor();
    await page.locator('#queue li').first().filter({ hasText: 'INC-000316' }).waitFor();
  }, 60_000);

  test('a ticket has its own address that survives a reload, with the queue filters', async () => {
    const { page } = await adminPage();
    await page.getByLabel('Priority').selectOption('P3');
    await page.locator('#queue li').first().waitFor();
    const first = page.locator('#queue li button').first();
    const number = String(await first.getAttribute('data-number'));
    await first.click();
    await page.locator('#ticket-title', { hasText: number }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/tickets/${number}`);
    await page.reload();
    await page.locator('#ticket-title', { hasText: number }).waitFor();
    expect(await page.getByLabel('Priority').inputValue()).toBe('P3');
    // Signed out, the address leads through the login page back to the ticket.
    const fresh = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await signIn(fresh, t.url, 'root', `/console/tickets/${number}`);
    await fresh.locator('#ticket-title', { hasText: number }).waitFor();
  }, 60_000);
});
