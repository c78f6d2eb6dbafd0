import { seriousA11yViolations } from '../helpers/axe';
import { chatSession } from '../helpers/sse';
import { consoleWithEscalation, loginAs, openConsoleTicket } from './helpers';

const PHONE = { width: 390, height: 844 };

describe('watching tickets in the console, in Chromium (#21 watchers)', () => {
  const suite = consoleWithEscalation();

  test('an agent watches a ticket: another agent\'s takeover and reply mark it in her queue and tab title; opening it clears the mark', async () => {
    const { page, errors } = await openConsoleTicket(suite, 'alice', 'INC-000001');
    await page.getByRole('button', { name: 'Watch', exact: true }).click();
    await page.getByRole('button', { name: 'Stop watching' }).waitFor();
    await page.locator('#watched-by', { hasText: 'Watched by: Alice Chen' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${suite.t.url}/console`);
    const row = page.locator('#queue button[data-number="INC-000001"]');
    await row.waitFor();
    expect(await row.locator('.unread-mark').count()).toBe(0);

    // Root takes the ticket over (a change of status): Alice's queue marks it, the tab counts it.
    const root = await loginAs(suite.t.url, 'root');
    expect((await root.act('INC-000001', 'takeover')).status).toBe(200);
    await row.locator('.unread-mark', { hasText: 'Update' }).waitFor();
    await page.waitForFunction(() => document.title.startsWith('(1) '));
    await row.click();
    await page.locator('#ticket-title', { hasText: 'INC-000001' }).waitFor();
    await page.waitForFunction(() => !document.title.startsWith('('));

    // A reply on it, seen from the queue again: marked once more.
    await page.goto(`${suite.t.url}/console?status=all`);
    await row.waitFor();
    expect((await root.act('INC-000001', 'reply', { text: 'Working on it now.' })).status).toBe(200);
    await row.locator('.unread-mark', { hasText: 'Update' }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  test('a merge moves the duplicate\'s watchers to its target; on a phone the target lists them; watching is checked on the server', async () => {
    const { agentStore } = suite.t;
    const { store } = suite.t.app;
    const other = await chatSession(suite.t.url);
    await other.post('VPN is down for me as well, cannot connect since 9am');
    await suite.t.app.engine.idle();
    const root = await loginAs(suite.t.url, 'root');
    expect((await root.post('/console/api/tickets/INC-000002/watch', { watch: true })).status).toBe(200);
    expect((await root.post('/console/api/tickets/INC-000002/watch', { watch: 'yes' })).status).toBe(400);
    expect((await root.post('/console/api/tickets/INC-000002/watch', { watch: true }, null)).status).toBe(403);
    const bob = await loginAs(suite.t.url, 'bob');
    expect((await bob.post('/console/api/tickets/INC-000002/watch', { watch: true })).status).toBe(404);
    expect((await root.act('INC-000002', 'merge', { into: 'INC-000001' })).status).toBe(200);
    const [one, two] = await Promise.all(['INC-000001', 'INC-000002'].map(async (n) => (await store.getTicketByNumber(n))!));
    expect((await agentStore.ticketWatchers(one.id)).map((w) => w.agentId)).toEqual(['alice', 'root']);
    expect(await agentStore.ticketWatchers(two.id)).toEqual([]);

    const { page, errors } = await openConsoleTicket(suite, 'root', 'INC-000001', PHONE);
    await page.locator('#watched-by', { hasText: 'Watched by: Alice Chen, Ria Admin' }).waitFor();
    await page.getByRole('button', { name: 'Stop watching' }).click();
    await page.locator('#watched-by', { hasText: /^Watched by: Alice Chen$/ }).waitFor();
    await page.getByLabel('Console language').selectOption('zh');
    await page.getByRole('button', { name: '关注', exact: true }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect((await agentStore.ticketWatchers(one.id)).map((w) => w.agentId)).toEqual(['alice']);
    expect(errors).toEqual([]);
  }, 60_000);
});
