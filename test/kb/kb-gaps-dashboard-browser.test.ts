import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { SqliteStore } from '../../src/store/sqlite-store';
import { PASSWORD, startConsoleApp } from '../console/helpers';
import { WEEK_OF_GAPS, seedGaps, seedUnhelpful } from './gap-fixture';
import { tempDir } from './import-helpers';

const OUTPUT = path.join(__dirname, '..', '..', 'test-output');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const HOSTILE = '<img src=x onerror="window.pwned=1"> printer jammed';

describe('knowledge gaps on the admin dashboard, in Chromium', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let browser: Browser;
  beforeAll(async () => {
    // A served article folder where one article was last reviewed in 2020.
    const kbDir = path.join(tempDir('dash-kb'), 'kb');
    fs.cpSync(path.join(__dirname, 'fixtures', 'kb'), kbDir, { recursive: true });
    const old = path.join(kbDir, 'printer-offline.md');
    fs.writeFileSync(old, fs.readFileSync(old, 'utf8').replace(/^updated: .*$/m, 'updated: 2020-01-15'));
    t = await startConsoleApp(undefined, { KB_DIR: kbDir, KB_STALE_DAYS: '365' });
    const store = t.app.store as SqliteStore;
    await seedGaps(store, [...WEEK_OF_GAPS, { query: HOSTILE, lang: 'en', at: '2026-03-06T08:00:00.000Z' }, { query: 'outside the period', lang: 'en', at: '2026-04-20T08:00:00.000Z' }]);
    await seedUnhelpful(store, 'printer-offline', 3, '2026-03-03T10:00:00.000Z');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  test('an admin sees the top unanswered topics with examples (EN and ZH), the poorly rated and the stale articles; screenshot saved', async () => {
    // Arrange: sign in as the admin.
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1600 } })).newPage();
    page.setDefaultTimeout(8000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
    await page.goto(`${t.url}/console/login`);
    await page.getByLabel('Login').fill('root');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${t.url}/console`);

    // Act: the dashboard on the week the gaps were recorded.
    await page.goto(`${t.url}/console/dashboard?from=2026-03-02&to=2026-03-08`);

    // Assert
    const section = page.getByRole('region', { name: 'Knowledge gaps' });
    await section.waitFor();
    const topics = page.getByRole('table', { name: /Top unanswered topics: 7 searches found no article to offer/ });
    const rows = topics.locator('tbody tr');
    expect(await rows.count()).toBe(4);
    const cells = async (i: number) => (await rows.nth(i).locator('td').allInnerTexts()).map((c) => c.trim());
    const first = await cells(0);
    expect(first[0]).toMatch(/meeting room/);
    expect(first.slice(1, 4)).toEqual(['3', 'en 3', 'other']);
    expect(first[4].split('\n')).toEqual(['Meeting room booking does not work', 'book meeting room 5F', 'how do I book a meeting room for Friday']);
    const second = await cells(1);
    expect(second.slice(1, 3)).toEqual(['2', 'zh 2']);
    expect(second[4].split('\n')).toEqual(['会议室预订不了', '怎么预订会议室？']);
    // A question is shown as text, never run as markup.
    await topics.getByText(HOSTILE).waitFor();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    const poor = page.getByRole('table', { name: 'Articles with poor helpful rates' });
    expect((await poor.locator('tbody tr').first().locator('td').allInnerTexts()).map((c) => c.trim())).toEqual(['printer-offline', '3', '0', '3', '0%']);
    const stale = page.getByRole('table', { name: 'Stale articles: not updated for more than 365 days' });
    const staleRow = (await stale.locator('tbody tr').first().locator('td').allInnerTexts()).map((c) => c.trim());
    expect(staleRow.slice(0, 3)).toEqual(['printer-offline', 'Printer shows offline', '2020-01-15']);
    expect(await stale.locator('tbody tr').count()).toBe(1);
    expect(problems).toEqual([]);
    fs.mkdirSync(OUTPUT, { recursive: true });
    await section.screenshot({ path: path.join(OUTPUT, 'dashboard-kb-gaps.png') });
    expect(fs.statSync(path.join(OUTPUT, 'dashboard-kb-gaps.png')).size).toBeGreaterThan(10_000);
  }, 40_000);
});
