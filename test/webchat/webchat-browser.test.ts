import type { Browser, Page } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { waitFor } from '../helpers/test-app';
import { loginAs, startConsoleApp } from '../console/helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('web chat in Chromium: answered choices, messages sent during an outage (#21 defects 3 and 7)', () => {
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

  const settle = async () => {
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
  };

  async function userPage(viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext({ viewport })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(t.url);
    return { page, errors };
  }

  const inbound = async (number: string) =>
    (await t.app.store.transcript((await t.app.store.getTicketByNumber(number))!.conversationId)).filter((m) => m.direction === 'in').map((m) => m.text);

  test('an answered question\'s buttons are disabled, after a reload too; the server ignores a stale click', async () => {
    const { page, errors } = await userPage();
    await page.getByLabel('Message').fill('The VPN is down for our whole team');
    await page.getByLabel('Message').press('Enter');
    await page.locator('.msg.bot', { hasText: 'INC-000001' }).first().waitFor();
    const root = await loginAs(t.url, 'root');
    expect((await root.act('INC-000001', 'takeover')).status).toBe(200);
    expect((await root.act('INC-000001', 'resolve', { resolution: 'Restarted the VPN gateway' })).status).toBe(200);
    const question = page.locator('.msg.bot', { hasText: 'Is it fixed?' });
    await question.getByRole('button', { name: 'No, still broken' }).click();
    await page.locator('.msg.user', { hasText: 'No, still broken' }).waitFor();
    await waitFor(async () => (await t.app.store.getTicketByNumber('INC-000001'))!.status === 'reopened', 5000, 'reopened');
    expect(await question.getByRole('button').evaluateAll((bs) => bs.map((b) => (b as HTMLButtonElement).disabled))).toEqual([true, true]);
    expect(await question.getByRole('button', { name: 'No, still broken' }).getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    const replayed = page.locator('.msg.bot', { hasText: 'Is it fixed?' });
    await replayed.waitFor();
    expect(await replayed.getByRole('button').evaluateAll((bs) => bs.map((b) => (b as HTMLButtonElement).disabled))).toEqual([true, true]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A click from a page that still shows the old buttons: refused, nothing restarts or closes.
    const asked = (await t.app.store.transcript((await t.app.store.getTicketByNumber('INC-000001'))!.conversationId))
      .find((m) => m.direction === 'out' && /Is it fixed\?/.test(m.text))!;
    const before = await inbound('INC-000001');
    const stale = await page.evaluate(async (id) => {
      const res = await fetch('/api/chat/messages', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientMessageId: 'stale-1', text: 'Yes, it is fixed', action: { id: `choice:${id}`, value: 'yes' } }) });
      return res.status;
    }, asked.outboxId);
    expect(stale).toBe(409);
    await settle();
    expect((await t.app.store.getTicketByNumber('INC-000001'))!.status).toBe('reopened');
    expect(await inbound('INC-000001')).toEqual(before);
    expect(errors).toEqual([]);
  }, 60_000);

  test('a message written while the server is unreachable shows as pending, survives a reload and is sent once when it is back', async () => {
    const { page, errors } = await userPage(PHONE);
    await page.getByLabel('Message').fill('The printer on floor 3 is broken for everyone');
    await page.getByLabel('Message').press('Enter');
    const opened = page.locator('.msg.bot', { hasText: /INC-\d{6}/ }).first();
    await opened.waitFor();
    const number = /INC-\d{6}/.exec(String(await opened.textContent()))![0];

    // The server goes away for the chat's posts.
    let phase: 'down' | 'lost-answer' | 'up' = 'down';
    await page.route('**/api/chat/messages', async (route) => {
      if (phase === 'down') return route.abort('connectionrefused');
      if (phase === 'lost-answer') {
        // This attempt reaches the server, but its answer is lost on the way back.
        phase = 'up';
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.getByLabel('Message').fill('It also jams on every second page');
    await page.getByLabel('Message').press('Enter');
    const pending = page.locator('.msg.user.pending', { hasText: 'It also jams on every second page' });
    await pending.waitFor();
    await pending.locator('.state', { hasText: 'Not sent yet' }).waitFor();
    await page.reload();
    await pending.waitFor();

    phase = 'lost-answer';
    await page.locator('.msg.user:not(.pending)', { hasText: 'It also jams on every second page' }).waitFor({ timeout: 30_000 });
    await settle();
    expect((await inbound(number)).filter((text) => text === 'It also jams on every second page')).toHaveLength(1);
    expect(await page.evaluate(() => localStorage.getItem('frontdesk.chat.outbox'))).toBe('[]');
    expect(errors).toEqual([]);
  }, 60_000);
});
