import type { Browser } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { signIn, startConsoleApp } from '../console/helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('web chat in Chromium: the agent\'s typing shows to the user; history in a new tab (#21 web chat)', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let browser: Browser;
  beforeAll(async () => {
    t = await startConsoleApp();
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  test('while the owning agent writes in the console the user sees "… is typing"; it goes with the reply, which a new tab shows too', async () => {
    const user = await browser.newContext({ viewport: PHONE });
    const chat = await user.newPage();
    chat.setDefaultTimeout(8000);
    const errors: string[] = [];
    chat.on('pageerror', (e) => errors.push(e.message));
    await chat.goto(t.url);
    await chat.getByLabel(/Message/).fill('The VPN is down for our whole team');
    await chat.keyboard.press('Enter');
    await chat.locator('.msg.bot').first().waitFor();
    await t.app.engine.idle();

    const agent = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    agent.setDefaultTimeout(8000);
    await signIn(agent, t.url, 'alice', '/console/tickets/INC-000001');
    // Viewing or typing before taking over tells the user nothing: only the agent talking to them shows.
    await agent.getByLabel('Message to the user, or internal note').pressSequentially('Hel', { delay: 5 });
    await agent.getByRole('button', { name: 'Take over' }).click();
    await chat.locator('.msg.bot', { hasText: 'Alice Chen from the service desk has joined' }).waitFor();
    expect(await chat.locator('#typing').textContent()).toBe('');

    await agent.getByLabel('Message to the user, or internal note').fill('');
    await agent.getByLabel('Message to the user, or internal note').pressSequentially('Please restart the VPN client', { delay: 5 });
    await chat.locator('#typing', { hasText: 'Alice Chen is typing…' }).waitFor();
    expect(await seriousA11yViolations(chat)).toEqual([]);
    await agent.getByRole('button', { name: 'Reply', exact: true }).click();
    await chat.locator('.msg.agent', { hasText: 'Please restart the VPN client' }).waitFor();
    expect(await chat.locator('#typing').textContent()).toBe('');

    // A second tab of the same browser (desktop size) shows the whole conversation so far.
    const tab = await user.newPage();
    await tab.setViewportSize(DESKTOP);
    await tab.goto(t.url);
    await tab.locator('.msg.agent', { hasText: 'Please restart the VPN client' }).waitFor();
    expect(await tab.locator('.msg.user').allTextContents()).toEqual(['The VPN is down for our whole team']);
    expect(await seriousA11yViolations(tab)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
