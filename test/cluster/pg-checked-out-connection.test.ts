import { openPostgres } from '../../src/store/postgres/open-postgres';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresServer } from '../helpers/postgres-database';

// Found by cluster-postgres-restart: two of three instances exited (code 1) when PostgreSQL was restarted under load.
describeWithPostgres()('a pooled connection checked out when PostgreSQL goes away', () => {
  const pg = usePostgresServer();

  test('the server ending it between two queries of a transaction fails that transaction, not the process', async () => {
    const db = await openPostgres(await pg.server.createDatabase(), { poolSize: 2 });
    // node-postgres emits 'error' on a checked-out client that has no query running; the pool listens only to idle ones.
    const uncaught: unknown[] = [];
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', (error) => uncaught.push(error));
    try {
      const outcome = db.transaction(async (tx) => {
        await tx.run('SELECT 1');
        // Between two statements (a turn's JavaScript work): the server stops and terminates the connection.
        await pg.server.stop();
        await new Promise((r) => setTimeout(r, 300));
        await tx.run('SELECT 1');
      }).then(() => 'committed', (error: Error) => error.message);
      expect(await outcome).not.toBe('committed');
      expect(uncaught).toEqual([]);
    } finally {
      process.removeAllListeners('uncaughtException');
      listeners.forEach((l) => process.on('uncaughtException', l));
      await pg.server.start();
      await db.close();
    }
  });
});
