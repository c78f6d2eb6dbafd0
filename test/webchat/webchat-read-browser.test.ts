import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { consoleAndChromium, openConsoleTicket } from '../console/helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** Waits until the one read mark of the page says `label` right under the user's message `text`. */
const seenUnder = (page: Page, text: string, label: string) => page.waitForFunction(([t, l]) => {
  const marks = document.querySelectorAll('.seen');
  const above = marks[0]?.previousElementSibling;
  return marks.length === 1 && marks[0].textContent === l && above?.matches('.msg.user') && above.textContent === t;
}, [text, label]);

describe('web chat in Chromium: "Seen" once an agent has viewed the user\'s message (#21 web chat: read state)', () => {
  const suite = consoleAndChromium();

  test('no "Seen" before an agent opens the ticket; then under the last message viewed, moving on as the open ticket refreshes; kept on reload', async () => {
    const user = await suite.browser.newContext({ viewport: DESKTOP });
    const chat = await user.newPage();
    chat.setDefaultTimeout(8000);
    const errors: string[] = [];
    chat.on('pageerror', (e) => errors.push(e.message));
    await chat.goto(suite.t.url);
    await chat.getByLabel(/Message/).fill('The VPN is down for our whole team');
    await chat.keyboard.press('Enter');
    await chat.locator('.msg.bot').first().waitFor();
    await suite.t.app.engine.idle();
    expect(await chat.locator('.seen').count()).toBe(0);

    const { page: agent } = await openConsoleTicket(suite, 'alice', 'INC-000001');
    await seenUnder(chat, 'The VPN is down for our whole team', 'Seen');
    expect(await seriousA11yViolations(chat)).toEqual([]);

    // A new message: the agent's open ticket refreshes live, so it is seen too; one "Seen", on the newest.
    await chat.getByLabel(/Message/).fill('it is still down');
    await chat.keyboard.press('Enter');
    await agent.locator('#transcript li', { hasText: 'it is still down' }).waitFor();
    await seenUnder(chat, 'it is still down', 'Seen');
    expect(await chat.locator('.seen').count()).toBe(1);

    // On a phone-sized tab of the same browser the history comes back with its read state.
    const tab = await user.newPage();
    await tab.setViewportSize(PHONE);
    await tab.goto(suite.t.url);
    await seenUnder(tab, 'it is still down', 'Seen');
    expect(await tab.locator('.msg.user').allTextContents()).toEqual(['The VPN is down for our whole team', 'it is still down']);
    expect(await tab.locator('.seen').count()).toBe(1);
    expect(await seriousA11yViolations(tab)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('in Chinese on a phone: 已读', async () => {
    const chat = await (await suite.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
    chat.setDefaultTimeout(8000);
    await chat.goto(suite.t.url);
    await chat.getByLabel(/消息/).fill('我们整个团队的 VPN 都断了，无法连接');
    await chat.keyboard.press('Enter');
    await chat.locator('.msg.bot').first().waitFor();
    await suite.t.app.engine.idle();
    const number = (await suite.t.app.store.getTicketByNumber('INC-000002'))!.number;
    await openConsoleTicket(suite, 'root', number);
    await seenUnder(chat, '我们整个团队的 VPN 都断了，无法连接', '已读');
    expect(await seriousA11yViolations(chat)).toEqual([]);
  }, 60_000);
});
