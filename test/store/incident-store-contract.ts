import type { CoreStores } from '../../src/store/core-stores';
import { at, openTicketOn, updateTicket } from './contract-helpers';
import type { StoreHarness } from './harness';

/** The behaviour every IncidentStore must have (SQLite and PostgreSQL run this same suite). */
export function incidentStoreContract(name: string, harness: StoreHarness): void {
  describe(`IncidentStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    test('recent open incidents of a category, and the count of those not linked yet up to a time', async () => {
      const first = await openTicketOn(s.store, 1, { category: 'network' }, at(0));
      await openTicketOn(s.store, 2, { category: 'network' }, at(10));
      await openTicketOn(s.store, 3, { category: 'hardware' }, at(10));
      await openTicketOn(s.store, 4, { category: 'network', type: 'service_request' }, at(10));
      const resolved = await openTicketOn(s.store, 5, { category: 'network' }, at(10));
      await updateTicket(s.store, resolved, { status: 'resolved', resolvedAt: at(11) });
      expect((await s.incidents.recentOpenIncidents('network', at(0))).map((t) => t.number)).toEqual(['INC-000001', 'INC-000002']);
      expect(await s.incidents.countRecentUnlinked('network', at(0), at(5))).toBe(1);
      await s.incidents.createMajorIncident({ category: 'network', title: 'VPN down', now: at(12) }, [{ ticketId: first.openedTicket!.id }]);
      expect(await s.incidents.countRecentUnlinked('network', at(0), at(20))).toBe(1);
    });

    test('an incident gets the next MI number and links its tickets with their new priority and due times', async () => {
      const t1 = (await openTicketOn(s.store, 1)).openedTicket!;
      const t2 = (await openTicketOn(s.store, 2)).openedTicket!;
      const { incident, linked } = await s.incidents.createMajorIncident(
        { category: 'hardware', title: 'Printers', now: at(1), source: 'alert', keywords: 'printer', owner: 'bo' },
        [{ ticketId: t1.id, priority: 'P1', responseDueAt: at(30), resolveDueAt: at(240) }, { ticketId: t2.id }],
      );
      expect(incident).toMatchObject({ number: 'MI-000001', status: 'open', source: 'alert', keywords: 'printer', owner: 'bo', createdAt: at(1), resolvedAt: null });
      expect(linked).toEqual([t1.id, t2.id]);
      expect(await s.incidents.linkedTickets(incident.id)).toMatchObject([
        { id: t1.id, priority: 'P1', responseDueAt: at(30), resolveDueAt: at(240), majorIncidentId: incident.id }, { id: t2.id, priority: 'P4' },
      ]);
      expect((await s.incidents.getMajorIncident('mi-000001'))?.id).toBe(incident.id);
      expect(await s.incidents.getMajorIncidentById(incident.id)).toEqual(incident);
      expect((await s.incidents.createMajorIncident({ category: 'network', title: 'VPN', now: at(2) }, [])).incident.number).toBe('MI-000002');
      expect((await s.incidents.listMajorIncidents(10)).map((m) => [m.number, m.tickets])).toEqual([['MI-000002', 0], ['MI-000001', 2]]);
      expect((await s.incidents.openMajorIncidents('network')).map((m) => m.number)).toEqual(['MI-000002']);
    });

    test('two instances creating an incident for the same tickets at once make one incident; each ticket is linked once', async () => {
      const tickets = [];
      for (let n = 1; n <= 4; n++) tickets.push((await openTicketOn(s.store, n)).openedTicket!);
      const other = await harness.another();
      const links = tickets.map((t) => ({ ticketId: t.id }));
      const [x, y] = await Promise.all([
        s.incidents.createMajorIncident({ category: 'hardware', title: 'A', now: at(1) }, links),
        other.incidents.createMajorIncident({ category: 'hardware', title: 'B', now: at(1) }, [...links].reverse()),
      ]);
      expect(x.incident.id).toBe(y.incident.id);
      expect([...x.linked, ...y.linked].sort()).toEqual(tickets.map((t) => t.id).sort());
      expect(await s.incidents.listMajorIncidents(10)).toHaveLength(1);
    });

    test('linking skips tickets already linked; resolution and a proposal keep their first value', async () => {
      const t1 = (await openTicketOn(s.store, 1)).openedTicket!;
      const t2 = (await openTicketOn(s.store, 2)).openedTicket!;
      const { incident } = await s.incidents.createMajorIncident({ category: 'hardware', title: 'A', now: at(1) }, [{ ticketId: t1.id }]);
      expect(await s.incidents.linkTickets(incident.id, [{ ticketId: t1.id }, { ticketId: t2.id, priority: 'P2' }], at(2))).toEqual([t2.id]);
      expect((await s.incidents.proposeResolution(incident.id, 'restarted', at(3))).proposedResolution).toBe('restarted');
      expect((await s.incidents.proposeResolution(incident.id, 'other', at(4))).proposedResolution).toBe('restarted');
      const resolved = await s.incidents.markResolved(incident.id, 'fixed', at(5));
      expect(resolved).toMatchObject({ status: 'resolved', resolution: 'fixed', resolvedAt: at(5) });
      expect((await s.incidents.markResolved(incident.id, 'again', at(6))).resolution).toBe('fixed');
      expect(await s.incidents.openMajorIncidents()).toEqual([]);
      await expect(s.incidents.markResolved(9999, 'x', at(7))).rejects.toThrow(/no major incident/);
    });
  });
}
