import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PASSWORD, startConsoleApp } from './helpers';

const OUTPUT = path.join(__dirname, '..', '..', 'test-output');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('agent console in Chromium', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let browser: Browser;
  beforeAll(async () => {
    t = await startConsoleApp();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  test('log in, see the escalation arrive live, take over and reply; the user reads the reply in the web chat', async () => {
    // Arrange: the agent signs in (the console redirects to the login page first).
    const agent = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
    agent.setDefaultTimeout(8000);
    const pageErrors: string[] = [];
    agent.on('pageerror', (e) => pageErrors.push(e.message));
    await agent.goto(`${t.url}/console`);
    expect(new URL(agent.url()).pathname).toBe('/console/login');
    await agent.getByLabel('Login').fill('alice');
    await agent.getByLabel('Password').fill(PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.waitForURL(`${t.url}/console`);
    await agent.getByText('Alice Chen (agent: network, service-desk)').waitFor();
    await agent.getByText('No tickets waiting.').waitFor();

    // The user reports a problem in the web chat, with markup that must stay text.
    const user = await (await browser.newContext()).newPage();
    user.setDefaultTimeout(8000);
    await user.goto(t.url);
    await user.getByLabel('Message').fill('VPN down for the whole team <img src=x onerror="window.__xss=1">');
    await user.getByLabel('Message').press('Enter');

    // Act: the ticket appears in the open console without a reload; the agent opens it and takes over.
    const item = agent.locator('#queue button', { hasText: 'INC-000001' });
    await item.waitFor({ timeout: 8000 });
    await agent.locator('#announce', { hasText: 'New in the queue: INC-000001' }).waitFor();
    await item.click();
    await agent.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    await agent.waitForFunction(() => document.activeElement?.id === 'ticket-title');
    await agent.locator('#transcript li', { hasText: '<img src=x onerror="window.__xss=1">' }).waitFor();
    await agent.getByRole('button', { name: 'Take over' }).click();
    await user.locator('#log .bot', { hasText: 'Alice Chen from the service desk has joined' }).waitFor({ timeout: 8000 });
    await agent.getByLabel('Message to the user, or internal note').fill('I reset your VPN session, please reconnect.');
    await agent.getByRole('button', { name: 'Reply' }).click();

    // Assert: the user sees the reply; nothing the user typed ran as HTML in either page.
    await user.locator('#log .bot', { hasText: 'I reset your VPN session, please reconnect.' }).waitFor({ timeout: 8000 });
    await agent.locator('#transcript li', { hasText: 'I reset your VPN session' }).waitFor();
    expect(await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await agent.locator('#transcript img, #ticket-title img').count()).toBe(0);
    expect(await user.locator('#log .bot strong', { hasText: 'Alice Chen' }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
    await agent.evaluate(() => document.querySelector('main')!.scrollTo(0, 0));
    fs.mkdirSync(OUTPUT, { recursive: true });
    await agent.screenshot({ path: path.join(OUTPUT, 'console.png') });
    expect(fs.statSync(path.join(OUTPUT, 'console.png')).size).toBeGreaterThan(10_000);
  }, 30_000);
});
