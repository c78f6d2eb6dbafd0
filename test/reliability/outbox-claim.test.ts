import path from 'node:path';
import { Dispatcher } from '../../src/engine/dispatcher';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { ChannelAdapter } from '../../src/types/channel';
import { inbound } from '../store/store-contract';
import { tempDir } from '../helpers/test-app';

const NOW = '2026-03-02T09:00:00.000Z';

/** A slow channel (each send takes a few ms, like a platform call) counting sends per outbox row. */
function countingChannel(sends: Map<number, number>): Pick<ChannelAdapter, 'send'> {
  return {
    send: async (_ref, _message, deliveryId) => {
      await new Promise((r) => setTimeout(r, 5));
      sends.set(deliveryId, (sends.get(deliveryId) ?? 0) + 1);
    },
  };
}

function dispatcherOn(store: SqliteStore, sends: Map<number, number>): Dispatcher {
  return new Dispatcher({
    store, channels: new Map([['webchat', countingChannel(sends)]]), log: createLogger({ level: 'silent' }), metrics: createMetrics(),
    clock: () => new Date(NOW), maxAttempts: 3, baseDelayMs: 10,
  });
}

describe('outbox claims: two dispatchers on one database never send the same row', () => {
  test('60 rows drained by two dispatchers on two connections at once: each row sent exactly once', async () => {
    // Arrange: 30 conversations with two replies each, written through one connection.
    const tmp = tempDir();
    const file = path.join(tmp.dir, 'claims.db');
    const first = new SqliteStore(file);
    const second = new SqliteStore(file);
    for (let c = 0; c < 30; c++) {
      const accepted = await first.acceptInbound(inbound(`m${c}`, 'broken', `c${c}`, `u${c}`), NOW);
      await first.commitTurn({
        conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en',
        state: {}, tickets: [], events: [], outbound: [{ kind: 'text', text: 'one' }, { kind: 'text', text: 'two' }], now: NOW,
      });
    }
    const sends = new Map<number, number>();

    // Act: both drain concurrently, as two server processes would.
    await Promise.all([dispatcherOn(first, sends).drainDue(), dispatcherOn(second, sends).drainDue(), dispatcherOn(first, sends).drainDue()]);

    // Assert
    expect(sends.size).toBe(60);
    expect([...sends.values()].filter((n) => n !== 1)).toEqual([]);
    expect(await first.countOutbox('sent')).toBe(60);
    await first.close();
    await second.close();
    tmp.cleanup();
  });

  test('a claimed row is not handed out again until its lease runs out; marking it ends the claim', async () => {
    // Arrange
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'lease.db'));
    const accepted = await store.acceptInbound(inbound('m1'), NOW);
    await store.commitTurn({
      conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', state: {}, tickets: [], events: [],
      outbound: [{ kind: 'text', text: 'hello' }], now: NOW,
    });

    // Act + Assert
    const [row] = await store.claimDueOutbox(NOW, 10, 60_000);
    expect(row.message).toEqual({ kind: 'text', text: 'hello' });
    expect(await store.claimDueOutbox(NOW, 10, 60_000)).toEqual([]);
    expect(await store.nextOutboxDue()).toBe('2026-03-02T09:01:00.000Z');
    expect(await store.claimDueOutbox('2026-03-02T09:01:00.000Z', 10, 60_000)).toHaveLength(1);
    await store.markRetry(row.id, 'timeout', NOW);
    expect(await store.claimDueOutbox(NOW, 10, 60_000)).toHaveLength(1);
    expect(await store.releaseOutboxClaims()).toBe(1);
    await store.close();
    tmp.cleanup();
  });
});
