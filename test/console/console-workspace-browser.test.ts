import type { Browser, Page } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { chatSession } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';
import { PASSWORD, signIn, startConsoleApp } from './helpers';

const DESKTOP = { width: 1366, height: 768 };
type Marked = HTMLElement & { __mark?: boolean };

describe('agent workspace in Chromium: live updates in place, replies sent once, drafts, re-sign-in, transfer picker (#21 defects 2, 4, 6)', () => {
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let browser: Browser;
  const chats: Awaited<ReturnType<typeof chatSession>>[] = [];
  const settle = async () => {
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
  };
  const eventsOf = async (number: string, kind: string) =>
    (await t.app.store.ticketEvents((await t.app.store.getTicketByNumber(number))!.id)).filter((e) => e.kind === kind);

  beforeAll(async () => {
    t = await startConsoleApp();
    browser = await launchChromium();
    // INC-000001 with a long conversation, INC-000002 a short one (both escalated to the network group).
    for (const text of ['The VPN is down for our whole team', 'The printer on floor 3 is broken for everyone']) {
      const chat = await chatSession(t.url);
      chats.push(chat);
      await chat.post(text);
      await settle();
    }
    for (let i = 1; i <= 12; i++) await chats[0].post(`More detail number ${i}: the tunnel drops every few minutes`);
    await settle();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function agentPage(login: string, open: string): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, t.url, login);
    await page.locator(`#queue button[data-number="${open}"]`).click();
    await page.locator('#ticket-title', { hasText: open }).waitFor();
    return { page, errors };
  }

  test('a new ticket and a new message update in place: focus stays on the row, the transcript keeps its scroll', async () => {
    const { page, errors } = await agentPage('alice', 'INC-000001');
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    await page.locator('#queue button[data-number="INC-000002"]').waitFor();
    // The agent reads the start of the conversation and has the second row focused (keyboard user).
    await page.evaluate(() => {
      const list = document.getElementById('transcript') as Marked;
      list.scrollTop = 0;
      (list.firstElementChild as Marked).__mark = true;
      const row = document.querySelector('#queue button[data-number="INC-000002"]') as Marked;
      row.__mark = true;
      row.focus();
    });
    expect(await page.evaluate(() => (document.getElementById('transcript') as HTMLElement).scrollHeight > (document.getElementById('transcript') as HTMLElement).clientHeight)).toBe(true);

    const third = await chatSession(t.url);
    await third.post('Nobody in the office can reach the intranet');
    await page.locator('#queue button[data-number="INC-000003"]').waitFor();
    await chats[0].post('It dropped again just now');
    await page.locator('#transcript li', { hasText: 'It dropped again just now' }).waitFor();

    expect(await page.evaluate(() => ({
      focusKept: (document.activeElement as Marked).__mark === true && (document.activeElement as HTMLElement).dataset.number === 'INC-000002',
      scrollTop: (document.getElementById('transcript') as HTMLElement).scrollTop,
      sameFirstMessage: (document.getElementById('transcript')!.firstElementChild as Marked).__mark === true,
    }))).toEqual({ focusKept: true, scrollTop: 0, sameFirstMessage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  test('double-clicking Reply sends once; the draft survives a reload and is kept per ticket', async () => {
    const { page, errors } = await agentPage('alice', 'INC-000001');
    await page.getByRole('button', { name: 'Take over' }).click();
    await page.locator('#details dd', { hasText: 'In progress' }).waitFor();
    await page.getByLabel('Message to the user, or internal note').fill('I reset your tunnel, please reconnect.');
    await page.getByRole('button', { name: 'Reply' }).dblclick();
    await page.locator('#transcript li', { hasText: 'I reset your tunnel, please reconnect.' }).waitFor();
    await settle();
    expect((await eventsOf('INC-000001', 'agent_reply')).map((e) => e.data.text)).toEqual(['I reset your tunnel, please reconnect.']);
    expect(await page.getByLabel('Message to the user, or internal note').inputValue()).toBe('');

    await page.getByLabel('Message to the user, or internal note').fill('Half-written answer about the gateway');
    await page.reload();
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    expect(await page.getByLabel('Message to the user, or internal note').inputValue()).toBe('Half-written answer about the gateway');
    await page.locator('#queue button[data-number="INC-000002"]').click();
    await page.locator('#ticket-title', { hasText: 'INC-000002' }).waitFor();
    expect(await page.getByLabel('Message to the user, or internal note').inputValue()).toBe('');
    await page.goBack();
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    expect(await page.getByLabel('Message to the user, or internal note').inputValue()).toBe('Half-written answer about the gateway');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('an expired session asks to sign in again in place: the open ticket and the draft stay, and the reply goes out', async () => {
    const { page, errors } = await agentPage('alice', 'INC-000001');
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    await page.getByLabel('Message to the user, or internal note').fill('Draft written before the session ended');
    t.app.sqliteStore().db.prepare('DELETE FROM console_sessions').run();
    // The next live event refetches and meets the 401.
    await chats[0].post('Any news?');
    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/tickets/INC-000001');
    expect(await page.getByLabel('Message to the user, or internal note').inputValue()).toBe('Draft written before the session ended');
    await dialog.getByLabel('Password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Reply' }).click();
    await page.locator('#transcript li', { hasText: 'Draft written before the session ended' }).waitFor();
    expect((await eventsOf('INC-000001', 'agent_reply')).map((e) => e.data.text)).toContain('Draft written before the session ended');
    expect(errors).toEqual([]);
  }, 60_000);

  test('transfer picks a configured group from a list; the user hears the team in words', async () => {
    const { page, errors } = await agentPage('root', 'INC-000002');
    await page.locator('#ticket-title', { hasText: 'INC-000002' }).waitFor();
    const groups = await page.getByLabel('To group').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(groups).toEqual(expect.arrayContaining(['', 'identity', 'network', 'service-desk']));
    expect(groups).not.toContain('netwrok');
    expect(await page.getByLabel('Or to agent').locator('option').allTextContents()).toEqual(['Choose an agent', 'Alice Chen (alice)', 'Bob Li (bob)', 'Ria Admin (root)']);
    await page.getByLabel('To group').selectOption('identity');
    await page.getByRole('button', { name: 'Transfer' }).click();
    await page.locator('#details dd', { hasText: 'identity' }).waitFor();
    await settle();
    const said = await waitFor(async () => (await t.app.store.transcript((await t.app.store.getTicketByNumber('INC-000002'))!.conversationId))
      .find((m) => m.direction === 'out' && /accounts and access team/.test(m.text)), 5000, 'transfer message');
    expect(said.text).toContain('INC-000002');
    expect(errors).toEqual([]);
  }, 60_000);
});
