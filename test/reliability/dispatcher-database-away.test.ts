import path from 'node:path';
import { Dispatcher } from '../../src/engine/dispatcher';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { SqliteStore } from '../../src/store/sqlite-store';
import { StorageUnavailableError } from '../../src/store/storage-health';
import { inbound } from '../store/store-contract';
import { tempDir, waitFor } from '../helpers/test-app';

const NOW = '2026-03-02T09:00:00.000Z';

/** One reply waiting in the outbox of conversation `conv`. */
async function replyIn(store: SqliteStore, conv: string): Promise<void> {
  const accepted = await store.acceptInbound(inbound(`m-${conv}`, 'broken', conv, `u-${conv}`), NOW);
  await store.commitTurn({
    conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en',
    state: {}, tickets: [], events: [], outbound: [{ kind: 'text', text: 'hello' }], now: NOW,
  });
}

describe('the dispatcher loop while the database goes away', () => {
  // Issue #22: an instance on PostgreSQL exited (code 1) during an outage. The loop's idle wait asks the database
  // when the next row is due; that query failing (the server stopped between the drain and the wait) rejected the
  // loop's promise, which nothing awaited until stop(): an unhandled rejection, which ends a Node process.
  test('a failure of the "next due" query in the idle wait is waited out: the loop keeps sending, and stop() resolves', async () => {
    // Arrange: a store whose next-due query fails once (the database away right after a drain).
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'away.db'));
    let failures = 0;
    const nextOutboxDue = store.nextOutboxDue.bind(store);
    store.nextOutboxDue = async () => {
      if (failures++ === 0) throw new StorageUnavailableError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
      return nextOutboxDue();
    };
    const sent: number[] = [];
    const dispatcher = new Dispatcher({
      store, channels: new Map([['webchat', { send: async (_ref, _message, id) => void sent.push(id) }]]), log: createLogger({ level: 'silent' }),
      metrics: createMetrics(), clock: () => new Date(NOW), maxAttempts: 3, baseDelayMs: 10,
    });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      // Act: the first idle wait fails; then a reply is committed and the loop woken, as a turn's commit does.
      dispatcher.start();
      await waitFor(() => failures > 0, 5000, 'the idle wait to ask for the next due row');
      await new Promise((r) => setTimeout(r, 50));
      await replyIn(store, 'c1');
      dispatcher.kick();

      // Assert: the reply goes out (the loop survived), no rejection went unhandled, and stop() resolves.
      await waitFor(() => sent.length === 1, 5000, 'the reply committed after the failed wait to be sent');
      await expect(dispatcher.stop()).resolves.toBeUndefined();
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      await dispatcher.stop().catch(() => undefined);
      await store.close();
      tmp.cleanup();
    }
  });
});
