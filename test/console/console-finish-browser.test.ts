import type { Page, Response } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { consoleWithEscalation, signIn } from './helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('console, dashboard and chat finish in Chromium: icons, error pages, wording, styles, accessibility (#21 defects 11 and 12)', () => {
  const suite = consoleWithEscalation();

  async function open(viewport = DESKTOP): Promise<{ page: Page; failed: string[]; errors: string[] }> {
    const page = await (await suite.browser.newContext({ viewport })).newPage();
    page.setDefaultTimeout(8000);
    const failed: string[] = [];
    const errors: string[] = [];
    page.on('response', (r: Response) => { if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`); });
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, failed, errors };
  }

  test('no page asks for anything that is missing (favicon included)', async () => {
    const { page, failed } = await open();
    const icon = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/favicon'));
    await page.goto(suite.t.url);
    expect((await icon).status()).toBe(200);
    await signIn(page, suite.t.url, 'root');
    await page.locator('#queue li').first().waitFor();
    await page.goto(`${suite.t.url}/console/dashboard`);
    await page.locator('h1').first().waitFor();
    expect(failed).toEqual([]);
    const ico = await page.request.get(`${suite.t.url}/favicon.ico`);
    expect(ico.status()).toBe(200);
    expect(ico.headers()['content-type']).toBe('image/svg+xml');
  }, 60_000);

  test('a page route that fails answers an HTML page in both languages; the JSON APIs keep JSON', async () => {
    const { page } = await open();
    const res = await page.goto(`${suite.t.url}/no/such/page?<script>`);
    expect(res!.status()).toBe(404);
    expect(res!.headers()['content-type']).toContain('text/html');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByText('页面不存在').waitFor();
    expect(await page.content()).not.toContain('<script>');
    const api = await page.request.get(`${suite.t.url}/console/api/queue`, { headers: { accept: 'text/html' } });
    expect(api.status()).toBe(401);
    expect(api.headers()['content-type']).toContain('application/json');
  }, 30_000);

  test('statuses and times in words, a link to the dashboard, agent replies styled apart; axe finds nothing serious', async () => {
    const { page, errors } = await open();
    await signIn(page, suite.t.url, 'root');
    const row = page.locator('#queue button[data-number="INC-000001"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Waiting for an agent');
    expect(await row.textContent()).not.toContain('escalated');
    await row.click();
    await page.getByRole('button', { name: 'Take over' }).click();
    await page.locator('#details dd', { hasText: 'In progress' }).waitFor();
    await page.getByLabel('Message to the user, or internal note').fill('Checking the gateway now.');
    await page.getByRole('button', { name: 'Reply' }).click();
    const agentLine = page.locator('#transcript li.agent', { hasText: 'Checking the gateway now.' });
    await agentLine.waitFor();
    const botLine = page.locator('#transcript li.out:not(.agent)').first();
    const background = (l: typeof agentLine) => l.evaluate((n) => getComputedStyle(n).backgroundColor);
    expect(await background(agentLine)).not.toBe(await background(botLine));
    const text = String(await page.locator('main').textContent());
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(await page.locator('#details').textContent()).toMatch(/Resolve by.*(UTC|GMT|[A-Z]{3}).*\((in|overdue by) /);
    // The P2 badge reads at 4.5:1 or better (white on orange-700), and the transcript scrolls by keyboard.
    // Read in the page in one go: a live update may replace the row between finding the badge and reading its style.
    const badge = () => page.evaluate(() => {
      const node = document.querySelector('#queue .badge.P2');
      return node ? getComputedStyle(node).backgroundColor : 'no P2 badge';
    });
    await page.waitForFunction(() => document.querySelector('#queue .badge.P2')?.isConnected).catch(() => undefined);
    expect(await badge()).toBe('rgb(194, 65, 12)');
    expect(await page.locator('#transcript').getAttribute('tabindex')).toBe('0');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(`${suite.t.url}/console/dashboard`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('the user sees the agent\'s words styled apart from the bot\'s; focus ring and status text have contrast (phone)', async () => {
    const { page, errors } = await open(PHONE);
    const chat = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
    await chat.goto(suite.t.url);
    await chat.getByLabel('Message').fill('My laptop will not start');
    await chat.getByLabel('Message').press('Enter');
    const opened = chat.locator('.msg.bot', { hasText: /INC-\d{6}/ }).first();
    await opened.waitFor();
    const number = /INC-\d{6}/.exec(String(await opened.textContent()))![0];
    await signIn(page, suite.t.url, 'root');
    await page.locator(`#queue button[data-number="${number}"]`).click();
    await page.getByRole('button', { name: 'Take over' }).click();
    await page.locator('#details dd', { hasText: 'In progress' }).waitFor();
    await page.getByLabel('Message to the user, or internal note').fill('Hold the power button for 15 seconds.');
    await page.getByRole('button', { name: 'Reply' }).click();
    const agentBubble = chat.locator('.msg.bot.agent', { hasText: 'Hold the power button' });
    await agentBubble.waitFor();
    const botBubble = chat.locator('.msg.bot:not(.agent)').first();
    expect(await agentBubble.evaluate((n) => getComputedStyle(n).backgroundColor)).not.toBe(await botBubble.evaluate((n) => getComputedStyle(n).backgroundColor));
    // The status line as it reads while reconnecting, and a focused control: axe checks their contrast.
    await chat.evaluate(() => { document.getElementById('status')!.textContent = 'Reconnecting…'; });
    await chat.getByLabel('Message').focus();
    await chat.keyboard.press('Tab');
    expect(await chat.evaluate(() => getComputedStyle(document.activeElement!).outlineColor)).toBe('rgb(29, 78, 216)');
    expect(await chat.locator('#log').getAttribute('tabindex')).toBe('0');
    expect(await seriousA11yViolations(chat)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
