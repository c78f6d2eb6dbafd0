import { Engine } from '../../src/engine/engine';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { PgStore } from '../../src/store/postgres/pg-store';
import { StorageUnavailableError } from '../../src/store/storage-health';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';

const PLAIN = { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' } as const;

const within = <T>(ms: number, what: string, promise: Promise<T>) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref())]);

// Found by cluster-postgres-restart: a turn whose COMMIT met the restart (committed, but the client saw the connection drop).
describeWithPostgres()('a turn whose COMMIT went through while its connection dropped', () => {
  const pg = usePostgresDatabase();

  test('is not run a second time (one reply, one ticket), and is finished: its waiter answered, nothing left queued', async () => {
    // Arrange: the first turn's transaction commits, then its client reports the connection lost (as at a restart).
    const db = new PgDatabase(pg.url, { poolSize: 2 });
    const store = new PgStore(db);
    const commit = store.commitTurn.bind(store);
    let commits = 0;
    store.commitTurn = async (turn) => {
      const result = await commit(turn);
      if (commits++ === 0) throw new StorageUnavailableError(new Error('Connection terminated unexpectedly'));
      return result;
    };
    const engine = new Engine({
      store, log: createLogger({ level: 'silent' }), metrics: createMetrics(), clock: () => new Date(), turnDeps: fixedTurnDeps(),
      capabilitiesOf: () => PLAIN, turnLeaseMs: 2000,
    });
    const stopWatch = engine.watch(100);
    try {
      // Act
      const received = engine.receive({ ref: { channel: 'terminal', conversationId: 'c', userId: 'u' }, platformMessageId: 'm1', text: 'my laptop will not boot' });
      await within(10_000, 'the turn finished', received);
      await engine.idle();
      // Assert
      const count = async (sql: string) => Number((await db.one(sql))?.n);
      expect(await count('SELECT count(*) AS n FROM outbox')).toBe(1);
      expect(await count('SELECT count(*) AS n FROM tickets')).toBe(1);
      expect(await count("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NULL")).toBe(0);
      expect(engine.admission.queued).toBe(0);
      // Run again once the database answered, and refused there (answered already): no third attempt.
      expect(commits).toBe(1);
    } finally {
      stopWatch();
      // A storage retry still pending must not run on the closed pool (it failed the next test file in the same worker).
      await engine.stop();
      await db.close();
    }
  }, 30_000);
});
