import type { Browser, Page } from 'playwright-core';
import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { hashPassword } from '../../src/console/password';
import { seriousA11yViolations } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { chatSession } from '../helpers/sse';
import { startTestApp } from '../helpers/test-app';
import { AGENTS, PASSWORD, signIn } from './helpers';

describe('the console\'s context panel in Chromium: internal notes in the conversation, context of a logged ticket (#21 defect 9)', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  beforeAll(async () => {
    // A P4 hardware incident: logged for the group, no hand-off (no "escalated" context package).
    t = await startTestApp({}, { channels: [createWebchatChannel()], turnDeps: fixedTurnDeps({ category: 'hardware', impact: 3, urgency: 2, priority: 'P4' }) });
    const hash = await hashPassword(PASSWORD);
    for (const agent of AGENTS) await t.app.agentStore.addAgent(agent, hash, new Date().toISOString());
    const chat = await chatSession(t.url);
    await chat.post('My docking station does not charge the laptop');
    await t.app.engine.idle();
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function ticketPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, t.url, 'root', '/console/tickets/INC-000001');
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    return { page, errors };
  }

  test('a ticket logged without a hand-off shows its answers, classification, and priority with the reason', async () => {
    const { page, errors } = await ticketPage();
    const context = String(await page.locator('#context').textContent());
    expect(context).not.toContain('No escalation context recorded');
    expect(context).toContain('My docking station does not charge the laptop');
    expect(context).toMatch(/Classified.*hardware/);
    expect(context).toMatch(/Priority.*P4.*impact 3.*urgency 2/);
    expect(context).toMatch(/Hand-off.*none/i);
    expect(errors).toEqual([]);
  }, 30_000);

  test('an internal note shows in the conversation, marked internal, and is never sent to the user', async () => {
    const { page, errors } = await ticketPage();
    await page.getByLabel('Message to the user, or internal note').fill('Checked the asset list: dock model WD19');
    await page.getByRole('button', { name: 'Note' }).click();
    const note = page.locator('#transcript li.note', { hasText: 'Checked the asset list: dock model WD19' });
    await note.waitFor();
    expect(await note.textContent()).toMatch(/Internal note/);
    const ticket = (await t.app.store.getTicketByNumber('INC-000001'))!;
    expect((await t.app.store.transcript(ticket.conversationId)).some((m) => m.text.includes('dock model WD19'))).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 30_000);
});
