import type { Browser } from 'playwright-core';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { loginAs, startConsoleApp } from '../console/helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('web chat "End chat" in Chromium: a polite close, and a satisfaction question after a resolution (#21 web chat)', () => {
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

  async function report(viewport: { width: number; height: number }, text: string) {
    const page = await (await browser.newContext({ viewport })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(t.url);
    await page.getByLabel(/Message/).fill(text);
    await page.keyboard.press('Enter');
    await page.locator('.msg.bot').first().waitFor();
    await t.app.engine.idle();
    return { page, errors };
  }

  test('after a confirmed resolution, ending the chat asks for a rating first; the score is stored on the ticket', async () => {
    const { page, errors } = await report(PHONE, 'The VPN is down for our whole team');
    const alice = await loginAs(t.url, 'alice');
    expect((await alice.act('INC-000001', 'takeover')).status).toBe(200);
    expect((await alice.act('INC-000001', 'resolve', { resolution: 'Restarted the VPN gateway' })).status).toBe(200);
    await page.getByRole('button', { name: 'Yes, it is fixed' }).click();
    await t.app.engine.idle();
    expect((await t.app.store.getTicketByNumber('INC-000001'))!.status).toBe('closed');

    await page.getByRole('button', { name: /End chat/ }).click();
    const rate = page.getByRole('group', { name: /how satisfied are you with how INC-000001 was handled/ });
    await rate.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await rate.getByRole('button', { name: '4', exact: true }).click();
    await page.locator('#status', { hasText: 'Chat ended. Thank you for contacting the IT service desk.' }).waitFor();
    expect(await page.locator('.msg').count()).toBe(0);
    await t.app.engine.idle();
    const ticket = (await t.app.store.getTicketByNumber('INC-000001'))!;
    expect(ticket.csat).toBe(4);
    expect((await t.app.store.ticketEvents(ticket.id)).filter((e) => e.kind === 'csat').map((e) => e.data.score)).toEqual([4]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('with the ticket still open, ending says goodbye and that the ticket stays open; no rating is asked', async () => {
    const { page, errors } = await report(DESKTOP, 'My laptop screen flickers since this morning');
    await page.getByRole('button', { name: /End chat/ }).click();
    await page.locator('#status', { hasText: 'Thank you for contacting the IT service desk; INC-000002 stays open with us.' }).waitFor();
    expect(await page.locator('#rate').isHidden()).toBe(true);
    expect(await page.locator('.msg').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A bad end request is refused clearly, not taken as an end.
    const bad = await page.evaluate(async () => (await fetch('/api/chat/end', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"rating": 9}' })).status);
    expect(bad).toBe(400);
    expect(errors).toEqual([]);
  }, 60_000);
});
