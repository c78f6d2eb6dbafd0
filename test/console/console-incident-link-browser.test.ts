import { seedTickets } from '../../src/bench/seed-tickets';
import { SqliteIncidentStore } from '../../src/store/sqlite-incident-store';
import { seriousA11yViolations } from '../helpers/axe';
import { consoleWithEscalation, loginAs, openConsoleTicket } from './helpers';

const PHONE = { width: 390, height: 844 };

describe('linking tickets to an open major incident from the console, in Chromium (#21 ticket editing: link)', () => {
  const suite = consoleWithEscalation('The VPN is down for our whole team');
  let seeded: string[] = [];

  beforeAll(async () => {
    const { store } = suite.t.app;
    const { db } = suite.t.app.sqliteStore();
    await new SqliteIncidentStore(db).createMajorIncident({ category: 'network', title: 'VPN gateway down', now: new Date().toISOString() }, []);
    seeded = await Promise.all(seedTickets(db, 2, new Date(), ['escalated']).map(async (id) => (await store.getTicket(id))!.number));
  });

  test('an agent links her ticket: the user is told it is a known problem, the audit log names her, the pane shows the incident', async () => {
    const { store } = suite.t.app;
    const { page, errors } = await openConsoleTicket(suite, 'alice', 'INC-000001');
    await page.getByLabel('Link to an open major incident').selectOption('MI-000001');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.locator('#incident-linked', { hasText: 'Follows MI-000001: VPN gateway down (open)' }).waitFor();
    await page.locator('#events li', { hasText: 'Alice Chen · major incident linked MI-000001' }).waitFor();
    await page.locator('#transcript li', { hasText: 'This is a known problem affecting several people (MI-000001)' }).waitFor();
    expect(await page.locator('#incident-form').isHidden()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const ticket = (await store.getTicketByNumber('INC-000001'))!;
    expect(ticket.majorIncidentId).not.toBeNull();
    const told = (await store.transcript(ticket.conversationId)).filter((m) => m.direction === 'out' && m.text.includes('MI-000001'));
    expect(told.map((m) => m.text)).toEqual(['This is a known problem affecting several people (MI-000001). Your ticket INC-000001 is linked to it; we will update you here.']);
    expect((await store.ticketEvents(ticket.id)).filter((e) => e.kind === 'major_incident_linked').map((e) => e.data))
      .toEqual([{ majorIncident: 'MI-000001', title: 'VPN gateway down', priorityFrom: 'P2', priorityTo: 'P2', by: 'Alice Chen' }]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('the server refuses: a ticket linked already (409), another group\'s (404), a bad or unknown incident number', async () => {
    const alice = await loginAs(suite.t.url, 'alice');
    expect((await alice.act('INC-000001', 'link', { incident: 'MI-000001' })).status).toBe(409);
    expect((await alice.act('INC-000001', 'link', { incident: 'INC-000001' })).status).toBe(400);
    const bob = await loginAs(suite.t.url, 'bob');
    expect((await bob.act('INC-000001', 'link', { incident: 'MI-000001' })).status).toBe(404);
    const root = await loginAs(suite.t.url, 'root');
    expect((await root.act(seeded[0], 'link', { incident: 'MI-000099' })).status).toBe(404);
    expect((await root.post('/console/api/bulk', { action: 'link', tickets: [seeded[0]], incident: 'nope' })).status).toBe(400);
    expect((await suite.t.app.store.getTicketByNumber(seeded[0]))!.majorIncidentId).toBeNull();
    const list = (await (await alice.get('/console/api/incidents')).json()) as { incidents: { number: string; title: string; status: string }[] };
    expect(list.incidents).toEqual([{ number: 'MI-000001', title: 'VPN gateway down', status: 'open', category: 'network' }]);
  }, 30_000);

  test('on a phone an admin links two selected rows at once; resolving the incident resolves all three and tells their users', async () => {
    const { store, majorIncidents } = suite.t.app;
    const { page, errors } = await openConsoleTicket(suite, 'root', 'INC-000001', PHONE);
    await page.getByRole('button', { name: 'Back to the queue' }).click();
    for (const n of seeded) await page.getByRole('checkbox', { name: `Select ${n}` }).check();
    await page.getByLabel('Link to', { exact: true }).selectOption('MI-000001');
    await page.getByRole('button', { name: 'Link selected' }).click();
    await page.locator('#bulk-status', { hasText: 'Done: 2.' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const incident = (await store.getTicketByNumber('INC-000001'))!.majorIncidentId;
    for (const n of seeded) expect((await store.getTicketByNumber(n))!.majorIncidentId).toBe(incident);

    await majorIncidents.resolveMajorIncident('MI-000001', 'The gateway was restarted', new Date());
    for (const n of ['INC-000001', ...seeded]) expect((await store.getTicketByNumber(n))!.status).toBe('resolved');
    const first = (await store.getTicketByNumber('INC-000001'))!;
    expect((await store.transcript(first.conversationId)).some((m) => m.text.includes('The known problem MI-000001 (VPN gateway down) has been fixed: The gateway was restarted'))).toBe(true);
    await page.locator(`#queue button[data-number="${seeded[0]}"]`).waitFor({ state: 'detached' });
    await page.goto(`${suite.t.url}/console/tickets/INC-000001`);
    await page.locator('#incident-linked', { hasText: 'Followed MI-000001: VPN gateway down (resolved)' }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
