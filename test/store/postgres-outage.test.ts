import { isStorageFailure, StorageUnavailableError } from '../../src/store/storage-health';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresServer } from '../helpers/postgres-database';
import { inbound } from './store-contract';

const NOW = '2026-03-02T09:00:00.000Z';

describeWithPostgres()('PostgreSQL going away and coming back', () => {
  const pg = usePostgresServer();

  test('while the server is down, reads and writes fail as "storage unavailable" (503, retried by the engine); after the restart the same pool works and nothing stored is lost', async () => {
    const stores = pgCoreStores(await openPostgres(await pg.server.createDatabase(), { poolSize: 2 }));
    try {
      const before = await stores.store.acceptInbound(inbound('m1'), NOW);
      await pg.server.stop();

      const write = stores.store.acceptInbound(inbound('m2'), NOW);
      await expect(write).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(write).rejects.toMatchObject({ status: 503 });
      expect(isStorageFailure(await stores.store.pendingInbound(10).catch((error: unknown) => error))).toBe(true);
      await expect(stores.leases.acquire('sla', 'a', NOW, 10_000)).rejects.toBeInstanceOf(StorageUnavailableError);

      await pg.server.start();
      expect((await stores.store.acceptInbound(inbound('m2'), NOW)).status).toBe('accepted');
      expect((await stores.store.pendingInbound(10)).map((p) => p.messageId)).toEqual([before.messageId, expect.any(Number)]);
    } finally {
      await stores.close();
    }
  });

  test('bad SQL or a broken constraint is not mistaken for an outage', async () => {
    const stores = pgCoreStores(await openPostgres(await pg.server.createDatabase(), { poolSize: 2 }));
    try {
      const accepted = await stores.store.acceptInbound(inbound('m1'), NOW);
      const broken = await stores.store.commitTurn({
        conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', state: {}, tickets: [],
        events: [{ ticketId: 424242, actor: 'bot', kind: 'x', data: {} }], outbound: [], now: NOW,
      }).catch((error: unknown) => error);
      expect(broken).toMatchObject({ code: '23503' });
      expect(isStorageFailure(broken)).toBe(false);
    } finally {
      await stores.close();
    }
  });
});
