import fs from 'node:fs';
import { sqliteCoreStores } from '../../src/store/core-stores';
import type { SqliteStore } from '../../src/store/sqlite-store';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { mountDashboard } from '../../src/console/dashboard';
import { PASSWORD, startConsoleApp } from '../console/helpers';
import { seedHistory } from './fixture';

const OUTPUT = path.join(__dirname, '..', '..', 'test-output');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('admin dashboard in Chromium', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let dashboard: ReturnType<typeof mountDashboard>;
  let browser: Browser;
  beforeAll(async () => {
    t = await startConsoleApp();
    const { store, engine, log, config } = t.app;
    seedHistory((store as unknown as { db: Parameters<typeof seedHistory>[0] }).db);
    const { kpi, kbFeedback, broadcasts: broadcastStore, webhooks: webhookStore } = sqliteCoreStores(store as SqliteStore);
    dashboard = mountDashboard(t.app.router, { store, agentStore: t.agentStore, engine, log, clock: () => new Date(), config, kpi, kbFeedback, broadcastStore, webhookStore });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
    await t?.stop();
  });

  test('an admin sees the KPIs and five labelled charts, posts a broadcast from the form; screenshot saved', async () => {
    // Arrange: sign in as the admin.
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1600 } })).newPage();
    page.setDefaultTimeout(8000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // Errors of our pages and scripts (a CSP refusal shows here); the browser's own favicon probe is not ours.
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
    await page.goto(`${t.url}/console/login`);
    await page.getByLabel('Login').fill('root');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${t.url}/console`);

    // Act: open the dashboard on the fixture week.
    await page.goto(`${t.url}/console/dashboard?from=2026-03-02&to=2026-03-08`);

    // Assert: the figures are the hand-counted ones of the fixture, and every chart has an accessible name.
    await page.getByRole('heading', { name: 'Key figures' }).waitFor();
    const tile = (label: string) => page.locator('.tile', { has: page.locator('.k', { hasText: new RegExp(`^${label}$`) }) }).locator('.v').textContent();
    expect(await tile('Tickets opened')).toBe('7');
    expect(await tile('First response, median')).toBe('40 min');
    expect(await tile('Response SLA met')).toBe('50%');
    expect(await tile('CSAT average')).toBe('4 / 5');
    for (const name of ['Tickets opened and closed', 'SLA met, % of tickets opened', 'Average satisfaction of closed tickets (1-5)',
      'Tickets solved by the knowledge base, % of opened', 'Open tickets now, by priority and age']) {
      await page.getByRole('img', { name }).waitFor();
    }
    expect(await page.locator('#chart-volume rect').count()).toBeGreaterThanOrEqual(12);

    await page.getByLabel('Notice').fill('Mail is down in Shanghai, we are on it');
    await page.getByLabel('webchat').check();
    await page.getByRole('button', { name: 'Post broadcast' }).click();
    // The page reloads with the new broadcast listed: the five web chat users of the fixture are its audience.
    await page.locator('#broadcasts li', { hasText: 'Mail is down in Shanghai' }).locator('.meta', { hasText: /sent \d\/5/ }).waitFor();
    await page.getByRole('button', { name: 'Close broadcast #1' }).waitFor();
    expect(problems).toEqual([]);
    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard.png'), fullPage: true });
    expect(fs.statSync(path.join(OUTPUT, 'dashboard.png')).size).toBeGreaterThan(30_000);
  }, 30_000);
});
