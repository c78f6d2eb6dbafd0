import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshotPath } from '../helpers/browser';
import { kill, startServer } from '../helpers/server-process';
import { tempDir } from '../helpers/test-app';

jest.setTimeout(60_000);

describe('web chat in Chromium against `frontdesk start`', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  test('a conversation with a button click ends with a ticket number on the page', async () => {
    const tmp = tempDir();
    const server = await startServer({ DATABASE_PATH: path.join(tmp.dir, 'browser.db') });
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      const bot = page.locator('.msg.bot');
      await page.getByLabel('Message').fill('My external monitor shows no signal since this morning');
      await page.keyboard.press('Enter');
      await bot.first().waitFor();
      // Either articles with "Did this solve it?" or the first structured question, both with buttons or text.
      const notSolved = page.getByRole('button', { name: 'No, I still need help' });
      if (await notSolved.count()) {
        await notSolved.click();
        await page.locator('.msg.user', { hasText: 'No, I still need help' }).waitFor();
      }
      await page.getByLabel('Message').fill('talk to a human');
      await page.getByRole('button', { name: 'Send' }).click();
      const ticket = page.locator('.msg.bot', { hasText: /(INC|REQ)-\d{6}/ });
      await ticket.first().waitFor({ timeout: 15_000 });
      expect(await ticket.first().textContent()).toMatch(/I've logged your (incident|request) as (INC|REQ)-\d{6}/);
      await page.screenshot({ path: screenshotPath('webchat.png'), fullPage: true });
      // A reload shows the same conversation from the server's transcript.
      await page.reload();
      await page.locator('.msg.bot', { hasText: /(INC|REQ)-\d{6}/ }).first().waitFor();
      expect(await page.locator('.msg.user').count()).toBeGreaterThanOrEqual(2);
    } finally {
      await kill(server.child, 'SIGTERM');
      tmp.cleanup();
    }
  });
});
