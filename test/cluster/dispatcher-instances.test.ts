import { Dispatcher } from '../../src/engine/dispatcher';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { PgStore } from '../../src/store/postgres/pg-store';
import type { Store } from '../../src/store/store';
import { StorageUnavailableError } from '../../src/store/storage-health';
import type { ConversationRef, OutboundMessage } from '../../src/types/conversation';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { waitFor } from '../helpers/test-app';
import { inbound } from '../store/store-contract';

const CONVERSATIONS = ['c1', 'c2'];
const REPLIES = 3;

/** What reached the platform: one entry per completed send. */
type Delivery = { by: string; conversation: string; text: string };

describeWithPostgres()('two dispatchers on one PostgreSQL database', () => {
  const pg = usePostgresDatabase();
  let pools: PgDatabase[] = [];
  let dispatchers: Dispatcher[] = [];

  afterEach(async () => {
    for (const dispatcher of dispatchers) await dispatcher.stop();
    for (const db of pools) await db.close();
    dispatchers = [];
    pools = [];
  });

  function store(): PgStore {
    const db = new PgDatabase(pg.url, { poolSize: 3 });
    pools.push(db);
    return new PgStore(db);
  }

  /** Three replies queued on each conversation, by one turn each (as the engine commits them). */
  async function queueReplies(into: Store): Promise<void> {
    const now = new Date().toISOString();
    for (const conv of CONVERSATIONS) {
      const accepted = await into.acceptInbound(inbound(`m-${conv}`, 'broken', conv, `u-${conv}`), now);
      const conversation = (await into.getConversation(accepted.conversationId))!;
      await into.commitTurn({
        conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en', state: {},
        tickets: [], events: [], outbound: Array.from({ length: REPLIES }, (_, i) => ({ kind: 'text' as const, text: `${conv}-${i + 1}` })), now,
      });
    }
  }

  function dispatcher(name: string, on: Store, send: (ref: ConversationRef, message: OutboundMessage) => Promise<void>, claimLeaseMs: number): Dispatcher {
    const d = new Dispatcher({
      store: on, channels: new Map([['webchat', { send }]]), log: createLogger({ level: 'silent' }), metrics: createMetrics(),
      clock: () => new Date(), maxAttempts: 5, baseDelayMs: 50, claimLeaseMs, stopTimeoutMs: 500,
    });
    if (name !== 'dead') dispatchers.push(d);
    d.start();
    return d;
  }

  const textOf = (message: OutboundMessage) => (message as { text: string }).text;

  function expectEachOnceInOrder(deliveries: Delivery[]): void {
    const expected = CONVERSATIONS.flatMap((conv) => Array.from({ length: REPLIES }, (_, i) => `${conv}-${i + 1}`));
    expect(deliveries.map((d) => d.text).sort()).toEqual(expected.sort());
    for (const conv of CONVERSATIONS) {
      expect(deliveries.filter((d) => d.conversation === conv).map((d) => d.text)).toEqual(Array.from({ length: REPLIES }, (_, i) => `${conv}-${i + 1}`));
    }
  }

  test("an instance that dies holding claims: the other sends its rows once its lease runs out, each once, in order per conversation", async () => {
    // Arrange: instance a claims the head of each conversation, its sends hang, then it stops answering
    // altogether (every call on its store hangs, as a frozen or cut-off process).
    const deliveries: Delivery[] = [];
    const aStore = store();
    await queueReplies(aStore);
    let dead = false;
    const frozen = new Proxy(aStore, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => (dead ? new Promise(() => {}) : value.apply(target, args));
      },
    });
    const attemptsByA: string[] = [];
    dispatcher('dead', frozen, async (_ref, message) => {
      attemptsByA.push(textOf(message));
      dead = true;
      await new Promise(() => {});
    }, 1000);
    await waitFor(() => attemptsByA.length === CONVERSATIONS.length, 5000, 'a claims and starts both heads');
    // Act: instance b runs beside it.
    dispatcher('b', store(), async (ref, message) => {
      deliveries.push({ by: 'b', conversation: ref.conversationId, text: textOf(message) });
    }, 1000);
    // Assert: b sends everything, a's claimed rows included, each once and in order.
    await waitFor(() => deliveries.length === CONVERSATIONS.length * REPLIES, 15_000, 'b sends every reply');
    expectEachOnceInOrder(deliveries);
    expect(attemptsByA.sort()).toEqual(['c1-1', 'c2-1']);
    // The platform saw the last send before b recorded it as sent: wait for that write, then nothing is left.
    await waitFor(async () => Number((await pools[1].one("SELECT count(*) AS n FROM outbox WHERE status <> 'sent'"))?.n) === 0, 5000, 'b records its last send');
  }, 30_000);

  test('a send that outlives the lease keeps its claim (renewed): the other dispatcher does not send it a second time', async () => {
    // Arrange: a 600 ms lease and a platform that takes 1.5 s for each send of instance a.
    const deliveries: Delivery[] = [];
    const aStore = store();
    await queueReplies(aStore);
    let aOut = 0;
    dispatcher('a', aStore, async (ref, message) => {
      aOut++;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      deliveries.push({ by: 'a', conversation: ref.conversationId, text: textOf(message) });
      aOut--;
    }, 600);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Act
    dispatcher('b', store(), async (ref, message) => {
      deliveries.push({ by: 'b', conversation: ref.conversationId, text: textOf(message) });
    }, 600);
    // Assert
    await waitFor(async () => Number((await pools[1].one("SELECT count(*) AS n FROM outbox WHERE status = 'sent'"))?.n) === CONVERSATIONS.length * REPLIES, 20_000, 'every reply sent');
    await waitFor(() => aOut === 0, 5000, "a's sends settled");
    expectEachOnceInOrder(deliveries);
    expect(deliveries.filter((d) => d.by === 'a').length).toBeGreaterThan(0);
  }, 30_000);

  test('a reply sent while the database went away, for longer than the lease: only its sender records it, nobody sends it again', async () => {
    // Arrange: one reply; both instances lose the database the moment a's platform takes it (a PostgreSQL restart).
    const deliveries: Delivery[] = [];
    const down = { a: false, b: false };
    const aStore = store();
    const now = new Date().toISOString();
    const accepted = await aStore.acceptInbound(inbound('m-c1', 'broken', 'c1', 'u-c1'), now);
    const conversation = (await aStore.getConversation(accepted.conversationId))!;
    await aStore.commitTurn({ conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en', state: {}, tickets: [], events: [], outbound: [{ kind: 'text', text: 'only' }], now });
    dispatcher('a', unreachableWhen(aStore, () => down.a), async (ref, message) => {
      deliveries.push({ by: 'a', conversation: ref.conversationId, text: textOf(message) });
      down.a = down.b = true;
    }, 1500);
    await waitFor(() => deliveries.length === 1, 5000, 'a sends the reply');
    const b = dispatcher('b', unreachableWhen(store(), () => down.b), async (ref, message) => {
      deliveries.push({ by: 'b', conversation: ref.conversationId, text: textOf(message) });
    }, 1500);
    // Act: down for 2.5 s (a's claim lapses meanwhile); b is back first and looks at once, a 0.7 s later.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    down.b = false;
    b.kick();
    await new Promise((resolve) => setTimeout(resolve, 700));
    down.a = false;
    // Assert: a records its send; the platform got the reply once.
    await waitFor(async () => Number((await pools[0].one("SELECT count(*) AS n FROM outbox WHERE status = 'sent'"))?.n) === 1, 15_000, 'a records the send');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(deliveries.map((d) => d.by)).toEqual(['a']);
  }, 30_000);
});

/** The store as seen by an instance while `down()`: every call fails as when PostgreSQL is unreachable. */
function unreachableWhen(store: Store, down: () => boolean): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (down() ? Promise.reject(new StorageUnavailableError(new Error('connect ECONNREFUSED'))) : value.apply(target, args));
    },
  });
}
