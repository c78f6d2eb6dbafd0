import { ExclusiveJob } from '../../src/cluster/exclusive-job';
import { majorIncidentJob } from '../../src/incidents/major-incident-job';
import { MajorIncidents } from '../../src/incidents/major-incidents';
import { sqliteCoreStores } from '../../src/store/core-stores';
import type { LeaseStore } from '../../src/store/lease-store';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { PgLeaseStore } from '../../src/store/postgres/pg-lease-store';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import type { Category } from '../../src/types/ticket';
import { draft } from '../store/store-contract';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresServer } from '../helpers/postgres-database';
import { tempDir, waitFor } from '../helpers/test-app';

const TTL_MS = 1500;

/** A lease store whose every call fails once `cut` is set: the holder is gone, nothing is released. */
function cuttable(inner: LeaseStore) {
  const state = { cut: false };
  const guard = <T>(fn: () => Promise<T>) => (state.cut ? Promise.reject(new Error('connection terminated')) : fn());
  const leases: LeaseStore = {
    acquire: (...a) => guard(() => inner.acquire(...a)), renew: (...a) => guard(() => inner.renew(...a)),
    release: (...a) => guard(() => inner.release(...a)), holder: (...a) => guard(() => inner.holder(...a)),
  };
  return { leases, state };
}

/** Person `n` reports the same problem on their own conversation (an incident ticket in `category`). */
async function report(store: Store, n: number, category: Category, summary: string) {
  const now = new Date().toISOString();
  const accepted = await store.acceptInbound({ ref: { channel: 'webchat', conversationId: `c${n}`, userId: `u${n}` }, platformMessageId: `m${n}`, text: summary, user: { name: `User ${n}`, email: `u${n}@example.com` } }, now);
  const result = await store.commitTurn({
    conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en', state: {},
    tickets: [{ kind: 'open', draft: { ...draft(), category, summary, description: summary } }], events: [], outbound: [{ kind: 'text', text: 'Logged as {ticket}.' }], now,
  });
  return result.openedTicket!;
}

describeWithPostgres()('major-incident detection under the cluster lease', () => {
  const pg = usePostgresServer();

  test('reports taken on the instance without the lease make one incident on the holder; the holder cut off, the other detects the next outage', async () => {
    const url = await pg.migratedDatabase();
    const tmp = tempDir();
    const file = `${tmp.dir}/fd.db`;
    const pools: PgDatabase[] = [];
    const instances = ['web-1', 'web-2'].map((name) => {
      const core = sqliteCoreStores(new SqliteStore(file));
      const pool = new PgDatabase(url, { poolSize: 2, onIdleError: () => undefined });
      pools.push(pool);
      const { leases, state } = cuttable(new PgLeaseStore(pool));
      const detector = new MajorIncidents({ store: core.store, incidents: core.incidents, thresholdUsers: 3, windowMs: 30 * 60_000 });
      const job = majorIncidentJob({ detector, incidents: core.incidents, clock: () => new Date(), windowMs: 30 * 60_000, sweepMs: 200 });
      const lease = new ExclusiveJob({ leases, name: 'incidents', holder: name, ttlMs: TTL_MS, clock: () => new Date(), job });
      return { core, lease, state };
    });
    try {
      for (const i of instances) i.lease.start();
      await waitFor(() => instances.filter((i) => i.lease.holds()).length === 1, 5000, 'one holder');
      const holder = instances.find((i) => i.lease.holds())!;
      const other = instances.find((i) => i !== holder)!;

      for (let n = 1; n <= 3; n++) await report(other.core.store, n, 'email', 'Outlook cannot connect to the mail server');
      const first = await waitFor(async () => (await holder.core.incidents.openMajorIncidents('email'))[0], 5000, 'the first major incident');
      expect((await holder.core.incidents.linkedTickets(first.id)).length).toBe(3);

      holder.state.cut = true;
      await waitFor(() => !holder.lease.holds(), 5000, 'the cut-off holder stopping');
      for (let n = 4; n <= 6; n++) await report(other.core.store, n, 'network', 'VPN disconnects every few minutes');
      const second = await waitFor(async () => (await other.core.incidents.openMajorIncidents('network'))[0], 10_000, 'the second major incident');
      expect((await other.core.incidents.linkedTickets(second.id)).length).toBe(3);
      // Exactly one incident per outage, every report linked once.
      await new Promise((r) => setTimeout(r, 1000));
      expect((await other.core.incidents.listMajorIncidents(10)).map((m) => [m.category, m.tickets]).sort()).toEqual([['email', 3], ['network', 3]]);
    } finally {
      for (const i of instances) {
        i.state.cut = false;
        await i.lease.stop();
        await i.core.close();
      }
      for (const pool of pools) await pool.close();
      tmp.cleanup();
    }
  });
});
