import path from 'node:path';
import { sqliteCoreStores, type CoreStores } from '../../src/store/core-stores';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { TurnResult } from '../../src/store/store';
import { tempDir } from '../helpers/test-app';
import { NOW, openTicketOn } from '../store/contract-helpers';

/** An audit event on the ticket, committed by a turn as the engine commits it. */
async function audit(stores: CoreStores, opened: TurnResult, kind: string): Promise<void> {
  const c = (await stores.store.getConversation(opened.conversation.id))!;
  await stores.store.commitTurn({
    conversationId: c.id, expectedVersion: c.version, mode: c.mode, lang: c.lang, state: c.state, tickets: [],
    events: [{ ticketId: opened.openedTicket!.id, actor: 'agent:root', kind, data: {} }], outbound: [], now: NOW,
  });
}

const hook = { url: 'https://hooks.example.org/in', events: ['ticket.created' as const, 'ticket.commented' as const], scopes: ['tickets:read' as const], secret: 'whsec_0123456789abcdef' };

describe('the webhook pump on SQLite writes nothing while nobody listens (it runs after every turn)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let sqlite: SqliteStore;
  let stores: CoreStores;
  const changes = () => Number((sqlite.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n);

  beforeEach(() => {
    tmp = tempDir();
    sqlite = new SqliteStore(path.join(tmp.dir, 'store.db'));
    stores = sqliteCoreStores(sqlite);
  });
  afterEach(async () => {
    await stores.close();
    tmp.cleanup();
  });

  test('no subscription: pumping after a turn with audit events changes no row', async () => {
    const opened = await openTicketOn(stores.store, 1);
    await audit(stores, opened, 'opened');
    expect(await stores.webhooks.pump(NOW)).toEqual({ read: 0, listening: false });
    const before = changes();
    await audit(stores, opened, 'agent_reply');
    const afterTurn = changes();
    expect(await stores.webhooks.pump(NOW)).toEqual({ read: 0, listening: false });
    expect(afterTurn).toBeGreaterThan(before); // the turn's own writes are counted
    expect(changes()).toBe(afterTurn);
  });

  test('a subscription added later gets the events after it, and reads none from before it', async () => {
    const opened = await openTicketOn(stores.store, 1);
    await audit(stores, opened, 'opened');
    await audit(stores, opened, 'agent_reply');
    await stores.webhooks.pump(NOW);
    const sub = await stores.webhooks.addSubscription(hook, NOW);
    expect(await stores.webhooks.pump(NOW)).toEqual({ read: 0, listening: true });
    await audit(stores, opened, 'agent_reply');
    expect(await stores.webhooks.pump(NOW)).toEqual({ read: 1, listening: true });
    expect((await stores.webhooks.pendingOf(sub.id, 10)).map((d) => JSON.parse(d.body).type)).toEqual(['ticket.commented']);
  });

  test('events while the only subscription was disabled are not queued once it is enabled again', async () => {
    const opened = await openTicketOn(stores.store, 1);
    const sub = await stores.webhooks.addSubscription(hook, NOW);
    await stores.webhooks.disable(sub.id, 'the receiver answered 410 Gone', NOW);
    await audit(stores, opened, 'agent_reply');
    expect(await stores.webhooks.pump(NOW)).toEqual({ read: 0, listening: false });
    await stores.webhooks.enable(sub.id, NOW);
    expect(await stores.webhooks.pump(NOW)).toEqual({ read: 0, listening: true });
    await audit(stores, opened, 'opened');
    expect(await stores.webhooks.pump(NOW)).toEqual({ read: 1, listening: true });
    expect((await stores.webhooks.pendingOf(sub.id, 10)).map((d) => JSON.parse(d.body).type)).toEqual(['ticket.created']);
  });
});
