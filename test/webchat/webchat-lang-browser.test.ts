import type { Browser } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { startConsoleApp } from '../console/helpers';

describe('the web chat page follows the conversation\'s language (#21 defect 10)', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let browser: Browser;
  beforeAll(async () => {
    t = await startConsoleApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  test('an English browser whose user writes Chinese gets a Chinese page: lang, Send, pending note; and back to English', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(t.url);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#send').textContent()).toBe('Send');
    await page.getByLabel('Message').fill('我的电脑无法开机');
    await page.getByLabel('Message').press('Enter');
    await page.locator('.msg.bot', { hasText: /INC-\d{6}/ }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('#send').textContent()).toBe('发送');
    expect(await page.getByLabel('Message').getAttribute('placeholder')).toBe('请描述您的问题…');
    // A message that cannot go out now shows its pending note in Chinese.
    await context.setOffline(true);
    await page.getByLabel('Message').fill('还是不行');
    await page.getByLabel('Message').press('Enter');
    await page.locator('.msg.user.pending .state', { hasText: /发送|重试/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.setOffline(false);
    await context.close();

    const english = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    english.setDefaultTimeout(8000);
    await english.goto(t.url);
    expect(await english.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await english.getByLabel('Message').fill('My laptop will not start at all');
    await english.getByLabel('Message').press('Enter');
    await english.locator('.msg.bot', { hasText: /INC-\d{6}/ }).first().waitFor();
    expect(await english.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await english.locator('#send').textContent()).toBe('Send');
  }, 60_000);
});
