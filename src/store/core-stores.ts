import type { AlertGroupStore } from '../alerts/alert-group-store';
import { SqliteAlertGroupStore } from '../alerts/alert-group-store';
import { BroadcastStore } from '../broadcast/broadcast-store';
import { SqliteBroadcasts, type Broadcasts } from '../broadcast/broadcasts';
import { SqliteWebhookStore } from '../webhooks/sqlite-webhook-store';
import type { WebhookStore } from '../webhooks/webhook-store';
import type { AgentStore } from './agent-store';
import type { IncidentStore } from './incident-store';
import { installSecret } from './install-secret';
import type { LeaseStore } from './lease-store';
import type { SlaStore } from './sla-store';
import { SqliteAgentStore } from './sqlite-agent-store';
import { SqliteIncidentStore } from './sqlite-incident-store';
import { SqliteLeaseStore } from './sqlite-lease-store';
import { SqliteSlaStore } from './sqlite-sla-store';
import type { SqliteStore } from './sqlite-store';
import type { Store } from './store';

/** The durable state behind interfaces, on one database: what runs on SQLite or on PostgreSQL alike. */
export type CoreStores = {
  kind: 'sqlite' | 'postgres';
  store: Store;
  sla: SlaStore;
  incidents: IncidentStore;
  agents: AgentStore;
  leases: LeaseStore;
  /** Broadcasts and their deliveries. */
  broadcasts: Broadcasts;
  /** Outgoing webhook subscriptions and deliveries. */
  webhooks: WebhookStore;
  /** Monitoring alert groups. */
  alertGroups: AlertGroupStore;
  /** The per-installation secret keys derive from (made on first use, the same for every instance). */
  installSecret(): Promise<Buffer>;
  /** Close the database (every store above shares it). */
  close(): Promise<void>;
};

/** The core stores on a SqliteStore's file. */
export function sqliteCoreStores(store: SqliteStore): CoreStores & { leases: SqliteLeaseStore } {
  return {
    kind: 'sqlite', store, sla: new SqliteSlaStore(store.db), incidents: new SqliteIncidentStore(store.db),
    agents: new SqliteAgentStore(store.db), leases: new SqliteLeaseStore(store.db),
    broadcasts: new SqliteBroadcasts(new BroadcastStore(store.db)), webhooks: new SqliteWebhookStore(store.db), alertGroups: new SqliteAlertGroupStore(store.db),
    installSecret: async () => installSecret(store.db), close: () => store.close(),
  };
}
