import type { CoreStores } from '../../src/store/core-stores';
import { QueueQuery } from '../../src/console/queue-query';
import { at, NOW, openTicketOn, updateTicket } from './contract-helpers';
import type { StoreHarness } from './harness';

/** Canned responses and saved views: the same behaviour on SQLite and PostgreSQL (issue #21). */
export function workspaceContract(name: string, harness: StoreHarness): void {
  describe(`AgentStore workspace contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
      await s.agents.addAgent({ id: 'ann', name: 'Ann', role: 'agent', groups: ['network'] }, 'h', NOW);
      await s.agents.addAgent({ id: 'bo', name: 'Bo', role: 'agent', groups: ['network'] }, 'h', NOW);
    });
    afterEach(() => harness.cleanup());

    test('canned responses: shared ones for everyone, personal ones for their owner, changed and deleted by id', async () => {
      const shared = await s.agents.saveCannedResponse({ title: 'VPN reset', body: 'Hi {{name}}, {{ticket}} is fixed.', lang: 'en', ownerId: null, by: 'ann' }, NOW);
      const mine = await s.agents.saveCannedResponse({ title: 'ann only', body: '您好 {{name}}', lang: 'zh', ownerId: 'ann', by: 'ann' }, NOW);
      expect(shared).toEqual({ id: expect.any(Number), title: 'VPN reset', body: 'Hi {{name}}, {{ticket}} is fixed.', lang: 'en', ownerId: null, createdBy: 'ann', updatedAt: NOW });
      expect((await s.agents.listCannedResponses('ann')).map((c) => c.title)).toEqual(['ann only', 'VPN reset']);
      expect((await s.agents.listCannedResponses('bo')).map((c) => c.title)).toEqual(['VPN reset']);
      const changed = await s.agents.saveCannedResponse({ id: shared!.id, title: 'VPN reset', body: 'Reconnect please', lang: 'en', ownerId: null, by: 'bo' }, at(5));
      expect(changed).toMatchObject({ body: 'Reconnect please', createdBy: 'ann', updatedAt: at(5) });
      expect(await s.agents.saveCannedResponse({ id: 9999, title: 'x', body: 'y', lang: 'en', ownerId: null, by: 'bo' }, NOW)).toBeNull();
      expect(await s.agents.deleteCannedResponse(mine!.id)).toBe(true);
      expect(await s.agents.deleteCannedResponse(mine!.id)).toBe(false);
      expect(await s.agents.getCannedResponse(mine!.id)).toBeNull();
      expect((await s.agents.getCannedResponse(shared!.id))?.body).toBe('Reconnect please');
      // A deleted agent's personal responses go with them; shared ones they wrote stay.
      const personal = await s.agents.saveCannedResponse({ title: 'ann again', body: 'x', lang: 'en', ownerId: 'ann', by: 'ann' }, NOW);
      await s.agents.deleteAgent('ann');
      expect(await s.agents.getCannedResponse(personal!.id)).toBeNull();
      expect((await s.agents.listCannedResponses('bo')).map((c) => c.title)).toEqual(['VPN reset']);
    });

    test('saved views: per agent, by name; the same name replaces; deleting needs the owner; gone with the agent', async () => {
      const p1 = await s.agents.saveView('ann', 'My P1s', 'priority=P1&assignee=mine', NOW);
      await s.agents.saveView('ann', 'breaching', 'sort=due', NOW);
      await s.agents.saveView('bo', 'My P1s', 'priority=P1', NOW);
      const again = await s.agents.saveView('ann', 'My P1s', 'priority=P1&status=all', at(1));
      expect(again).toEqual({ id: p1.id, agentId: 'ann', name: 'My P1s', query: 'priority=P1&status=all', createdAt: NOW });
      expect((await s.agents.listSavedViews('ann')).map((v) => [v.name, v.query])).toEqual([['breaching', 'sort=due'], ['My P1s', 'priority=P1&status=all']]);
      expect(await s.agents.deleteView('bo', p1.id)).toBe(false);
      expect(await s.agents.deleteView('ann', p1.id)).toBe(true);
      expect((await s.agents.listSavedViews('ann')).map((v) => v.name)).toEqual(['breaching']);
      await s.agents.deleteAgent('ann');
      expect(await s.agents.listSavedViews('ann')).toEqual([]);
      expect((await s.agents.listSavedViews('bo')).map((v) => v.name)).toEqual(['My P1s']);
    });

    test('tags: stored with the ticket, searched as tag:x (every one named), found by plain words too, in any script', async () => {
      const vpn = await openTicketOn(s.store, 1, { group: 'network', summary: 'tunnel drops' });
      const both = await openTicketOn(s.store, 2, { group: 'network', summary: 'printer offline' });
      const none = await openTicketOn(s.store, 3, { group: 'network', summary: 'vpn slow' });
      expect(vpn.openedTicket!.tags).toEqual([]);
      await updateTicket(s.store, vpn, { tags: ['vpn'] });
      await updateTicket(s.store, both, { tags: ['vpn', '打印机'] }, at(1));
      expect((await s.store.getTicket(both.openedTicket!.id))!.tags).toEqual(['vpn', '打印机']);
      const numbers = async (query: Record<string, unknown>) => (await s.agents.searchQueue({ groups: null, agentId: 'bo' }, QueueQuery.parse({ sort: 'oldest', ...query })))
        .tickets.map((t) => t.id);
      const [a, b, c] = [vpn, both, none].map((r) => r.openedTicket!.id);
      expect(await numbers({ q: 'tag:vpn' })).toEqual([a, b]);
      expect(await numbers({ q: 'TAG:VPN printer' })).toEqual([b]);
      expect(await numbers({ q: 'tag:vpn tag:打印机' })).toEqual([b]);
      expect(await numbers({ tag: '打印机' })).toEqual([b]);
      expect(await numbers({ q: 'tag:vp' })).toEqual([]);
      expect(await numbers({ q: 'vpn' })).toEqual([a, b, c]);
      await updateTicket(s.store, vpn, { tags: [] }, at(2));
      expect(await numbers({ q: 'tag:vpn' })).toEqual([b]);
    });

    test('watchers: an agent watches once, stops; watched tickets are filtered; a merge moves them; gone with the agent', async () => {
      const one = (await openTicketOn(s.store, 1, { group: 'network' })).openedTicket!;
      const two = (await openTicketOn(s.store, 2, { group: 'network' })).openedTicket!;
      expect(await s.agents.setWatching(one.id, 'ann', true, NOW)).toBe(true);
      expect(await s.agents.setWatching(one.id, 'ann', true, at(1))).toBe(false);
      expect(await s.agents.setWatching(one.id, 'bo', true, at(2))).toBe(true);
      expect(await s.agents.ticketWatchers(one.id)).toEqual([{ agentId: 'ann', since: NOW }, { agentId: 'bo', since: at(2) }]);
      expect([...(await s.agents.watchedAmong('ann', [one.id, two.id]))]).toEqual([one.id]);
      expect(await s.agents.watchedAmong('ann', [])).toEqual(new Set());
      const watched = async (agentId: string) => (await s.agents.searchQueue({ groups: null, agentId }, QueueQuery.parse({ watching: 'me', status: 'all' }))).tickets.map((t) => t.id);
      expect(await watched('ann')).toEqual([one.id]);
      expect(await s.agents.setWatching(one.id, 'bo', false, at(3))).toBe(true);
      expect(await s.agents.setWatching(one.id, 'bo', false, at(3))).toBe(false);
      await s.agents.setWatching(two.id, 'ann', true, at(4));
      await s.agents.setWatching(one.id, 'bo', true, at(5));
      await s.agents.moveWatchers(one.id, two.id);
      await s.agents.moveWatchers(one.id, two.id);
      expect(await s.agents.ticketWatchers(one.id)).toEqual([]);
      expect(await s.agents.ticketWatchers(two.id)).toEqual([{ agentId: 'ann', since: at(4) }, { agentId: 'bo', since: at(5) }]);
      await s.agents.deleteAgent('bo');
      expect((await s.agents.ticketWatchers(two.id)).map((w) => w.agentId)).toEqual(['ann']);
    });

    test('read marks: only move forward, per conversation', async () => {
      const one = await openTicketOn(s.store, 1);
      const two = await openTicketOn(s.store, 2);
      expect(await s.agents.readUpTo(one.conversation.id)).toBeNull();
      expect(await s.agents.markRead(one.conversation.id, 5, 'ann', NOW)).toBe(true);
      expect(await s.agents.markRead(one.conversation.id, 3, 'bo', at(1))).toBe(false);
      expect(await s.agents.markRead(one.conversation.id, 5, 'bo', at(1))).toBe(false);
      expect(await s.agents.readUpTo(one.conversation.id)).toBe(5);
      expect(await s.agents.markRead(one.conversation.id, 9, 'bo', at(2))).toBe(true);
      expect(await s.agents.readUpTo(one.conversation.id)).toBe(9);
      expect(await s.agents.readUpTo(two.conversation.id)).toBeNull();
    });

    test('customer profile: the accounts sharing an e-mail address (any case) and all their tickets, newest first; null when unknown', async () => {
      const one = (await openTicketOn(s.store, 1)).openedTicket!;
      const two = (await openTicketOn(s.store, 2)).openedTicket!;
      const three = (await openTicketOn(s.store, 3)).openedTicket!;
      await s.store.updateUserProfile(one.requesterId, { name: 'Mei', email: 'Mei.Wang@example.com', department: 'Finance' }, NOW);
      await s.store.updateUserProfile(two.requesterId, { email: 'mei.wang@EXAMPLE.com' }, NOW);
      await s.store.updateUserProfile(three.requesterId, { email: 'someone@example.com' }, NOW);
      const profile = (await s.agents.customerProfile(one.requesterId, 10))!;
      expect(profile.identities.map((i) => [i.userId, i.email])).toEqual([[one.requesterId, 'Mei.Wang@example.com'], [two.requesterId, 'mei.wang@EXAMPLE.com']]);
      expect(profile.identities[0]).toMatchObject({ name: 'Mei', department: 'Finance', channel: 'webchat', handle: null }); // a web chat session id is a secret
      expect(profile.tickets.map((t) => t.number)).toEqual([two.number, one.number]);
      expect((await s.agents.customerProfile(two.requesterId, 1))!.tickets.map((t) => t.number)).toEqual([two.number]);
      expect((await s.agents.customerProfile(three.requesterId, 10))!.identities.map((i) => i.userId)).toEqual([three.requesterId]);
      expect(await s.agents.customerProfile(99999, 10)).toBeNull();
    });
  });
}
