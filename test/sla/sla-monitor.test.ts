import { SlaMonitor } from '../../src/sla/sla-monitor';
import { seedTickets } from '../../src/bench/seed-tickets';
import { sqliteSlaStore } from '../../src/store/sqlite-sla-store';
import type { SqliteStore } from '../../src/store/sqlite-store';
import { eventHub, eventKinds, laterMessages, openTicket, testStore, updateTicket } from './helpers';

// Monday 2 March 2026, 10:00 UTC (inside the default 09:00-18:00 UTC business hours).
const T0 = new Date('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let t: ReturnType<typeof testStore>;
beforeEach(() => {
  t = testStore();
});
afterEach(async () => {
  await t.cleanup();
});

const monitor = (store: SqliteStore, engine?: ReturnType<typeof eventHub>['engine']) => new SlaMonitor({ store, slaStore: sqliteSlaStore(store), engine });
const p2 = (user = 'ana', extra: Partial<Parameters<typeof openTicket>[1]> = {}) =>
  openTicket(t.store, { user, text: 'VPN will not connect', at: T0, priority: 'P2', ...extra });

describe('SLA warning at 75%', () => {
  test('one sla_warning event for the agents, announced once, nothing sent to the user', async () => {
    const ticket = await p2();
    const hub = eventHub();
    const m = monitor(t.store, hub.engine);

    const early = await m.tick(at(20));
    const warned = await m.tick(at(23));
    const again = await m.tick(at(26));

    expect(early.warned).toEqual([]);
    expect(warned.warned).toEqual([ticket.number]);
    expect(again.warned).toEqual([]);
    const warnings = (await t.store.ticketEvents(ticket.id)).filter((e) => e.kind === 'sla_warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ actor: 'sla', data: { kind: 'response', dueAt: at(30).toISOString() } });
    expect(hub.committed).toEqual([ticket.conversationId]);
    expect(await laterMessages(t.store, ticket.conversationId)).toEqual([]);
  });

  test('no warning once an agent has answered (first response set)', async () => {
    const ticket = await p2();
    await updateTicket(t.store, ticket, { firstResponseAt: at(5).toISOString(), status: 'in_progress' }, at(5));

    const report = await monitor(t.store).tick(at(29));

    expect(report.warned).toEqual([]);
    expect(await eventKinds(t.store, ticket.id)).not.toContain('sla_warning');
  });

  test('business-hours clock: a Friday 17:00 ticket with 4 h to respond is warned on Monday at 11:00, not over the weekend', async () => {
    const friday = new Date('2026-03-06T17:00:00Z');
    const ticket = await openTicket(t.store, { user: 'bo', text: 'printer jams', at: friday, priority: 'P3' });
    // computeDueTimes would give Monday 12:00 for 4 business hours; the ticket stores that.
    await t.store.db.prepare('UPDATE tickets SET response_due_at = ? WHERE id = ?').run('2026-03-09T12:00:00.000Z', ticket.id);
    const m = monitor(t.store);

    const saturday = await m.tick(new Date('2026-03-07T12:00:00Z'));
    const monday = await m.tick(new Date('2026-03-09T11:00:00Z'));

    expect(saturday.warned).toEqual([]);
    expect(monday.warned).toEqual([ticket.number]);
  });
});

describe('SLA breach', () => {
  test('escalates to tier-2 with reason sla_breach and tells the user once: sorry, the owner and a new time', async () => {
    const ticket = await p2();
    const hub = eventHub();
    const m = monitor(t.store, hub.engine);

    const report = await m.tick(at(31));
    await m.tick(at(40));

    expect(report).toEqual({ warned: [], breached: [ticket.number], escalated: [ticket.number] });
    const after = (await t.store.getTicket(ticket.id))!;
    expect(after).toMatchObject({ status: 'escalated', escalatedAt: at(31).toISOString() });
    const events = await t.store.ticketEvents(ticket.id);
    expect(events.map((e) => e.kind)).toEqual(['opened', 'sla_breached', 'escalated']);
    expect(events[2].data).toMatchObject({ reason: 'sla_breach', classification: { category: 'network' }, requester: { channel: 'webchat' } });
    const notes = (await laterMessages(t.store, ticket.conversationId)).map((m) => m.text);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(new RegExp(`^Sorry, we missed our first-response target for ${ticket.number}\\. It is now with the network team, at the top of their list; new expected response: by .+\\d{2}:\\d{2}`));
    expect((await t.store.getConversation(ticket.conversationId))!.state).toMatchObject({ phase: 'escalated' });
    expect(hub.committed).toHaveLength(1);
  });

  test('a ticket tier-2 already has gets the breach event, no second escalation, and the person is told the new time and owner', async () => {
    const ticket = await p2('ana', { status: 'escalated' });

    const report = await monitor(t.store).tick(at(45));

    expect(report).toEqual({ warned: [], breached: [ticket.number], escalated: [] });
    expect(await eventKinds(t.store, ticket.id)).toEqual(['opened', 'sla_breached']);
    const [note] = await laterMessages(t.store, ticket.conversationId);
    expect(note.text).toMatch(new RegExp(`Sorry, we missed our first-response target for ${ticket.number}\\. It is now with .+, at the top of their list; new expected response: by .+\\d{2}:\\d{2}`));
  });

  test('the resolution clock breaches separately, later, and the person hears the fix target was missed', async () => {
    const ticket = await p2();
    const m = monitor(t.store);
    await m.tick(at(31));

    const late = await m.tick(at(481));

    expect(late.breached).toEqual([ticket.number]);
    const breaches = (await t.store.ticketEvents(ticket.id)).filter((e) => e.kind === 'sla_breached').map((e) => e.data.kind);
    expect(breaches).toEqual(['response', 'resolve']);
    const notes = await laterMessages(t.store, ticket.conversationId);
    expect(notes).toHaveLength(2);
    expect(notes[1].text).toMatch(/missed our resolution target .*new expected fix: by/);
  });

  test('the note is in the conversation language', async () => {
    const ticket = await p2('li', { lang: 'zh' });

    await monitor(t.store).tick(at(31));

    expect((await laterMessages(t.store, ticket.conversationId))[0].text).toMatch(new RegExp(`^抱歉，${ticket.number} 已超出承诺的首次响应时间。现由.+负责，并已优先处理；新的预计响应时间：.+\\d{2}:\\d{2}.* 前。$`));
  });
});

describe('SLA pauses while waiting for the user', () => {
  test('50 minutes in pending_user push the 30-minute response due time to 80 minutes', async () => {
    const ticket = await p2();
    const m = monitor(t.store);
    await m.tick(at(5));
    await updateTicket(t.store, ticket, { status: 'pending_user' }, at(10));
    await m.tick(at(11));

    const whilePaused = await m.tick(at(45));
    await updateTicket(t.store, ticket, { status: 'open' }, at(60));
    await m.tick(at(61));
    const [response] = await sqliteSlaStore(t.store).timers(ticket.id).then((all) => all.filter((x) => x.kind === 'response'));
    const warned = await m.tick(at(75));
    const breached = await m.tick(at(81));

    expect(whilePaused).toEqual({ warned: [], breached: [], escalated: [] });
    expect(response.dueAt).toBe(at(80).toISOString());
    expect(warned.warned).toEqual([ticket.number]);
    expect(breached.breached).toEqual([ticket.number]);
  });

  test('time spent resolved (waiting for "is it fixed?") does not count when the user reopens', async () => {
    const ticket = await p2();
    const m = monitor(t.store);
    await m.tick(at(5));
    await updateTicket(t.store, ticket, { status: 'resolved', resolvedAt: at(10).toISOString() }, at(10));
    await m.tick(at(11));
    await updateTicket(t.store, ticket, { status: 'reopened', resolvedAt: null }, at(100));

    const report = await m.tick(at(101));

    const timers = await sqliteSlaStore(t.store).timers(ticket.id);
    expect(report.breached).toEqual([]);
    expect(Object.fromEntries(timers.map((x) => [x.kind, x.dueAt]))).toEqual({ response: at(120).toISOString(), resolve: at(570).toISOString() });
  });

  test('the pause is stored: a monitor started during it does not breach', async () => {
    const ticket = await p2();
    await monitor(t.store).tick(at(5));
    await updateTicket(t.store, ticket, { status: 'pending_user' }, at(10));
    await monitor(t.store).tick(at(12));

    const restarted = monitor(t.reopen());
    const report = await restarted.tick(at(200));

    expect(report.breached).toEqual([]);
  });
});

describe('SLA timers survive restarts', () => {
  test('a new monitor on the same database does not repeat a warning or a breach', async () => {
    const ticket = await p2();
    await monitor(t.store).tick(at(24));
    await monitor(t.store).tick(at(31));

    const second = t.reopen();
    const report = await monitor(second).tick(at(35));

    expect(report).toEqual({ warned: [], breached: [], escalated: [] });
    expect(await eventKinds(second, ticket.id)).toEqual(['opened', 'sla_warning', 'sla_breached', 'escalated']);
    expect(await laterMessages(second, ticket.conversationId)).toHaveLength(1);
  });

  test('a restart while down catches up: the first tick breaches at once, without a late warning', async () => {
    const ticket = await p2();
    await monitor(t.store).tick(at(1));

    const report = await monitor(t.reopen()).tick(at(90));

    expect(report.breached).toEqual([ticket.number]);
    expect(await eventKinds(t.store, ticket.id)).toEqual(['opened', 'sla_breached', 'escalated']);
  });

  test('a crash between the event and the timer update does not repeat the event', async () => {
    const ticket = await p2();
    await monitor(t.store).tick(at(24));
    t.store.db.prepare('UPDATE sla_timers SET warned_at = NULL').run();

    await monitor(t.reopen()).tick(at(25));

    expect((await eventKinds(t.store, ticket.id)).filter((k) => k === 'sla_warning')).toHaveLength(1);
  });

  test('two monitors ticking at once on one database act once', async () => {
    const ticket = await p2();
    const a = monitor(t.store);
    const b = monitor(t.reopen());

    await Promise.all([a.tick(at(31)), b.tick(at(31))]);

    expect(await eventKinds(t.store, ticket.id)).toEqual(['opened', 'sla_breached', 'escalated']);
    expect(await laterMessages(t.store, ticket.conversationId)).toHaveLength(1);
  });
});

describe('a tick over a big queue', () => {
  test('lets other work run while it examines thousands of tickets (it used to hold the event loop to its end)', async () => {
    seedTickets(t.store.db, 2000, at(600), ['open']);
    let turns = 0;
    let done = false;
    const count = () => setImmediate(() => {
      if (done) return;
      turns += 1;
      count();
    });
    count();

    const report = await monitor(t.store).tick(T0);
    done = true;

    expect(report).toEqual({ warned: [], breached: [], escalated: [] });
    expect(turns).toBeGreaterThan(0);
    expect((t.store.db.prepare('SELECT COUNT(*) AS n FROM sla_timers WHERE due_at IS NOT NULL').get() as { n: number }).n).toBe(4000);
  });

  test('examines every running ticket, not only the first 5,000 (a ticket opened after them was never checked)', async () => {
    // 5,000 tickets due in ten hours, read first (lower ids), then a P2 opened now: due in 30 minutes.
    seedTickets(t.store.db, 5000, at(600), ['open']);
    const late = await p2();

    const report = await monitor(t.store).tick(at(31));

    expect(report.breached).toEqual([late.number]);
    expect(await eventKinds(t.store, late.id)).toContain('sla_breached');
  }, 30_000);
});
