import { readFileSync } from 'node:fs';
import { seriousA11yViolations } from '../helpers/axe';
import { consoleWithEscalation, loginAs, signIn } from './helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('the dashboard in Chromium: CSV export of every table, drill-down to the queue (#21 dashboard)', () => {
  const suite = consoleWithEscalation();

  beforeAll(async () => {
    const alice = await loginAs(suite.t.url, 'alice');
    expect((await alice.act('INC-000001', 'takeover')).status).toBe(200);
  });

  test('every table has a Download CSV button; the agents table downloads as CSV with the period in its name', async () => {
    const page = await (await suite.browser.newContext({ viewport: DESKTOP, acceptDownloads: true })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.t.url, 'root');
    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`${suite.t.url}/console/dashboard?from=2026-01-01&to=${today}`);
    await page.locator('#agent-figures + button.csv').waitFor();
    const tables = await page.locator('main table').count();
    expect(tables).toBeGreaterThan(4);
    expect(await page.locator('main button.csv', { hasText: 'Download CSV' }).count()).toBe(tables);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#agent-figures + button.csv').click()]);
    expect(download.suggestedFilename()).toBe(`frontdesk-by-agent-tickets-they-own-now-2026-01-01_${today}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(lines[0]).toBe('Agent,Open now,Resolved,"First response, median (min)","Resolution, median (h)",CSAT average,Ratings');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['Alice Chen,1,0']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('a priority row and an agent\'s name lead to the queue filtered to their tickets; on a phone in Chinese too', async () => {
    const page = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.t.url, 'root');
    await page.goto(`${suite.t.url}/console/dashboard`);
    await page.locator('table', { has: page.locator('caption', { hasText: 'By priority' }) }).getByRole('link', { name: 'P2', exact: true }).click();
    await page.locator('#queue button[data-number="INC-000001"]').waitFor();
    expect(new URL(page.url()).search).toBe('?status=all&priority=P2');
    expect(await page.locator('#f-priority').inputValue()).toBe('P2');

    await page.goto(`${suite.t.url}/console/dashboard`);
    await page.locator('#agent-figures').getByRole('link', { name: 'Alice Chen' }).click();
    await page.locator('#queue button[data-number="INC-000001"]').waitFor();
    expect(new URL(page.url()).searchParams.get('assignee')).toBe('alice');

    await page.evaluate(() => localStorage.setItem('frontdesk.console.lang', 'zh'));
    await page.goto(`${suite.t.url}/console/dashboard`);
    await page.locator('main button.csv', { hasText: '下载 CSV' }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
