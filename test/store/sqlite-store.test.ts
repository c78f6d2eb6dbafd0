import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite-store';
import { tempDir } from '../helpers/test-app';
import { draft, inbound, storeContract } from './store-contract';

const dirs = new Map<SqliteStore, () => void>();

storeContract(
  'SQLite',
  async () => {
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'store.db'));
    dirs.set(store, tmp.cleanup);
    return store;
  },
  async (store) => {
    await store.close();
    dirs.get(store as SqliteStore)?.();
  },
);

describe('SQLite specifics', () => {
  test('the database is a WAL file with every migration applied', async () => {
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'nested', 'store.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    await store.close();
    tmp.cleanup();
  });

  test('a burst is stored together, yet a message that fails is refused alone and a repeat inside the burst is a duplicate', async () => {
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'store.db'));
    const now = '2026-03-02T09:00:00.000Z';
    // Handed over in one tick: one group commit. The null text breaks the NOT NULL column of that row only.
    const broken = { ...inbound('m2'), text: null as unknown as string };
    const results = await Promise.allSettled([
      store.acceptInbound(inbound('m1'), now), store.acceptInbound(broken, now), store.acceptInbound(inbound('m3'), now), store.acceptInbound(inbound('m1'), now),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.status : 'rejected'))).toEqual(['accepted', 'rejected', 'accepted', 'duplicate']);
    expect((await store.pendingInbound(10)).map((p) => p.message.platformMessageId)).toEqual(['m1', 'm3']);
    await store.close();
    tmp.cleanup();
  });

  test('a message failing last in a burst: the others are stored once each, with their conversations', async () => {
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'store.db'));
    const now = '2026-03-02T09:00:00.000Z';
    const broken = { ...inbound('m9'), text: null as unknown as string };
    const results = await Promise.allSettled([store.acceptInbound(inbound('m1'), now), store.acceptInbound(inbound('m2'), now), store.acceptInbound(broken, now)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const [first, second] = results.map((r) => (r.status === 'fulfilled' ? r.value : null));
    expect(first?.status).toBe('accepted');
    expect(second?.status).toBe('accepted');
    // What the callers were told is what is stored: the ids resolved are the rows kept, nothing written twice.
    const pending = await store.pendingInbound(10);
    expect(pending.map((p) => [p.messageId, p.message.platformMessageId])).toEqual([[first?.messageId, 'm1'], [second?.messageId, 'm2']]);
    expect(store.db.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 1 });
    await store.close();
    tmp.cleanup();
  });

  test('a message handed over just before close is stored, not dropped', async () => {
    const tmp = tempDir();
    const file = path.join(tmp.dir, 'store.db');
    const store = new SqliteStore(file);
    const pending = store.acceptInbound(inbound('m1'), '2026-03-02T09:00:00.000Z');
    await store.close();
    expect((await pending).status).toBe('accepted');
    const reopened = new SqliteStore(file);
    expect(await reopened.pendingInbound(10)).toHaveLength(1);
    await reopened.close();
    tmp.cleanup();
  });

  test('ticket events refuse UPDATE and DELETE', async () => {
    const tmp = tempDir();
    const store = new SqliteStore(path.join(tmp.dir, 'store.db'));
    const now = '2026-03-02T09:00:00.000Z';
    const accepted = await store.acceptInbound(inbound('m1'), now);
    await store.commitTurn({
      conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', state: {},
      tickets: [{ kind: 'open', draft: draft() }], events: [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: {} }], outbound: [], now,
    });
    expect(() => store.db.prepare("UPDATE ticket_events SET kind = 'forged'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM ticket_events').run()).toThrow(/append-only/);
    await store.close();
    tmp.cleanup();
  });
});

describe('SQLite schema version', () => {
  test('a file from a newer Frontdesk (schema version past the last migration) is refused with one line, untouched', async () => {
    const tmp = tempDir();
    const file = path.join(tmp.dir, 'store.db');
    const store = new SqliteStore(file);
    const newer = Number(store.db.pragma('user_version', { simple: true })) + 1;
    store.db.pragma(`user_version = ${newer}`);
    await store.close();
    expect(() => new SqliteStore(file)).toThrow(new RegExp(`^the database file is at schema version ${newer}, newer than this Frontdesk knows \\(${newer - 1}\\)`));
    tmp.cleanup();
  });
});
