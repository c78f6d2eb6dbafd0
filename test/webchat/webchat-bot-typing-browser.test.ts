import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { consoleAndChromium, loginAs } from '../console/helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** Every text the typing line takes, with how many bot messages the page showed at that moment. */
const recordTyping = (page: Page) => page.evaluate(() => {
  const seen: { text: string; bots: number }[] = [];
  (window as unknown as { typingSeen: typeof seen }).typingSeen = seen;
  const line = document.getElementById('typing')!;
  new MutationObserver(() => seen.push({ text: line.textContent ?? '', bots: document.querySelectorAll('.msg.bot').length }))
    .observe(line, { childList: true, characterData: true, subtree: true });
});
const typingSeen = (page: Page) => page.evaluate(() => (window as unknown as { typingSeen: { text: string; bots: number }[] }).typingSeen);

describe('web chat in Chromium: the assistant types while its turn runs (#21 web chat: typing indicator)', () => {
  const suite = consoleAndChromium();

  test('"The assistant is typing…" shows before the bot\'s answer and goes with it; not while an agent has the chat', async () => {
    const chat = await (await suite.browser.newContext({ viewport: DESKTOP })).newPage();
    chat.setDefaultTimeout(8000);
    const errors: string[] = [];
    chat.on('pageerror', (e) => errors.push(e.message));
    await chat.goto(suite.t.url);
    await recordTyping(chat);
    await chat.getByLabel(/Message/).fill('The VPN is down for our whole team');
    await chat.keyboard.press('Enter');
    await chat.locator('.msg.bot').first().waitFor();
    await suite.t.app.engine.idle();
    await chat.waitForFunction(() => document.getElementById('typing')!.textContent === '');
    expect(await typingSeen(chat)).toContainEqual({ text: 'The assistant is typing…', bots: 0 });
    expect(await seriousA11yViolations(chat)).toEqual([]);

    // An agent takes the chat over: the user's next message gets no assistant typing line.
    const alice = await loginAs(suite.t.url, 'alice');
    expect((await alice.act('INC-000001', 'takeover')).status).toBe(200);
    await chat.locator('.msg.bot', { hasText: 'Alice Chen from the service desk has joined' }).waitFor();
    const before = (await typingSeen(chat)).length;
    await chat.getByLabel(/Message/).fill('thanks, I am here');
    await chat.keyboard.press('Enter');
    await chat.locator('.msg.user', { hasText: 'thanks, I am here' }).waitFor();
    await suite.t.app.engine.idle();
    await chat.waitForTimeout(300);
    expect((await typingSeen(chat)).slice(before).filter((s) => s.text)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('in Chinese on a phone: "助手正在输入…" until the answer', async () => {
    const chat = await (await suite.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
    chat.setDefaultTimeout(8000);
    await chat.goto(suite.t.url);
    await recordTyping(chat);
    await chat.getByLabel(/消息/).fill('打印机显示脱机，整个办公室都打不了');
    await chat.keyboard.press('Enter');
    await chat.locator('.msg.bot').first().waitFor();
    await suite.t.app.engine.idle();
    await chat.waitForFunction(() => document.getElementById('typing')!.textContent === '');
    expect(await typingSeen(chat)).toContainEqual({ text: '助手正在输入…', bots: 0 });
    expect(await seriousA11yViolations(chat)).toEqual([]);
  }, 60_000);
});
