import type { CoreStores } from '../../src/store/core-stores';
import { inbound } from './store-contract';
import { at, openTicketOn, updateTicket } from './contract-helpers';
import type { StoreHarness } from './harness';

/** The behaviour every TicketQueryStore must have (the REST API's reads); SQLite and PostgreSQL run this same suite. */
export function ticketQueryContract(name: string, harness: StoreHarness): void {
  describe(`TicketQueryStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    const numbers = (found: { ticket: { number: string } }[]) => found.map((f) => f.ticket.number);

    test('lists newest first, by every filter and below a cursor, with the major incident number', async () => {
      const t1 = await openTicketOn(s.store, 1, { category: 'network', group: 'network' }, at(0));
      const t2 = await openTicketOn(s.store, 2, { priority: 'P1' }, at(1));
      const t3 = await openTicketOn(s.store, 3, { category: 'network' }, at(2));
      await updateTicket(s.store, t3, { status: 'escalated', agentId: 'bo' }, at(30));
      const { incident } = await s.incidents.createMajorIncident({ category: 'network', title: 'VPN down', now: at(3) }, [{ ticketId: t1.openedTicket!.id }]);
      expect(numbers(await s.ticketQueries.listTickets({}, 10))).toEqual(['INC-000003', 'INC-000002', 'INC-000001']);
      expect(numbers(await s.ticketQueries.listTickets({}, 2))).toEqual(['INC-000003', 'INC-000002']);
      expect(numbers(await s.ticketQueries.listTickets({ beforeId: t3.openedTicket!.id }, 10))).toEqual(['INC-000002', 'INC-000001']);
      expect(numbers(await s.ticketQueries.listTickets({ category: 'network' }, 10))).toEqual(['INC-000003', 'INC-000001']);
      expect(numbers(await s.ticketQueries.listTickets({ priority: 'P1' }, 10))).toEqual(['INC-000002']);
      expect(numbers(await s.ticketQueries.listTickets({ status: 'escalated' }, 10))).toEqual(['INC-000003']);
      expect(numbers(await s.ticketQueries.listTickets({ assignee: 'bo', category: 'network' }, 10))).toEqual(['INC-000003']);
      expect(numbers(await s.ticketQueries.listTickets({ group: 'network' }, 10))).toEqual(['INC-000001']);
      expect(numbers(await s.ticketQueries.listTickets({ updatedSince: at(30) }, 10))).toEqual(['INC-000003']);
      expect(numbers(await s.ticketQueries.listTickets({ updatedSince: at(31) }, 10))).toEqual([]);
      const all = await s.ticketQueries.listTickets({}, 10);
      expect(all.map((f) => f.miNumber)).toEqual([null, null, incident.number]);
      expect(all[2].ticket).toMatchObject({ id: t1.openedTicket!.id, majorIncidentId: incident.id, createdAt: at(0) });
      expect(all[0].ticket).toEqual(await s.store.getTicket(t3.openedTicket!.id));
      expect(t2.openedTicket!.priority).toBe('P1');
    });

    test('one ticket by number in any case; requesters by id; a requester\'s newest conversation on a channel', async () => {
      const t1 = await openTicketOn(s.store, 1, {}, at(0));
      await openTicketOn(s.store, 2, {}, at(1));
      expect(await s.ticketQueries.ticketByNumber('inc-000001')).toEqual({ ticket: await s.store.getTicket(t1.openedTicket!.id), miNumber: null });
      expect(await s.ticketQueries.ticketByNumber('INC-000099')).toBeNull();
      const requester = t1.openedTicket!.requesterId;
      expect(await s.ticketQueries.requesters([requester, requester, 9_999])).toEqual([{ id: requester, channel: 'webchat', name: 'Ana Lima', email: 'ana@example.com' }]);
      expect(await s.ticketQueries.requesters([])).toEqual([]);
      // u1 writes again in a second conversation: that one is the newest.
      const again = await s.store.acceptInbound(inbound('m1b', 'and again', 'c1-later', 'u1'), at(5));
      expect(await s.ticketQueries.latestConversationOf('webchat', 'u1')).toBe(again.conversationId);
      expect(await s.ticketQueries.latestConversationOf('webchat', 'u2')).toBe((await s.store.getTicket(2))!.conversationId);
      expect(await s.ticketQueries.latestConversationOf('slack', 'u1')).toBeNull();
      expect(await s.ticketQueries.latestConversationOf('webchat', 'nobody')).toBeNull();
    });
  });
}
