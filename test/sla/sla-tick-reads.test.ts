import { seedTickets } from '../../src/bench/seed-tickets';
import { SlaMonitor } from '../../src/sla/sla-monitor';
import type { SlaStore } from '../../src/store/sla-store';
import { sqliteSlaStore, TICKETS_TO_CHECK_SQL } from '../../src/store/sqlite-sla-store';
import type { SqliteStore } from '../../src/store/sqlite-store';
import { eventKinds, openTicket, testStore, updateTicket } from './helpers';

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

/** The SQLite SlaStore, counting the tickets each tick's reads hand to the monitor (whatever the method). */
function countingSlaStore(store: SqliteStore) {
  const inner = sqliteSlaStore(store);
  const read = { tickets: 0 };
  const counting = new Proxy(inner, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (Array.isArray(result) && result.every((r) => r && typeof r === 'object' && 'ticket' in r && 'timers' in r)) read.tickets += result.length;
        return result;
      };
    },
  }) as SlaStore;
  return { slaStore: counting, read };
}

describe('a tick reads only the tickets it must look at', () => {
  test('after the first tick, 1,000 open tickets not yet due are not read again; a changed, a new and a due ticket are', async () => {
    seedTickets(t.store.db, 1000, at(600), ['open']);
    const { slaStore, read } = countingSlaStore(t.store);
    const m = new SlaMonitor({ store: t.store, slaStore });
    const ticks: number[] = [];
    const tick = async (minutes: number) => {
      read.tickets = 0;
      const report = await m.tick(at(minutes));
      ticks.push(read.tickets);
      return report;
    };

    await tick(0);
    await tick(1);
    const p2 = await openTicket(t.store, { user: 'ana', text: 'VPN will not connect', at: at(1), priority: 'P2' });
    await tick(2);
    await tick(3);
    const warned = await tick(24);
    await tick(25);
    const breached = await tick(32);

    expect(ticks).toEqual([1000, 0, 1, 0, 1, 0, 1]);
    expect(warned.warned).toEqual([p2.number]);
    expect(breached.breached).toEqual([p2.number]);
    expect(await eventKinds(t.store, p2.id)).toEqual(['opened', 'sla_warning', 'sla_breached', 'escalated']);
  }, 30_000);

  test('a due time changed by any writer (here plain SQL, as linking to a major incident does) is acted on at the new time', async () => {
    const ticket = await openTicket(t.store, { user: 'bo', text: 'printer jams', at: T0, priority: 'P4', respondMin: 480, resolveMin: 2400 });
    const m = new SlaMonitor({ store: t.store, slaStore: sqliteSlaStore(t.store) });
    await m.tick(at(1));
    t.store.db.prepare("UPDATE tickets SET priority = 'P2', response_due_at = ? WHERE id = ?").run(at(30).toISOString(), ticket.id);

    const report = await m.tick(at(31));

    expect(report.breached).toEqual([ticket.number]);
  });

  test('a closed ticket is read once more (its clocks stop) and then never, not even after its due times', async () => {
    const ticket = await openTicket(t.store, { user: 'cy', text: 'mouse broken', at: T0, priority: 'P2' });
    const { slaStore, read } = countingSlaStore(t.store);
    const m = new SlaMonitor({ store: t.store, slaStore });
    await m.tick(at(1));
    await updateTicket(t.store, ticket, { status: 'closed', closedAt: at(5).toISOString() }, at(5));
    const reads: number[] = [];
    for (const minutes of [6, 40, 600]) {
      read.tickets = 0;
      expect(await m.tick(at(minutes))).toEqual({ warned: [], breached: [], escalated: [] });
      reads.push(read.tickets);
    }

    expect(reads).toEqual([1, 0, 0]);
    expect((await slaStore.timers(ticket.id)).map((x) => [x.dueAt, x.warnAt, x.breachedAt])).toEqual([[null, null, null], [null, null, null]]);
  });

  test('the query walks the partial indexes of migration 28: no scan of the timers or the tickets', () => {
    seedTickets(t.store.db, 50, at(600), ['open']);
    const plan = (t.store.db.prepare(`EXPLAIN QUERY PLAN ${TICKETS_TO_CHECK_SQL}`).all({ now: at(0).toISOString(), after: 0, limit: 200 }) as { detail: string }[])
      .map((r) => r.detail);

    expect(plan.filter((d) => d.startsWith('SEARCH sla_timers')).sort()).toEqual([
      'SEARCH sla_timers USING INDEX sla_timers_changed (ticket_id>?)',
      'SEARCH sla_timers USING INDEX sla_timers_due (due_at<?)',
      'SEARCH sla_timers USING INDEX sla_timers_warn (warn_at<?)',
    ]);
    expect(plan).toContain('SEARCH t USING INTEGER PRIMARY KEY (rowid=?)');
    expect(plan.filter((d) => d.startsWith('SCAN'))).toEqual([]);
  });
});
