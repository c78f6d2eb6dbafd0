import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { kill, startServer } from '../helpers/server-process';
import { tempDir } from '../helpers/test-app';

jest.setTimeout(60_000);

describe('web chat "End chat" in Chromium against `frontdesk start`', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  test('ending the chat forgets the session in this browser: a reload shows nothing of the conversation', async () => {
    const tmp = tempDir();
    const server = await startServer({ DATABASE_PATH: path.join(tmp.dir, 'end.db') });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByLabel('Message').fill('My external monitor shows no signal since this morning');
      await page.keyboard.press('Enter');
      await page.locator('.msg.bot').first().waitFor();
      const before = (await context.cookies()).find((c) => c.name === 'fd_chat')!;
      expect(before.httpOnly).toBe(true);
      expect(before.sameSite).toBe('Strict');
      // Act
      await page.getByRole('button', { name: /End chat/ }).click();
      await page.locator('#status', { hasText: 'Chat ended' }).waitFor();
      // Assert: the page is empty, the browser holds a different session, and a reload stays empty.
      expect(await page.locator('.msg').count()).toBe(0);
      const after = await (async () => {
        for (let i = 0; i < 50; i++) {
          const c = (await context.cookies()).find((k) => k.name === 'fd_chat');
          if (c && c.value !== before.value) return c;
          await page.waitForTimeout(100);
        }
        return null;
      })();
      expect(after).not.toBeNull();
      await page.reload();
      await page.waitForTimeout(1500);
      expect(await page.locator('.msg').count()).toBe(0);
      // The old session id no longer reaches the conversation from this browser, and a new chat works.
      await page.getByLabel('Message').fill('printer on floor 3 shows offline');
      await page.keyboard.press('Enter');
      await page.locator('.msg.bot').first().waitFor();
      expect(await page.locator('.msg.user').allTextContents()).toEqual(['printer on floor 3 shows offline']);
      await context.close();
    } finally {
      await kill(server.child, 'SIGTERM');
      tmp.cleanup();
    }
  });
});
