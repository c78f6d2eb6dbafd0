import type { CoreStores } from '../../src/store/core-stores';
import { at, NOW, openTicketOn, updateTicket } from './contract-helpers';
import type { StoreHarness } from './harness';

/** The behaviour every SlaStore must have (SQLite and PostgreSQL run this same suite). */
export function slaStoreContract(name: string, harness: StoreHarness): void {
  describe(`SlaStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    test('timers are created once for every ticket not closed, even by two monitors at once', async () => {
      const open = await openTicketOn(s.store, 1);
      await openTicketOn(s.store, 2, { status: 'closed' });
      const other = await harness.another();
      const created = await Promise.all([s.sla.ensureTimers(NOW), other.sla.ensureTimers(NOW)]);
      expect(created[0] + created[1]).toBe(2);
      expect(await s.sla.ensureTimers(NOW)).toBe(0);
      expect((await s.sla.timers(open.openedTicket!.id)).map((t) => t.kind).sort()).toEqual(['resolve', 'response']);
    });

    test('running tickets: not closed, with a timer not breached; a met response timer does not count', async () => {
      const running = await openTicketOn(s.store, 1);
      const answered = await openTicketOn(s.store, 2);
      const breached = await openTicketOn(s.store, 3);
      await s.sla.ensureTimers(NOW);
      await updateTicket(s.store, answered, { firstResponseAt: at(5) });
      await s.sla.updateTimer(answered.openedTicket!.id, 'resolve', { breachedAt: at(6) }, at(6));
      for (const kind of ['response', 'resolve'] as const) await s.sla.updateTimer(breached.openedTicket!.id, kind, { breachedAt: at(7) }, at(7));
      const list = await s.sla.runningTickets(10);
      expect(list.map((r) => r.ticket.id)).toEqual([running.openedTicket!.id]);
      expect(list[0].timers.map((t) => t.kind).sort()).toEqual(['resolve', 'response']);
      expect(list[0].ticket.number).toBe('INC-000001');
    });

    test('running tickets page on by id: afterId gives the ones after it', async () => {
      const ids = [];
      for (let n = 1; n <= 3; n++) ids.push((await openTicketOn(s.store, n)).openedTicket!.id);
      await s.sla.ensureTimers(NOW);
      expect((await s.sla.runningTickets(2)).map((r) => r.ticket.id)).toEqual(ids.slice(0, 2));
      expect((await s.sla.runningTickets(2, ids[1])).map((r) => r.ticket.id)).toEqual([ids[2]]);
      expect(await s.sla.runningTickets(2, ids[2])).toEqual([]);
    });

    test('a timer update changes the fields given and keeps the rest', async () => {
      const { openedTicket } = await openTicketOn(s.store, 1);
      await s.sla.ensureTimers(NOW);
      await s.sla.updateTimer(openedTicket!.id, 'response', { dueAt: at(60), warnAt: at(45), basis: 'P4|bh' }, at(1));
      await s.sla.updateTimer(openedTicket!.id, 'response', { warnedAt: at(46) }, at(46));
      const response = (await s.sla.timers(openedTicket!.id)).find((t) => t.kind === 'response');
      expect(response).toEqual({ ticketId: openedTicket!.id, kind: 'response', dueAt: at(60), warnAt: at(45), basis: 'P4|bh', warnedAt: at(46), breachedAt: null, metAt: null,
        ticketChanges: 1, seenChanges: 0 });
    });

    test('tickets to check: new timers, a changed ticket, a due or warning time come; not the ones examined and not due', async () => {
      const opened = [];
      for (let n = 1; n <= 8; n++) opened.push(await openTicketOn(s.store, n));
      const [quiet, changed, due, warn, warned, met, breached, closed] = opened;
      const id = (r: typeof quiet) => r.openedTicket!.id;
      await s.sla.ensureTimers(NOW);
      expect((await s.sla.ticketsToCheck(at(10), 20)).map((r) => r.ticket.id)).toEqual([quiet, changed, due, warn, warned, met, breached, closed].map(id));
      const times = { quiet: [at(60), at(45)], changed: [at(60), at(45)], due: [at(10), at(5)], warn: [at(60), at(10)], warned: [at(60), at(5)], met: [at(5), at(4)],
        breached: [at(5), at(4)], closed: [at(60), at(45)] };
      const all = { quiet, changed, due, warn, warned, met, breached, closed };
      for (const [name, [dueAt, warnAt]] of Object.entries(times)) {
        for (const kind of ['response', 'resolve'] as const) await s.sla.updateTimer(id(all[name as keyof typeof all]), kind, { dueAt, warnAt, seenChanges: 1 }, at(1));
      }
      for (const kind of ['response', 'resolve'] as const) {
        await s.sla.updateTimer(id(warned), kind, { warnedAt: at(6) }, at(6));
        await s.sla.updateTimer(id(met), kind, { metAt: at(3) }, at(6));
        await s.sla.updateTimer(id(breached), kind, { breachedAt: at(6) }, at(6));
      }
      expect((await s.sla.ticketsToCheck(at(10), 20)).map((r) => r.ticket.id)).toEqual([id(due), id(warn)]);

      // A change of what the clocks depend on, by any writer: the priority, or closing the ticket.
      await updateTicket(s.store, changed, { priority: 'P1' }, at(11));
      await updateTicket(s.store, closed, { status: 'closed', closedAt: at(11) }, at(11));
      await updateTicket(s.store, quiet, { summary: 'words only' }, at(11));
      const toCheck = await s.sla.ticketsToCheck(at(10), 20);
      expect(toCheck.map((r) => r.ticket.id)).toEqual([id(changed), id(due), id(warn), id(closed)]);
      expect(toCheck[0].timers.map((t) => [t.kind, t.ticketChanges, t.seenChanges])).toEqual([['resolve', 2, 1], ['response', 2, 1]]);
      expect(toCheck[3].ticket.status).toBe('closed');
      // Paged by id like runningTickets.
      expect((await s.sla.ticketsToCheck(at(10), 2, id(due))).map((r) => r.ticket.id)).toEqual([id(warn), id(closed)]);
    });

    test('one open pause per ticket; closing never ends it before it began; pauses come oldest first per ticket', async () => {
      const one = (await openTicketOn(s.store, 1)).openedTicket!.id;
      const two = (await openTicketOn(s.store, 2)).openedTicket!.id;
      await s.sla.openPause(one, at(10));
      await s.sla.openPause(one, at(11));
      await s.sla.closePause(one, at(20));
      await s.sla.closePause(one, at(21));
      await s.sla.openPause(one, at(30));
      await s.sla.closePause(one, at(25));
      await s.sla.openPause(two, at(40));
      const pauses = await s.sla.pauses([one, two, 999]);
      expect(pauses.get(one)?.map((p) => [p.from, p.to])).toEqual([[at(10), at(20)], [at(30), at(30)]]);
      expect(pauses.get(two)?.map((p) => [p.from, p.to])).toEqual([[at(40), null]]);
      expect(pauses.has(999)).toBe(false);
      expect((await s.sla.pauses([])).size).toBe(0);
    });
  });
}
