import type { Page } from 'playwright-core';
import { computeDueTimes, SlaConfig } from '../../src/tickets/sla';
import { seriousA11yViolations } from '../helpers/axe';
import { consoleWithEscalation, signIn } from './helpers';

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('agent workspace in Chromium: who else is on the ticket, a reply refused after a takeover, ticket editing (#21 features)', () => {
  const suite = consoleWithEscalation();

  async function onTicket(login: string, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
    const page = await (await suite.browser.newContext({ viewport })).newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.t.url, login, '/console/tickets/INC-000001');
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    return { page, errors };
  }

  test('two agents on one ticket see each other viewing and typing; a reply after the other took over is refused, the text kept', async () => {
    const alice = await onTicket('alice');
    const root = await onTicket('root', PHONE);
    await alice.page.locator('#presence', { hasText: 'Ria Admin is viewing' }).waitFor();
    await root.page.locator('#presence', { hasText: 'Alice Chen is viewing' }).waitFor();

    await alice.page.getByRole('button', { name: 'Take over' }).click();
    await alice.page.locator('#details dd', { hasText: 'In progress' }).waitFor();
    await alice.page.getByLabel('Message to the user, or internal note').pressSequentially('Checking the gateway', { delay: 5 });
    await root.page.locator('#presence', { hasText: 'Alice Chen is typing…' }).waitFor();
    expect(await seriousA11yViolations(root.page)).toEqual([]);

    // Alice's view is not refreshed (held back) while the admin takes over: her Reply meets the server's refusal.
    await alice.page.route('**/console/api/tickets/INC-000001', (route) => (route.request().method() === 'GET' ? new Promise(() => {}) : route.continue()));
    await root.page.getByRole('button', { name: 'Take over' }).click();
    await root.page.locator('#details dd', { hasText: 'root' }).waitFor();
    await alice.page.getByRole('button', { name: 'Reply' }).click();
    await alice.page.locator('#action-status', { hasText: 'Ria Admin has taken INC-000001 over: your reply was not sent' }).waitFor();
    expect(await alice.page.getByLabel('Message to the user, or internal note').inputValue()).toBe('Checking the gateway');
    const ticket = (await suite.t.app.store.getTicketByNumber('INC-000001'))!;
    expect((await suite.t.app.store.ticketEvents(ticket.id)).filter((e) => e.kind === 'agent_reply')).toEqual([]);

    // Alice leaves: the admin stops seeing her.
    await alice.page.unroute('**/console/api/tickets/INC-000001');
    await alice.page.goto(`${suite.t.url}/console`);
    await root.page.locator('#presence').waitFor({ state: 'hidden' });
    expect([...alice.errors, ...root.errors]).toEqual([]);
  }, 60_000);

  test('the owner changes urgency, category and group: priority and due times follow, the audit log names the agent, the user hears of the raise', async () => {
    const { page, errors } = await onTicket('root');
    const before = (await suite.t.app.store.getTicketByNumber('INC-000001'))!;
    expect(before).toMatchObject({ priority: 'P2', impact: 1, urgency: 2, category: 'network' });
    expect(await page.getByLabel('Impact').inputValue()).toBe('1');
    await page.getByLabel('Urgency').selectOption('1');
    await page.getByLabel('Category', { exact: true }).selectOption('hardware');
    await page.locator('#edit-group').selectOption('service-desk');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#events li', { hasText: 'Ria Admin · edited' }).waitFor();
    const line = await page.locator('#events li', { hasText: 'edited' }).textContent();
    expect(line).toContain('priority P2 → P1');
    expect(line).toContain('category network → hardware');
    await page.locator('#details dd', { hasText: /^P1$/ }).waitFor();
    const after = (await suite.t.app.store.getTicketByNumber('INC-000001'))!;
    expect(after).toMatchObject({ priority: 'P1', urgency: 1, category: 'hardware', group: 'service-desk', ...computeDueTimes('P1', before.createdAt, SlaConfig.parse({})) });
    // The user is told: a higher priority before the first answer means a sooner reply.
    const told = (await suite.t.app.store.transcript(after.conversationId)).filter((m) => m.direction === 'out' && m.text.includes('raised the priority'));
    expect(told.map((m) => m.text)).toEqual([expect.stringMatching(/^The service desk has raised the priority of \*\*INC-000001\*\* to P1: we will respond by .+UTC\.$/)]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
