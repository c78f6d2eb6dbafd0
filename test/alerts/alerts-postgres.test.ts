import { AlertIntake } from '../../src/alerts/alert-intake';
import { AlertRule } from '../../src/alerts/alert-rules';
import { BroadcastService } from '../../src/broadcast/broadcast-service';
import { MajorIncidents } from '../../src/incidents/major-incidents';
import { createLogger } from '../../src/log';
import type { CoreStores } from '../../src/store/core-stores';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { slaConfigFrom } from '../../src/turn-deps';
import { parseConfig } from '../../src/config';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { inbound } from '../store/store-contract';

const RULE = AlertRule.parse({ name: 'critical-service', match: { severity: 'critical' }, category: 'software', broadcast: { by: 'everyone', channels: ['webchat'] } });
const NOW = new Date('2026-12-07T09:00:00Z');

/** The alert intake of one instance, on its own pool. */
function intakeOn(stores: CoreStores): AlertIntake {
  const log = createLogger({ level: 'silent' });
  const majorIncidents = new MajorIncidents({ store: stores.store, incidents: stores.incidents, sla: slaConfigFrom(parseConfig({ LOG_LEVEL: 'silent' })) });
  const broadcasts = new BroadcastService({ broadcasts: stores.broadcasts, store: stores.store, clock: () => NOW, sleep: async () => {}, mayRun: () => false });
  return new AlertIntake({
    groups: stores.alertGroups, incidents: stores.incidents, store: stores.store, majorIncidents, broadcasts,
    rules: [RULE], resolve: 'auto', holdMs: 0, minNoticeMs: 30 * 60_000, clock: () => NOW, log,
  });
}

const batch = (status: 'firing' | 'resolved') => ({
  source: 'alertmanager', groupKey: '{}:{alertname="PayrollDown"}',
  alerts: [{ fingerprint: 'f1', status, labels: { alertname: 'PayrollDown', service: 'payroll', severity: 'critical' }, annotations: { summary: 'Payroll is down' } }],
});

describeWithPostgres()('monitoring alerts on two instances of one PostgreSQL', () => {
  const postgres = usePostgresDatabase();

  test('one notification delivered to both instances at once opens one incident and one broadcast; the resolution closes it once', async () => {
    const instances = [pgCoreStores(new PgDatabase(postgres.url, { poolSize: 4 })), pgCoreStores(new PgDatabase(postgres.url, { poolSize: 4 }))];
    try {
      for (const n of [1, 2, 3]) await instances[0].store.acceptInbound(inbound(`m${n}`, 'hello', `c${n}`, `u${n}`), NOW.toISOString());
      const [a, b] = instances.map(intakeOn);
      const outcomes = await Promise.all([a.handle(batch('firing')), b.handle(batch('firing')), a.handle(batch('firing'))]);
      expect(outcomes.map((o) => o.action).sort()).toEqual(['opened', 'unchanged', 'unchanged']);
      expect((await instances[1].incidents.listMajorIncidents(10)).map((m) => m.number)).toEqual(['MI-000001']);
      const posted = await instances[1].broadcasts.list();
      expect(posted).toHaveLength(1);
      expect((await instances[1].broadcasts.progress(posted[0].id)).notice.audience).toBe(3);
      const resolved = await Promise.all([b.handle(batch('resolved')), a.handle(batch('resolved'))]);
      expect(resolved.map((o) => o.action).sort()).toEqual(['resolved', 'unchanged']);
      expect((await instances[0].incidents.getMajorIncident('MI-000001'))?.status).toBe('resolved');
      expect(await instances[0].broadcasts.get(posted[0].id)).toMatchObject({ status: 'closed' });
      expect((await instances[0].broadcasts.progress(posted[0].id)).follow_up.audience).toBe(3);
    } finally {
      for (const stores of instances) await stores.close();
    }
  });
});
