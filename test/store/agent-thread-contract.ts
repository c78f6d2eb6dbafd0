import type { AgentPlatform } from '../../src/store/agent-thread-store';
import type { CoreStores } from '../../src/store/core-stores';
import { at, NOW, openTicketOn } from './contract-helpers';
import type { StoreHarness } from './harness';

const card = (text: string) => ({ kind: 'text' as const, text });

/** The outbox rows of one conversation in the order the dispatcher sends them (each sent before the next is due). */
async function drain(s: CoreStores, conversationId: number) {
  const sent = [];
  for (;;) {
    const head = (await s.store.dueOutbox(at(10), 50)).find((r) => r.conversationId === conversationId);
    if (!head) return sent;
    sent.push(head);
    await s.store.markSent(head.id, at(10));
  }
}
const PLACES: Record<AgentPlatform, string> = { slack: 'C0TIER2', feishu: 'oc_agents', wecom: '@agents', teams: '19:agents0123@thread.tacv2' };

/** The behaviour every AgentThreadStore, WecomCardStore and TeamsServiceUrlStore must have (SQLite and PostgreSQL run this same suite). */
export function agentThreadContract(name: string, harness: StoreHarness): void {
  describe(`AgentThreadStore, WecomCardStore and TeamsServiceUrlStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    test.each(['slack', 'feishu', 'wecom', 'teams'] as const)('%s: two instances escalating one ticket at once queue one post; the thread is found on both', async (platform) => {
      const ticket = (await openTicketOn(s.store, 1)).openedTicket!;
      const other = await harness.another();
      const place = PLACES[platform];
      const tries = await Promise.all([s, other, s, other].map((stores, i) => stores.agentThreads.queueEscalation(platform, ticket, place, card(`card ${i}`), 7, NOW)));
      const queued = tries.filter((q) => q !== null);
      expect(queued).toHaveLength(1);
      expect(queued[0]!.outboxIds).toHaveLength(1);
      expect(await other.agentThreads.threadOf(platform, ticket.id)).toEqual({ ticketId: ticket.id, place, postId: null, lastEventId: 7 });
      expect(await s.agentThreads.threadOf(platform, ticket.id + 1)).toBeNull();
      // The post is an outbox row of the place's own conversation (not the requester's), with its role and ticket.
      const due = await drain(s, queued[0]!.conversationId);
      expect(due.map((r) => [r.ref.conversationId, r.ref.extra])).toEqual([[place, { tier2: 'escalation', ticket: ticket.number }]]);
      expect(queued[0]!.conversationId).not.toBe(ticket.conversationId);
      // No transcript copy of the post: the requester's words stay in the requester's conversation.
      expect(await s.store.transcript(queued[0]!.conversationId)).toEqual([]);
    });

    test.each(['slack', 'feishu', 'wecom', 'teams'] as const)('%s: follow-ups move the cursor forward once, in order; two tickets share the place\'s conversation', async (platform) => {
      const place = PLACES[platform];
      const t1 = (await openTicketOn(s.store, 1)).openedTicket!;
      const t2 = (await openTicketOn(s.store, 2)).openedTicket!;
      const first = (await s.agentThreads.queueEscalation(platform, t1, place, card('one'), 1, NOW))!;
      const second = (await s.agentThreads.queueEscalation(platform, t2, place, card('two'), 1, NOW))!;
      expect(second.conversationId).toBe(first.conversationId);
      const other = await harness.another();
      const rows = [{ role: 'thread' as const, message: card('line') }, { role: 'card' as const, message: card('card again') }];
      const both = await Promise.all([s.agentThreads.queueFollowUps(platform, t1, place, rows, 5, at(1)), other.agentThreads.queueFollowUps(platform, t1, place, rows, 5, at(1))]);
      expect(both.filter((q) => q !== null).map((q) => q!.outboxIds.length)).toEqual([2]);
      expect(await s.agentThreads.queueFollowUps(platform, t1, place, rows, 4, at(2))).toBeNull();
      // Nothing to show: the cursor still moves, nothing is queued.
      expect(await s.agentThreads.queueFollowUps(platform, t1, place, [], 9, at(2))).toBeNull();
      expect((await s.agentThreads.threadOf(platform, t1.id))?.lastEventId).toBe(9);
      const due = await drain(s, first.conversationId);
      expect(due.map((r) => [r.ref.extra?.ticket, r.ref.extra?.tier2])).toEqual([
        [t1.number, 'escalation'], [t2.number, 'escalation'], [t1.number, 'thread'], [t1.number, 'card'],
      ]);
      // A ticket never escalated has no cursor to move.
      expect(await s.agentThreads.queueFollowUps(platform, { id: t2.id + 50, number: 'INC-999999' }, place, rows, 3, at(3))).toBeNull();
    });

    test.each(['slack', 'feishu', 'wecom', 'teams'] as const)('%s: escalations of a time window with no thread there and not closed are found (a process died between commit and post)', async (platform) => {
      const escalate = async (n: number, minutes: number, fields: { status?: 'closed' } = {}) => {
        const opened = await openTicketOn(s.store, n, {}, at(minutes));
        await s.store.commitTurn({
          conversationId: opened.conversation.id, expectedVersion: opened.conversation.version, mode: 'bot', lang: 'en', state: {},
          tickets: [{ kind: 'update', ticketId: opened.openedTicket!.id, fields: { status: 'escalated', ...fields } }],
          events: [{ ticketId: opened.openedTicket!.id, actor: 'sla', kind: 'escalated', data: { reason: 'sla_breach' } }], outbound: [], now: at(minutes),
        });
        return opened.openedTicket!;
      };
      const unposted = await escalate(1, 5);
      const posted = await escalate(2, 5);
      await escalate(3, 5, { status: 'closed' });
      const tooOld = await escalate(4, -30);
      const tooNew = await escalate(5, 20);
      await openTicketOn(s.store, 6, {}, at(5)); // never escalated
      await s.agentThreads.queueEscalation(platform, posted, PLACES[platform], card('card'), 1, NOW);

      const found = await (await harness.another()).agentThreads.escalatedWithoutThread(platform, at(0), at(10));

      expect(found).toEqual([unposted.id]);
      expect(await s.agentThreads.escalatedWithoutThread(platform, at(-60), at(60))).toEqual([unposted.id, tooOld.id, tooNew.id].sort((a, b) => a - b));
    });

    test.each(['slack', 'feishu', 'teams'] as const)('%s: the post made on one instance leads a click on another instance to its ticket', async (platform) => {
      const ticket = (await openTicketOn(s.store, 1)).openedTicket!;
      const place = PLACES[platform];
      await s.agentThreads.queueEscalation(platform, ticket, place, card('card'), 1, NOW);
      const other = await harness.another();
      expect(await other.agentThreads.postIdOf(platform, ticket.number)).toBeNull();
      await s.agentThreads.setPostId(platform, ticket.number, '1700000000.000100');
      expect(await other.agentThreads.postIdOf(platform, ticket.number)).toBe('1700000000.000100');
      expect(await other.agentThreads.ticketForPost(platform, '1700000000.000100', place)).toBe(ticket.number);
      expect(await other.agentThreads.ticketForPost(platform, '1700000000.000100')).toBe(ticket.number);
      expect(await other.agentThreads.ticketForPost(platform, '1700000000.000100', 'C0ELSEWHERE')).toBeNull();
      expect(await other.agentThreads.ticketForPost(platform, '1700000000.999999')).toBeNull();
      expect((await other.agentThreads.threadOf(platform, ticket.id))?.postId).toBe('1700000000.000100');
    });

    test.each(['slack', 'feishu'] as const)('%s: agent links: one platform user per agent, a user re-linked moves, two instances linking one agent at once link it once', async (platform) => {
      for (const id of ['bo', 'zoe']) await s.agents.addAgent({ id, name: id, role: 'agent', groups: [] }, 'hash', NOW);
      await s.agentThreads.link(platform, 'U1', 'bo', 'email', NOW);
      expect(await s.agentThreads.agentIdFor(platform, 'U1')).toBe('bo');
      expect(await s.agentThreads.platformUserFor(platform, 'bo')).toBe('U1');
      await expect(s.agentThreads.link(platform, 'U2', 'bo', 'manual', NOW)).rejects.toThrow(/"bo" is linked to .* user U1/);
      await s.agentThreads.link(platform, 'U1', 'zoe', 'manual', NOW);
      expect(await s.agentThreads.platformUserFor(platform, 'bo')).toBeNull();
      expect(await s.agentThreads.agentIdFor(platform, 'U1')).toBe('zoe');
      expect(await s.agentThreads.agentIdFor(platform, 'U9')).toBeNull();
      const other = await harness.another();
      const outcomes = await Promise.allSettled([s.agentThreads.link(platform, 'U3', 'bo', 'email', NOW), other.agentThreads.link(platform, 'U4', 'bo', 'email', NOW)]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(['U3', 'U4']).toContain(await other.agentThreads.platformUserFor(platform, 'bo'));
    });

    test('WeCom cards: saved once, found on another instance; a response_code is taken once across instances; the newest tier-2 card wins', async () => {
      const choices = [{ value: 'take', label: 'Take over' }];
      await s.wecomCards.saveCard({ taskId: 'fd-1', kind: 'tier2', recipient: '@agents', ticket: 'INC-000001', choices, responseCode: 'rc-1' }, NOW);
      await s.wecomCards.saveCard({ taskId: 'fd-1', kind: 'choice', recipient: 'lisi', ticket: null, choices: [], responseCode: 'other' }, at(1));
      await s.wecomCards.saveCard({ taskId: 'fd-2', kind: 'tier2', recipient: '@agents', ticket: 'INC-000001', choices, responseCode: null }, at(5));
      await s.wecomCards.saveCard({ taskId: 'fd-3', kind: 'tier2', recipient: '@agents', ticket: 'INC-000001', choices, responseCode: null }, at(5));
      await s.wecomCards.saveCard({ taskId: 'fd-4', kind: 'choice', recipient: 'lisi', ticket: 'INC-000001', choices, responseCode: null }, at(9));
      const other = await harness.another();
      expect(await other.wecomCards.card('fd-1')).toEqual({ taskId: 'fd-1', kind: 'tier2', recipient: '@agents', ticket: 'INC-000001', choices, responseCode: 'rc-1', answeredAt: null });
      expect(await other.wecomCards.card('fd-none')).toBeNull();
      expect((await other.wecomCards.tier2CardOf('INC-000001'))?.taskId).toBe('fd-3');
      expect(await other.wecomCards.tier2CardOf('INC-000002')).toBeNull();
      const takes = await Promise.all([s, other, s, other].map((stores) => stores.wecomCards.takeResponseCode('fd-1')));
      expect(takes.filter((code) => code !== null)).toEqual(['rc-1']);
      await other.wecomCards.setResponseCode('fd-1', 'rc-2');
      expect(await s.wecomCards.takeResponseCode('fd-1')).toBe('rc-2');
      expect(await s.wecomCards.takeResponseCode('fd-none')).toBeNull();
    });

    test('Teams service URLs: the first place asked for that has one answers, found on another instance; a place learnt again takes the newer address', async () => {
      const emea = 'https://smba.trafficmanager.net/emea/';
      const amer = 'https://smba.trafficmanager.net/amer/';
      expect(await s.teamsServiceUrls.serviceUrlOf(['place:19:agents@thread.tacv2', 'tenant:t1', 'latest'])).toBeNull();
      await s.teamsServiceUrls.saveServiceUrl(['latest', 'tenant:t1', 'place:19:agents@thread.tacv2'], amer, NOW);
      await s.teamsServiceUrls.saveServiceUrl(['latest', 'tenant:t1'], emea, at(1));
      const other = await harness.another();
      expect(await other.teamsServiceUrls.serviceUrlOf(['place:19:agents@thread.tacv2', 'tenant:t1', 'latest'])).toBe(amer);
      expect(await other.teamsServiceUrls.serviceUrlOf(['place:19:other@thread.tacv2', 'tenant:t1', 'latest'])).toBe(emea);
      expect(await other.teamsServiceUrls.serviceUrlOf(['place:19:other@thread.tacv2', 'tenant:t2'])).toBeNull();
      expect(await other.teamsServiceUrls.serviceUrlOf([])).toBeNull();
      await other.teamsServiceUrls.saveServiceUrl(['place:19:agents@thread.tacv2'], emea, at(2));
      expect(await s.teamsServiceUrls.serviceUrlOf(['place:19:agents@thread.tacv2', 'latest'])).toBe(emea);
    });
  });
}
