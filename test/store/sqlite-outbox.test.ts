import path from 'node:path';
import { SqliteStore } from '../../src/store/sqlite-store';
import { tempDir } from '../helpers/test-app';
import { NOW, openTicketOn } from './contract-helpers';

describe('SQLite outbox: the sends of one dispatcher batch are recorded in one commit', () => {
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

  /** Pages written to the write-ahead log since the last call: each commit appends the pages it changed. */
  const walFrames = () => {
    const [{ log }] = store.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    return log;
  };

  test('ten sends marked in the same tick: each resolves once its row is sent, and they cost the log about what one costs', async () => {
    for (let n = 1; n <= 11; n++) await openTicketOn(store, n);
    const rows = await store.claimDueOutbox(NOW, 20, 60_000);
    expect(rows).toHaveLength(11);
    walFrames();

    await store.markSent(rows[0].id, NOW);
    const one = walFrames();
    await Promise.all(rows.slice(1).map((row) => store.markSent(row.id, NOW)));
    const ten = walFrames();

    expect(await store.countOutbox('sent')).toBe(11);
    expect(await store.countOutbox('pending')).toBe(0);
    // One commit per send wrote ten times the pages of one send.
    expect(ten).toBeLessThan(2 * one);
  });

  test('a send still being recorded when the store closes is committed, not lost', async () => {
    await openTicketOn(store, 1);
    const [row] = await store.claimDueOutbox(NOW, 5, 60_000);
    const marked = store.markSent(row.id, NOW);
    await store.close();
    await expect(marked).resolves.toBeUndefined();
    store = new SqliteStore(path.join(tmp.dir, 'store.db'));
    expect(await store.countOutbox('sent')).toBe(1);
  });
});
