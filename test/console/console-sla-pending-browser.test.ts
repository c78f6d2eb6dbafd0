import type { Browser, Page } from 'playwright-core';
import { sqliteSlaStore } from '../../src/store/sqlite-sla-store';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { chatSession } from '../helpers/sse';
import { loginAs, signIn, startConsoleApp } from './helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const MIN = 60_000;

describe('SLA countdowns, the at-risk view and pending / on hold in Chromium (#21)', () => {
  // Server and browser share a clock that the tests move on (P2: respond within 30 min, resolve within 8 h).
  const offset = { value: 0 };
  let t: Awaited<ReturnType<typeof startConsoleApp>>;
  let browser: Browser;
  let zhChat: Awaited<ReturnType<typeof chatSession>>;
  beforeAll(async () => {
    t = await startConsoleApp(offset);
    browser = await launchChromium();
    await (await chatSession(t.url)).post('The VPN is down for our whole team');
    zhChat = await chatSession(t.url);
    await zhChat.post('我们整个部门的网络都断了，无法访问任何系统');
    await t.app.engine.idle();
    // alice answers INC-000002 (its response clock stops; the resolution clock runs on).
    const alice = await loginAs(t.url, 'alice');
    expect((await alice.act('INC-000002', 'takeover')).status).toBe(200);
    expect((await alice.act('INC-000002', 'reply', { text: '我们正在检查。' })).status).toBe(200);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function consoleAt(login: string, viewport = DESKTOP, path = '/console'): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.clock.setFixedTime(Date.now() + offset.value);
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, t.url, login, path);
    return { page, errors };
  }
  const sla = (page: Page, number: string) => page.locator('#queue li', { hasText: number }).locator('.sla');

  test('rows count down, turn "at risk" from 75% of the target and "overdue" past it; the At risk view lists only those', async () => {
    const first = (await t.app.store.getTicketByNumber('INC-000001'))!;
    const budget = Date.parse(first.responseDueAt) - Date.parse(first.createdAt);
    const at = (share: number) => { offset.value = Date.parse(first.createdAt) + share * budget - Date.now(); };
    let { page, errors } = await consoleAt('alice');
    await sla(page, 'INC-000001').filter({ hasText: /^Response due in \d/ }).waitFor();
    expect(await sla(page, 'INC-000001').getAttribute('class')).toBe('sla ok');
    await sla(page, 'INC-000002').filter({ hasText: /^Resolution due in \d/ }).waitFor();
    expect(await sla(page, 'INC-000002').getAttribute('class')).toBe('sla ok');

    at(0.8);
    ({ page, errors } = await consoleAt('alice'));
    await sla(page, 'INC-000001').filter({ hasText: /^Response due in .+ · at risk$/ }).waitFor();
    expect(await sla(page, 'INC-000001').getAttribute('class')).toBe('sla at-risk');
    expect(await sla(page, 'INC-000002').getAttribute('class')).toBe('sla ok');
    await page.getByRole('button', { name: 'At risk', exact: true }).click();
    await page.waitForURL(/sla=at_risk/);
    await page.locator('#queue li', { hasText: 'INC-000002' }).waitFor({ state: 'detached' });
    expect(await page.locator('#queue li').allTextContents()).toEqual([expect.stringContaining('INC-000001')]);
    expect(await page.getByRole('button', { name: 'At risk', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Just before 75% the server's view does not list it yet.
    at(0.7);
    const alice = await loginAs(t.url, 'alice');
    expect((await (await alice.get('/console/api/queue?sla=at_risk')).json()).tickets).toEqual([]);

    at(1.05);
    ({ page, errors } = await consoleAt('alice', DESKTOP, '/console/tickets/INC-000001?sla=at_risk'));
    await page.locator('#ticket-sla', { hasText: /^Response overdue by \d/ }).waitFor();
    expect(await page.locator('#ticket-sla').getAttribute('class')).toBe('sla breached');
    await sla(page, 'INC-000001').filter({ hasText: 'overdue' }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  test('on a phone the owner puts a ticket on hold with a reason: audit names her, the user is told in Chinese, the SLA clock pauses; resume restarts it', async () => {
    const { page, errors } = await consoleAt('alice', PHONE, '/console/tickets/INC-000002');
    await page.locator('#ticket-title', { hasText: 'INC-000002' }).waitFor();
    const left = async () => {
      const text = (await page.locator('#ticket-sla').filter({ hasText: /^Resolution due in/ }).textContent())!;
      const [, h, m] = /(\d+) h (\d+) min/.exec(text)!;
      return Number(h) * 60 + Number(m);
    };
    const leftBefore = await left();
    await page.getByRole('button', { name: 'Set pending' }).click();
    await page.locator('#action-status', { hasText: 'Write the reason first.' }).waitFor();
    await page.getByLabel('Waiting for').selectOption('hold');
    await page.getByLabel('Reason (sent to the user)').fill('等待供应商更换交换机');
    await page.getByRole('button', { name: 'Set pending' }).click();
    await page.locator('#events li', { hasText: 'Alice Chen · pending: 等待供应商更换交换机' }).waitFor();
    await page.locator('#ticket-sla', { hasText: 'SLA paused while pending' }).waitFor();
    expect(await page.getByRole('button', { name: 'Resume work' }).isEnabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const ticket = (await t.app.store.getTicketByNumber('INC-000002'))!;
    expect(ticket.status).toBe('pending_user');
    const told = (await t.app.store.transcript(ticket.conversationId)).filter((m) => m.direction === 'out').map((m) => m.text);
    expect(told).toContain('**INC-000002** 已暂停处理：等待供应商更换交换机。服务台会在这里继续联系您。');

    // The SLA monitor counts pending_user as a pause (src/sla/sla-monitor.ts): one open pause now.
    const slaStore = sqliteSlaStore(t.app.store);
    await t.app.slaMonitor.tick(new Date(Date.now() + offset.value));
    expect((await slaStore.pauses([ticket.id])).get(ticket.id)).toEqual([expect.objectContaining({ to: null })]);

    // Two hours on hold, then resumed: the countdown is where it was (the paused time is not used).
    offset.value += 120 * 60_000;
    await page.clock.setFixedTime(Date.now() + offset.value);
    await page.getByRole('button', { name: 'Resume work' }).click();
    await page.locator('#events li', { hasText: 'Alice Chen · resumed' }).waitFor();
    await t.app.slaMonitor.tick(new Date(Date.now() + offset.value));
    expect((await slaStore.pauses([ticket.id])).get(ticket.id)).toEqual([expect.objectContaining({ to: expect.any(String) })]);
    await page.reload();
    expect(Math.abs((await left()) - leftBefore)).toBeLessThanOrEqual(1);
    expect((await t.app.store.transcript(ticket.conversationId)).at(-1)?.text).toBe('服务台已恢复处理 **INC-000002**。');
    expect(errors).toEqual([]);
  }, 60_000);

  test('pending is refused to an agent who does not own the ticket, and without a reason', async () => {
    const alice = await loginAs(t.url, 'alice');
    expect((await alice.act('INC-000001', 'pending', { kind: 'user', reason: 'x' })).status).toBe(403);
    expect((await alice.act('INC-000002', 'pending', { kind: 'user', reason: '   ' })).status).toBe(400);
    expect((await alice.act('INC-000002', 'pending', { kind: 'later', reason: 'x' })).status).toBe(400);
    expect((await alice.act('INC-000002', 'resume')).status).toBe(409);
    // An admin may act on any ticket; the English user is told in English.
    const root = await loginAs(t.url, 'root');
    expect((await root.act('INC-000001', 'takeover')).status).toBe(200);
    expect((await root.act('INC-000001', 'pending', { kind: 'user', reason: 'Please send the VPN client log.' })).status).toBe(200);
    const first = (await t.app.store.getTicketByNumber('INC-000001'))!;
    expect((await t.app.store.transcript(first.conversationId)).at(-1)?.text)
      .toBe('**INC-000001** is waiting for you: Please send the VPN client log. Reply here when you can; the service desk continues then.');
    expect((await root.act('INC-000001', 'pending', { kind: 'user', reason: 'again' })).status).toBe(409);
  });
});
