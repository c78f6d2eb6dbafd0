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
