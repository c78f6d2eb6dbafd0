import type { CoreStores } from '../../src/store/core-stores';
import type { OutboxRow } from '../../src/store/store';
import { at, NOW, openTicketOn } from './contract-helpers';
import type { StoreHarness } from './harness';
import { inbound } from './store-contract';

/**
 * What a Store must guarantee when several instances share its database: each message stored once, one
 * turn per conversation version, gap-free ticket numbers, outbox rows claimed by one dispatcher at a time.
 */
export function clusterContract(name: string, harness: StoreHarness): void {
  describe(`Store with several instances: ${name}`, () => {
    let a: CoreStores;
    let b: CoreStores;
    beforeEach(async () => {
      a = await harness.fresh();
      b = await harness.another();
    });
    afterEach(() => harness.cleanup());

    test('the same message accepted by two instances at once is stored once', async () => {
      const [first, second] = await Promise.all([a.store.acceptInbound(inbound('m1'), NOW), b.store.acceptInbound(inbound('m1'), NOW)]);
      expect([first.status, second.status].sort()).toEqual(['accepted', 'duplicate']);
      expect(second.messageId).toBe(first.messageId);
      expect(await a.store.pendingInbound(10)).toHaveLength(1);
    });

    test('a new user writing on two instances at once: both messages stored, one user, one conversation', async () => {
      const [first, second] = await Promise.all([
        a.store.acceptInbound(inbound('m1', 'one', 'c1', 'u1'), NOW), b.store.acceptInbound(inbound('m2', 'two', 'c1', 'u1'), NOW),
      ]);
      expect([first.status, second.status]).toEqual(['accepted', 'accepted']);
      expect(second.conversationId).toBe(first.conversationId);
      expect((await a.store.transcript(first.conversationId)).map((m) => m.text).sort()).toEqual(['one', 'two']);
    });

    test('two turns decided on the same version: one commits, the other is refused with a conflict and leaves nothing', async () => {
      const accepted = await a.store.acceptInbound(inbound('m1'), NOW);
      const turn = (text: string) => ({
        conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot' as const, lang: 'en' as const, state: { text },
        tickets: [], events: [], outbound: [{ kind: 'text' as const, text }], now: NOW,
      });
      const results = await Promise.allSettled([a.store.commitTurn(turn('from a')), b.store.commitTurn(turn('from b'))]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
      expect((await a.store.getConversation(accepted.conversationId))?.version).toBe(1);
      expect(await a.store.countOutbox('pending')).toBe(1);
    });

    test('concurrent turns on 24 conversations over two instances get distinct, consecutive ticket numbers', async () => {
      const results = await Promise.all(Array.from({ length: 24 }, (_, n) => openTicketOn(n % 2 === 0 ? a.store : b.store, n)));
      const numbers = results.map((r) => r.openedTicket!.number).sort();
      expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => `INC-${String(i + 1).padStart(6, '0')}`));
      // Each reply carries its own ticket's number.
      const rows = await a.store.dueOutbox(NOW, 100);
      expect(new Set(rows.map((r) => r.message.kind === 'text' && r.message.text)).size).toBe(24);
    });

    test('turns that fail between concurrent ones give their numbers back: the numbers that stay are still consecutive', async () => {
      const results = await Promise.allSettled(Array.from({ length: 12 }, async (_, n) => {
        const store = n % 2 === 0 ? a.store : b.store;
        const accepted = await store.acceptInbound(inbound(`m${n}`, 'broken', `c${n}`, `u${n}`), NOW);
        return store.commitTurn({
          conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', state: {}, outbound: [], now: NOW,
          tickets: [{ kind: 'open', draft: { type: 'incident', category: 'hardware', impact: 3, urgency: 2, priority: 'P4', summary: 's', description: 'd', lang: 'en', responseDueAt: NOW, resolveDueAt: NOW } }],
          // Every third turn breaks after its ticket is numbered (an event for a ticket that does not exist).
          events: [{ ticketId: n % 3 === 0 ? 987_654 : 'new', actor: 'bot', kind: 'opened', data: {} }],
        });
      }));
      const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.openedTicket!.number] : [])).sort();
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(4);
      expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `INC-${String(i + 1).padStart(6, '0')}`));
    });

    test('three dispatchers on two instances: every row sent once, one row per conversation at a time, each conversation in order', async () => {
      for (let c = 0; c < 20; c++) {
        const accepted = await a.store.acceptInbound(inbound(`m${c}`, 'hi', `c${c}`, `u${c}`), NOW);
        await a.store.commitTurn({
          conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en', state: {},
          tickets: [], events: [], outbound: [1, 2, 3].map((i) => ({ kind: 'text' as const, text: `reply ${i}` })), now: NOW,
        });
      }
      const sent: OutboxRow[] = [];
      const inFlight = new Set<number>();
      const problems: string[] = [];
      async function dispatch(stores: CoreStores): Promise<void> {
        for (let round = 0; round < 500 && (await stores.store.countOutbox('pending')) > 0; round++) {
          const rows = await stores.store.claimDueOutbox(NOW, 4, 60_000);
          for (const row of rows) {
            if (inFlight.has(row.conversationId)) problems.push(`conversation ${row.conversationId} handed out twice at once`);
            inFlight.add(row.conversationId);
          }
          for (const row of rows) {
            await new Promise((r) => setImmediate(r));
            sent.push(row);
            inFlight.delete(row.conversationId);
            await stores.store.markSent(row.id, NOW);
          }
          if (rows.length === 0) await new Promise((r) => setTimeout(r, 2));
        }
      }
      await Promise.all([dispatch(a), dispatch(b), dispatch(b)]);
      expect(problems).toEqual([]);
      expect(sent).toHaveLength(60);
      expect(new Set(sent.map((r) => r.id)).size).toBe(60);
      const byConversation = new Map<number, string[]>();
      for (const row of sent) byConversation.set(row.conversationId, [...(byConversation.get(row.conversationId) ?? []), row.message.kind === 'text' ? row.message.text : '']);
      expect([...byConversation.values()].filter((texts) => texts.join() !== 'reply 1,reply 2,reply 3')).toEqual([]);
    });

    test("a dead dispatcher's claim is taken over by another instance when its lease runs out, not before", async () => {
      const accepted = await a.store.acceptInbound(inbound('m1'), NOW);
      await a.store.commitTurn({
        conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', state: {}, tickets: [], events: [],
        outbound: [{ kind: 'text', text: 'hello' }], now: NOW,
      });
      const [claimed] = await a.store.claimDueOutbox(NOW, 10, 60_000);
      expect(claimed.message).toEqual({ kind: 'text', text: 'hello' });
      expect(await b.store.claimDueOutbox(at(0.5), 10, 60_000)).toEqual([]);
      expect(await b.store.nextOutboxDue()).toBe(at(1));
      const [takenOver] = await b.store.claimDueOutbox(at(1), 10, 60_000);
      expect(takenOver.id).toBe(claimed.id);
      expect(await a.store.claimDueOutbox(at(1.5), 10, 60_000)).toEqual([]);
    });

    test('a lapsed claim stays its owner\'s for a dispatcher that may not take over yet (takeOver: false); the owner gets it back', async () => {
      const accepted = await a.store.acceptInbound(inbound('m1'), NOW);
      await a.store.commitTurn({
        conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', state: {}, tickets: [], events: [],
        outbound: [{ kind: 'text', text: 'hello' }], now: NOW,
      });
      const [claimed] = await a.store.claimDueOutbox(NOW, 10, 60_000);
      expect(await b.store.claimDueOutbox(at(2), 10, 60_000, { takeOver: false })).toEqual([]);
      expect((await a.store.claimDueOutbox(at(2), 10, 60_000, { takeOver: false })).map((r) => r.id)).toEqual([claimed.id]);
      expect(await b.store.claimDueOutbox(at(4), 10, 60_000)).toHaveLength(1);
    });

    test('the install secret: 32 random bytes made once, the same for every instance, also when they ask at once', async () => {
      const secrets = await Promise.all([a, b, await harness.another()].map((stores) => stores.installSecret()));
      expect(secrets[0]).toHaveLength(32);
      expect(secrets.map((secret) => secret.toString('hex'))).toEqual(Array(3).fill(secrets[0].toString('hex')));
      expect((await a.installSecret()).equals(secrets[0])).toBe(true);
    });
  });
}
