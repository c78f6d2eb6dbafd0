import path from 'node:path';
import { loadTurnContext } from '../../src/engine/turn-context';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import type { ChannelCapabilities } from '../../src/types/channel';
import { tempDir } from '../helpers/test-app';
import { inbound } from '../store/store-contract';
import { NOW, openTicketOn } from '../store/contract-helpers';

describe('loadTurnContext: what a turn reads before it decides', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: SqliteStore;

  beforeEach(() => {
    tmp = tempDir();
    store = new SqliteStore(path.join(tmp.dir, 'store.db'));
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  /** The store, with the calls of each method counted. */
  function counted(target: Store): { store: Store; calls: Record<string, number> } {
    const calls: Record<string, number> = {};
    const proxy = new Proxy(target, {
      get(t, name, receiver) {
        const value = Reflect.get(t, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls[String(name)] = (calls[String(name)] ?? 0) + 1;
          return value.apply(t, args);
        };
      },
    });
    return { store: proxy, calls };
  }

  test('the conversation\'s ticket comes from the user\'s recent tickets, not from a second read', async () => {
    const opened = await openTicketOn(store, 1);
    await store.acceptInbound(inbound('m1-again', 'still broken', 'c1', 'u1'), NOW);
    const [pending] = await store.pendingInbound(1);
    const { store: watched, calls } = counted(store);

    const ctx = await loadTurnContext({ store: watched, capabilitiesOf: () => ({}) as ChannelCapabilities }, pending);

    expect(ctx.currentTicket).toEqual(opened.openedTicket);
    expect(ctx.recentTickets.map((t) => t.id)).toEqual([opened.openedTicket!.id]);
    expect(calls.getTicket ?? 0).toBe(0);
  });
});
