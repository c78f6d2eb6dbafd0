import { ExclusiveJob } from '../../src/cluster/exclusive-job';
import { PgReachability } from '../../src/cluster/database-reachability';
import { healthReport } from '../../src/cluster/health-report';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresServer } from '../helpers/postgres-database';
import { startTestApp, waitFor } from '../helpers/test-app';
import { inbound } from '../store/store-contract';

const TTL_MS = 1500;

/** One "instance": its own pool, the reachability probe and a leased job, as an app wires them. */
function instance(url: string, name: string) {
  const db = new PgDatabase(url, { poolSize: 2, onIdleError: () => undefined });
  const stores = pgCoreStores(db);
  const runs: string[] = [];
  const job = new ExclusiveJob({
    leases: stores.leases, name: 'sla', holder: name, ttlMs: TTL_MS, clock: () => new Date(),
    job: { start: () => void runs.push('start'), stop: async () => void runs.push('stop') },
  });
  const database = new PgReachability(() => db.run('SELECT 1'), 200);
  const health = () => healthReport({
    instance: name, database, channels: [], leases: job.holds() ? [job.name] : [], streams: { degraded: false }, queue: { turns: 0, seconds: 0 }, maxQueueWaitSeconds: 60,
  });
  return { stores, job, database, health, runs, async stop() {
    database.stop();
    await job.stop();
    await stores.close();
  } };
}

describeWithPostgres()('PostgreSQL stopped and restarted under two instances', () => {
  const pg = usePostgresServer();

  test('/healthz says degraded with the database unreachable, leases are given up; after the restart both reconnect, one holds the lease, nothing stored is lost', async () => {
    const url = await pg.migratedDatabase();
    const a = instance(url, 'web-1');
    const b = instance(url, 'web-2');
    try {
      for (const i of [a, b]) {
        i.database.start();
        i.job.start();
      }
      await waitFor(() => a.job.holds() !== b.job.holds(), 5000, 'one lease holder');
      const holder = a.job.holds() ? a : b;
      expect(holder.health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', leases: ['sla'], database: { kind: 'postgres', reachable: true } }) });
      const stored = await a.stores.store.acceptInbound(inbound('before-outage'), new Date().toISOString());

      await pg.server.stop();
      for (const i of [a, b]) await waitFor(() => !i.database.reachable(), 5000, 'the outage noticed');
      // The holder cannot renew: it stops the job before its lease could pass to anyone.
      await waitFor(() => !a.job.holds() && !b.job.holds(), 5000, 'the lease given up');
      for (const i of [a, b]) {
        const report = i.health();
        expect(report.status).toBe(200);
        expect(report.body).toMatchObject({ status: 'degraded', leases: [], database: { kind: 'postgres', reachable: false, since: expect.any(String), error: expect.stringMatching(/ECONNREFUSED|terminat|connect/i) } });
      }
      expect(holder.runs).toEqual(['start', 'stop']);

      await pg.server.start();
      for (const i of [a, b]) await waitFor(() => i.database.reachable(), 10_000, 'reconnected');
      await waitFor(() => a.job.holds() !== b.job.holds(), 10_000, 'one lease holder again');
      expect([a, b].map((i) => i.health().body.status)).toEqual(['ok', 'ok']);
      const after = await b.stores.store.acceptInbound(inbound('after-outage'), new Date().toISOString());
      expect((await a.stores.store.pendingInbound(10)).map((p) => p.messageId)).toEqual([stored.messageId, after.messageId]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe('/healthz and /metrics name the instance', () => {
  test('INSTANCE_NAME is in /healthz with the database and the leases held, and labels every metric', async () => {
    const t = await startTestApp({ INSTANCE_NAME: 'web-7' });
    try {
      const health = await waitFor(async () => {
        const body = (await (await fetch(`${t.url}/healthz`)).json()) as { leases: string[] };
        return body.leases.length > 0 ? body : null;
      }, 5000, 'the leases');
      expect(health).toMatchObject({ status: 'ok', instance: 'web-7', database: { kind: 'sqlite', reachable: true, writable: true } });
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      const series = metrics.split('\n').filter((line) => line.startsWith('frontdesk_http_requests_total{'));
      expect(series.length).toBeGreaterThan(0);
      for (const line of series) expect(line).toContain('frontdesk_instance="web-7"');
      expect(metrics).toMatch(/^process_cpu_user_seconds_total\{frontdesk_instance="web-7"\} /m);
    } finally {
      await t.stop();
    }
  });
});
