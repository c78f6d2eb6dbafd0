import { MajorIncidents } from '../../src/incidents/major-incidents';
import { sqliteIncidentStore } from '../../src/store/sqlite-incident-store';
import type { SqliteStore } from '../../src/store/sqlite-store';
import type { Ticket } from '../../src/types/ticket';
import { eventHub, eventKinds, laterMessages, openTicket, testStore, type TicketSpec } from '../sla/helpers';

const T0 = new Date('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let t: ReturnType<typeof testStore>;
beforeEach(() => {
  t = testStore();
});
afterEach(async () => {
  await t.cleanup();
});

const detector = (store: SqliteStore = t.store, hub?: ReturnType<typeof eventHub>) =>
  new MajorIncidents({ store, incidents: sqliteIncidentStore(store), engine: hub?.engine });

/** Open a ticket and run the detector on it, as the lead's 'committed' listener does. */
async function report(mi: MajorIncidents, spec: TicketSpec) {
  const ticket = await openTicket(t.store, spec);
  return { ticket, outcome: await mi.onTicketOpened(ticket, spec.at) };
}

const vpn = ['VPN will not connect from home', 'Cannot connect to the VPN, it times out', 'the vpn connection keeps timing out', 'VPN down? cannot connect'];
const linkedText = (ticket: Ticket) => `This is a known problem affecting several people (MI-000001). Your ticket ${ticket.number} is linked to it; we will update you here.`;

describe('major incident clustering', () => {
  test('three users with a similar network problem within 30 minutes open MI-000001: linked, raised, escalated, each told', async () => {
    const hub = eventHub();
    const mi = detector(t.store, hub);

    const a = await report(mi, { user: 'ana', text: vpn[0], at: at(0) });
    const b = await report(mi, { user: 'bo', text: vpn[1], at: at(10), channel: 'terminal' });
    const c = await report(mi, { user: 'cy', text: vpn[2], at: at(25), urgency: 3, priority: 'P5' });

    expect([a.outcome, b.outcome]).toEqual([null, null]);
    expect(c.outcome).toMatchObject({ action: 'opened', incident: { number: 'MI-000001', category: 'network', status: 'open', title: vpn[0] } });
    expect(c.outcome!.linked).toEqual([a.ticket.number, b.ticket.number, c.ticket.number]);
    for (const { ticket } of [a, b, c]) {
      const after = (await t.store.getTicket(ticket.id))!;
      expect(after).toMatchObject({ majorIncidentId: c.outcome!.incident.id, priority: 'P2', status: 'escalated' });
      // P2 answers within 30 minutes of opening (it was 30 min in the fixture too) and resolves within 8 h.
      expect(after.resolveDueAt <= new Date(Date.parse(ticket.createdAt) + 8 * 3600_000).toISOString()).toBe(true);
      expect(await eventKinds(t.store, ticket.id)).toEqual(['opened', 'major_incident_opened', 'major_incident_linked', 'escalated']);
      expect((await laterMessages(t.store, ticket.conversationId)).map((m) => m.text)).toEqual([linkedText(ticket)]);
    }
    const [opened] = (await t.store.ticketEvents(c.ticket.id)).filter((e) => e.kind === 'major_incident_opened');
    expect(opened.data).toMatchObject({ majorIncident: 'MI-000001', reporters: 3 });
    expect(hub.committed).toHaveLength(3);
  });

  test('a fourth similar report joins the open incident and is told; the agents alert is not repeated', async () => {
    const mi = detector();
    for (const [i, user] of ['ana', 'bo', 'cy'].entries()) await report(mi, { user, text: vpn[i], at: at(i * 5) });

    const d = await report(mi, { user: 'di', text: vpn[3], at: at(120), lang: 'zh' });

    expect(d.outcome).toMatchObject({ action: 'joined', incident: { number: 'MI-000001' }, linked: [d.ticket.number] });
    expect(await eventKinds(t.store, d.ticket.id)).toEqual(['opened', 'major_incident_linked', 'escalated']);
    expect((await laterMessages(t.store, d.ticket.conversationId))[0].text).toBe(`这是一个已知问题，正在影响多位用户（MI-000001）。您的工单 ${d.ticket.number} 已关联到该问题，我们会在这里通知您进展。`);
  });

  test('urgency 1 among the reporters makes the tickets P1', async () => {
    const mi = detector();
    await report(mi, { user: 'ana', text: vpn[0], at: at(0) });
    await report(mi, { user: 'bo', text: vpn[1], at: at(1), urgency: 1, priority: 'P3' });
    const c = await report(mi, { user: 'cy', text: vpn[2], at: at(2) });

    expect((await t.store.getTicket(c.ticket.id))!.priority).toBe('P1');
  });

  test.each([
    ['two users only', [['ana', 0], ['bo', 5]]],
    ['one user three times', [['ana', 0], ['ana', 5], ['ana', 10]]],
    ['three users more than 30 minutes apart', [['ana', 0], ['bo', 20], ['cy', 41]]],
  ] as const)('no major incident with %s', async (_name, reports) => {
    const mi = detector();
    const outcomes = [];
    for (const [i, [user, minute]] of reports.entries()) outcomes.push((await report(mi, { user, text: vpn[i], at: at(minute), conversation: `c${i}` })).outcome);

    expect(outcomes.every((o) => o === null)).toBe(true);
    expect(await mi.list()).toEqual([]);
  });

  test.each([
    ['in another category', { text: vpn[2], category: 'software' }],
    ['about a different problem in the same category', { text: 'wifi in the office will not connect' }],
    ['a service request', { text: vpn[2], type: 'service_request' }],
  ] as const)('no major incident when the third report is %s', async (_name, third) => {
    const mi = detector();
    await report(mi, { user: 'ana', text: vpn[0], at: at(0) });
    await report(mi, { user: 'bo', text: vpn[1], at: at(1) });

    const last = await report(mi, { user: 'cy', at: at(2), ...third });

    expect(last.outcome).toBeNull();
    expect(await mi.list()).toEqual([]);
  });

  test('the same person on two channels (same e-mail) counts once', async () => {
    const mi = detector();
    await report(mi, { user: 'ana', text: vpn[0], at: at(0), email: 'ana@example.com' });
    await report(mi, { user: 'ana-term', text: vpn[1], at: at(1), channel: 'terminal', email: 'ANA@example.com' });
    const third = await report(mi, { user: 'bo', text: vpn[2], at: at(2) });

    expect(third.outcome).toBeNull();
  });

  test('catchUp tells linked reporters a crash left untold, once', async () => {
    const mi = detector();
    const tickets = [];
    for (const [i, user] of ['ana', 'bo', 'cy'].entries()) tickets.push(await openTicket(t.store, { user, text: vpn[i], at: at(i) }));
    await sqliteIncidentStore(t.store).createMajorIncident({ category: 'network', title: vpn[0], now: at(3).toISOString() }, tickets.map((x) => ({ ticketId: x.id })));

    const told = await mi.catchUp(at(4));
    const again = await detector(t.reopen()).catchUp(at(5));

    expect(told).toEqual(tickets.map((x) => x.number));
    expect(again).toEqual([]);
    for (const ticket of tickets) expect(await laterMessages(t.store, ticket.conversationId)).toHaveLength(1);
  });
});

describe('resolving a major incident', () => {
  async function threeReporters(mi: MajorIncidents) {
    const a = await report(mi, { user: 'ana', text: vpn[0], at: at(0), channel: 'webchat' });
    const b = await report(mi, { user: 'bo', text: vpn[1], at: at(5), channel: 'terminal' });
    const c = await report(mi, { user: 'cy', text: vpn[2], at: at(9), channel: 'slack', lang: 'zh' });
    return [a.ticket, b.ticket, c.ticket];
  }

  test('every linked user is told on their own channel and their tickets are resolved', async () => {
    const mi = detector();
    const tickets = await threeReporters(mi);
    // Bo has since started on another problem: their conversation is about a different ticket now.
    const newer = await openTicket(t.store, { user: 'bo', text: 'printer jams', at: at(30), channel: 'terminal', category: 'hardware' });

    const { incident, notified } = await mi.resolveMajorIncident('MI-000001', 'The VPN gateway was restarted.', at(60));

    expect(incident).toMatchObject({ status: 'resolved', resolution: 'The VPN gateway was restarted.', resolvedAt: at(60).toISOString() });
    expect(notified).toEqual(tickets.map((x) => x.number));
    const due = await t.store.dueOutbox(at(61).toISOString(), 100);
    const [ana, bo, cy] = tickets;
    const rows = (ticket: Ticket) => due.filter((r) => r.conversationId === ticket.conversationId);
    expect(rows(ana).map((r) => r.ref.channel)).toEqual(['webchat']);
    expect(rows(bo).map((r) => r.ref.channel)).toEqual(['terminal']);
    expect(rows(cy).map((r) => r.ref.channel)).toEqual(['slack']);

    const last = async (ticket: Ticket) => (await laterMessages(t.store, ticket.conversationId)).at(-1)!;
    expect(await last(ana)).toMatchObject({ kind: 'choice', text: `The known problem MI-000001 (${vpn[0]}) has been fixed: The VPN gateway was restarted. Your ticket ${ana.number} is resolved with it. Is it working for you again?` });
    expect((await last(ana)).choices!.map((c) => c.value)).toEqual(['yes', 'no']);
    expect(await last(bo)).toMatchObject({ kind: 'text', text: expect.stringContaining(`Your ticket ${bo.number} is resolved with it. If it comes back`) });
    expect((await last(cy)).text).toContain('已知问题 MI-000001 已修复');

    for (const ticket of tickets) expect((await t.store.getTicket(ticket.id))!).toMatchObject({ status: 'resolved', resolvedAt: at(60).toISOString() });
    expect((await t.store.getConversation(ana.conversationId))!.state).toMatchObject({ phase: 'awaiting_confirmation' });
    const boConversation = (await t.store.getConversation(bo.conversationId))!;
    expect(boConversation.ticketId).toBe(newer.id);
    expect(boConversation.state).toMatchObject({ phase: 'ticket_open' });
  });

  test('resolving again sends nothing twice; an unknown number is refused with a hint', async () => {
    const mi = detector();
    const tickets = await threeReporters(mi);
    await mi.resolveMajorIncident('MI-000001', 'Gateway restarted', at(60));

    const again = await mi.resolveMajorIncident('mi-000001', 'Something else', at(70));

    expect(again.notified).toEqual([]);
    expect(again.incident.resolution).toBe('Gateway restarted');
    for (const ticket of tickets) expect(await laterMessages(t.store, ticket.conversationId)).toHaveLength(2);
    await expect(mi.resolveMajorIncident('MI-000009', 'x', at(80))).rejects.toThrow(/incidents list/);
  });

  test('after resolution a similar report does not join the resolved incident', async () => {
    const mi = detector();
    await threeReporters(mi);
    await mi.resolveMajorIncident('MI-000001', 'Gateway restarted', at(60));

    const late = await report(mi, { user: 'di', text: vpn[3], at: at(65) });

    expect(late.outcome).toBeNull();
  });
});

describe('incident store', () => {
  test('creating an incident for tickets another process linked meanwhile joins that incident instead of opening a twin', async () => {
    const incidents = sqliteIncidentStore(t.store);
    const tickets = [];
    for (const [i, user] of ['ana', 'bo', 'cy'].entries()) tickets.push(await openTicket(t.store, { user, text: vpn[i], at: at(i) }));
    const first = await incidents.createMajorIncident({ category: 'network', title: 'VPN', now: at(3).toISOString() }, tickets.slice(0, 2).map((x) => ({ ticketId: x.id })));

    const second = await incidents.createMajorIncident({ category: 'network', title: 'VPN', now: at(4).toISOString() }, tickets.map((x) => ({ ticketId: x.id, priority: 'P2' as const })));

    expect(second.incident.number).toBe(first.incident.number);
    expect(second.linked).toEqual([tickets[2].id]);
    expect((await incidents.listMajorIncidents(10)).map((m) => [m.number, m.tickets])).toEqual([['MI-000001', 3]]);
  });
});
