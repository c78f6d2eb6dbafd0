import path from 'node:path';
import fc from 'fast-check';
import { Engine } from '../../src/engine/engine';
import { FairQueue } from '../../src/engine/fair-queue';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { SqliteStore } from '../../src/store/sqlite-store';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { tempDir } from '../helpers/test-app';

const PLAIN = { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' } as const;
const NOW = '2026-03-02T09:00:00.000Z';

function engineOn(store: SqliteStore, ingressQuiet?: () => Promise<void>): Engine {
  return new Engine({ store, log: createLogger({ level: 'silent' }), metrics: createMetrics(), clock: () => new Date(), turnDeps: fixedTurnDeps(), capabilitiesOf: () => PLAIN, ingressQuiet });
}

describe('the fair turn order in memory', () => {
  test('a round built in memory is the store\'s fair query: same messages, same order, for any queue', async () => {
    const tmp = tempDir();
    let run = 0;
    try {
      await fc.assert(fc.asyncProperty(
        // Messages as the users who sent them (5 users), some of the oldest already answered, and a round length.
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 60 }), fc.nat(20), fc.integer({ min: 1, max: 70 }),
        async (senders, answered, size) => {
          const store = new SqliteStore(path.join(tmp.dir, `order${run++}.db`));
          const memory = new FairQueue();
          try {
            for (const [i, user] of senders.entries()) {
              const ref = { channel: 'terminal' as const, conversationId: `c${user}`, userId: `u${user}` };
              const { messageId } = await store.acceptInbound({ ref, platformMessageId: `m${i}`, text: 'printer jam' }, NOW);
              memory.add(messageId, ref);
            }
            for (const { messageId } of await store.pendingInbound(answered, 'arrival')) {
              store.db.prepare('UPDATE messages SET processed_at = ? WHERE id = ?').run(NOW, messageId);
              memory.remove(messageId);
            }
            expect(memory.round(size).map((t) => t.messageId)).toEqual((await store.pendingInbound(size, 'fair')).map((p) => p.messageId));
          } finally {
            await store.close();
          }
        },
      ), { numRuns: 40 });
    } finally {
      tmp.cleanup();
    }
  });

  test('once every waiting message is one the engine accepted, rounds no longer sort the queue in the store', async () => {
    // Arrange: 400 messages from one user, and a light user writing during the rounds (each of its messages
    // used to start a new round, which sorted every waiting message again).
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'memory.db'));
    const fairQueries = jest.spyOn(store, 'pendingInbound');
    const engine = engineOn(store);
    const flood = { channel: 'terminal' as const, conversationId: 'flood', userId: 'flooder' };
    const light = { channel: 'terminal' as const, conversationId: 'light', userId: 'light' };
    const order: string[] = [];
    const sent: Array<Promise<unknown>> = [];
    engine.events.on('committed', (r) => {
      order.push(r.conversation.ref.userId);
      if (order.length % 40 === 5) sent.push(engine.accept({ ref: light, platformMessageId: `l${order.length}`, text: 'my vpn is down' }));
    });
    try {
      // Act
      await Promise.all(Array.from({ length: 400 }, (_, i) => engine.accept({ ref: flood, platformMessageId: `f${i}`, text: `printer jam ${i}` })));
      await engine.idle();
      await Promise.all(sent);
      await engine.idle();
      // Assert: all answered, each light message within a few turns, and no round sorted the waiting messages in the store.
      expect(order).toHaveLength(400 + sent.length);
      expect(sent.length).toBeGreaterThanOrEqual(9);
      let from = 0;
      for (let i = 0; i < sent.length; i++) {
        const at = order.indexOf('light', from);
        expect(at - (40 * i + 5)).toBeLessThan(12);
        from = at + 1;
      }
      // The store's fair query only looked for messages stored some other way once the memory was empty.
      const fair = fairQueries.mock.calls.flatMap(([, orderBy], i) => (orderBy === 'fair' ? [fairQueries.mock.results[i].value as Promise<unknown[]>] : []));
      expect(await Promise.all(fair)).toEqual(fair.map(() => []));
      expect(await store.pendingInbound(10)).toEqual([]);
      expect(engine.admission.queued).toBe(0);
    } finally {
      await engine.idle();
      await store.close();
      tmp.cleanup();
    }
  });

  test('messages left by an earlier process are answered with the new ones, and a message erased before its turn is skipped', async () => {
    // Arrange: 30 messages stored by a process that stopped before their turns; a new engine then accepts
    // 30 more while its turns are held, and one of those is deleted before its turn (erasure).
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'leftover.db'));
    const ref = (user: number) => ({ channel: 'terminal' as const, conversationId: `c${user}`, userId: `u${user}` });
    for (let i = 0; i < 30; i++) await store.acceptInbound({ ref: ref(i % 3), platformMessageId: `old${i}`, text: 'printer jam' }, NOW);
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const engine = engineOn(store, () => gate);
    const answered: number[] = [];
    engine.events.on('committed', (r) => answered.push(r.conversation.id));
    try {
      const fresh = await Promise.all(Array.from({ length: 30 }, (_, i) => engine.accept({ ref: ref(3 + (i % 3)), platformMessageId: `new${i}`, text: 'vpn down' })));
      store.db.prepare('DELETE FROM messages WHERE id = ?').run(fresh[7].messageId);
      // Act
      void engine.recover();
      open();
      await engine.idle();
      // Assert: 59 turns, nothing left waiting, nothing counted as queued.
      expect(answered).toHaveLength(59);
      expect(await store.pendingInbound(100)).toEqual([]);
      expect(engine.admission.queued).toBe(0);
    } finally {
      open();
      await engine.idle();
      await store.close();
      tmp.cleanup();
    }
  });
});
