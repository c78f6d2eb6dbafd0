import { broadcastJob } from '../../src/broadcast/broadcast-job';
import { BroadcastService } from '../../src/broadcast/broadcast-service';
import { ExclusiveJob } from '../../src/cluster/exclusive-job';
import type { LeaseStore } from '../../src/store/lease-store';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { PgLeaseStore } from '../../src/store/postgres/pg-lease-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import { outboxCounts, seedUsers, sqliteBroadcasts, tempDb } from '../broadcast/helpers';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresServer } from '../helpers/postgres-database';
import { waitFor } from '../helpers/test-app';

const TTL_MS = 1500;

/** A lease store whose every call fails once `cut` is set: the holder is gone, nothing is released. */
function cuttable(inner: LeaseStore) {
  const state = { cut: false };
  const guard = <T>(fn: () => Promise<T>) => (state.cut ? Promise.reject(new Error('connection terminated')) : fn());
  const leases: LeaseStore = {
    acquire: (...a) => guard(() => inner.acquire(...a)),
    renew: (...a) => guard(() => inner.renew(...a)),
    release: (...a) => guard(() => inner.release(...a)),
    holder: (...a) => guard(() => inner.holder(...a)),
  };
  return { leases, state };
}

describeWithPostgres()('broadcasts under the cluster lease', () => {
  const pg = usePostgresServer();

  test('only the lease holder sends; a broadcast posted on the other instance goes out once; the holder cut off without releasing, the other takes over', async () => {
    const url = await pg.migratedDatabase();
    const file = tempDb();
    const seed = new SqliteStore(file.file);
    await seedUsers(seed, [{ id: 'ann', channel: 'slack' }, { id: 'bo', channel: 'teams' }, { id: 'cy', channel: 'email' }]);
    await seed.close();
    const pools: PgDatabase[] = [];
    const instances = ['web-1', 'web-2'].map((name) => {
      const store = new SqliteStore(file.file);
      const pool = new PgDatabase(url, { poolSize: 2, onIdleError: () => undefined });
      pools.push(pool);
      const { leases, state } = cuttable(new PgLeaseStore(pool));
      let lease: ExclusiveJob | null = null;
      const service = new BroadcastService({ broadcasts: sqliteBroadcasts(store), store, clock: () => new Date(), sleep: async () => {}, mayRun: () => lease?.holds() ?? false });
      lease = new ExclusiveJob({ leases, name: 'broadcasts', holder: name, ttlMs: TTL_MS, clock: () => new Date(), job: broadcastJob(service, 200) });
      return { name, store, service, lease, state };
    });
    try {
      for (const i of instances) i.lease.start();
      await waitFor(() => instances.filter((i) => i.lease.holds()).length === 1, 5000, 'one holder');
      const holder = instances.find((i) => i.lease.holds())!;
      const other = instances.find((i) => i !== holder)!;

      // Posted where the lease is not: its kick is ignored there, the holder's sweep sends it.
      const first = await other.service.post({ text: 'Mail is slow this morning', audience: {} }, 'agent:root');
      other.service.kick();
      await waitFor(async () => first.broadcast && (await holder.service.broadcasts.countPending()) === 0, 5000, 'the first broadcast sent');
      expect([...outboxCounts(holder.store, 'Mail is slow this morning').values()]).toEqual([1, 1, 1]);

      // The holder dies without releasing: the lease runs out and the other instance sends what comes next.
      holder.state.cut = true;
      const cutAt = Date.now();
      await waitFor(() => !holder.lease.holds(), 5000, 'the cut-off holder stopping its job');
      await other.service.post({ text: 'VPN maintenance at 22:00', audience: {} }, 'agent:root');
      await waitFor(async () => other.lease.holds() && (await other.service.broadcasts.countPending()) === 0, 10_000, 'the other instance sending');
      console.log(`broadcast lease failover (ttl ${TTL_MS} ms): ${Date.now() - cutAt} ms`);
      expect([...outboxCounts(other.store, 'VPN maintenance at 22:00').values()]).toEqual([1, 1, 1]);
      expect([...outboxCounts(other.store, 'Mail is slow this morning').values()]).toEqual([1, 1, 1]);
    } finally {
      for (const i of instances) {
        i.state.cut = false;
        await i.lease.stop();
        await i.store.close();
      }
      for (const pool of pools) await pool.close();
      file.cleanup();
    }
  });
});
