import type { ApiStore } from '../api/api-store';
import { SqliteApiStore } from '../api/sqlite-api-store';
import { SqliteTicketQueryStore } from '../api/sqlite-ticket-query-store';
import type { TicketQueryStore } from '../api/ticket-query-store';
import { SqliteKbFeedbackStore, type KbFeedbackStore } from '../kb/kb-feedback-store';
import { SqliteKpiStore, type KpiStore } from '../kpi/kpi-store';
import type { AlertGroupStore } from '../alerts/alert-group-store';
import { SqliteAlertGroupStore } from '../alerts/alert-group-store';
import { BroadcastStore } from '../broadcast/broadcast-store';
import { SqliteBroadcasts, type Broadcasts } from '../broadcast/broadcasts';
import { SqliteWebhookStore } from '../webhooks/sqlite-webhook-store';
import type { WebhookStore } from '../webhooks/webhook-store';
import type { AgentStore } from './agent-store';
import type { AgentThreadStore } from './agent-thread-store';
import { erasePersonalData, findUsers } from './personal-data';
import { exportPersonalData } from './personal-data-export';
import type { PersonalDataStore } from './personal-data-store';
import { applyRetention, type RetentionStore } from './retention';
import { SqliteAgentThreadStore } from './sqlite-agent-thread-store';
import { SqliteWecomCardStore } from './sqlite-wecom-card-store';
import type { WecomCardStore } from './wecom-card-store';
import { SqliteTeamsServiceUrlStore, type TeamsServiceUrlStore } from './teams-service-url-store';
import type { IncidentStore } from './incident-store';
import { installSecret } from './install-secret';
import type { LeaseStore } from './lease-store';
import type { RequestStore } from '../requests/request-store';
import { SqliteRequestStore } from '../requests/sqlite-request-store';
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
  /** Self-service requests, approvals, one-time codes and password pages, the directory audit. */
  requests: RequestStore;
  /** REST API tokens, Idempotency-Keys and call log. */
  api: ApiStore;
  /** The REST API's ticket and requester reads. */
  ticketQueries: TicketQueryStore;
  /** KPI report, dashboard and ticket export rows. */
  kpi: KpiStore;
  /** KB ratings and unanswered searches (kb report, dashboard). */
  kbFeedback: KbFeedbackStore;
  /** Broadcasts and their deliveries. */
  broadcasts: Broadcasts;
  /** Outgoing webhook subscriptions and deliveries. */
  webhooks: WebhookStore;
  /** Monitoring alert groups. */
  alertGroups: AlertGroupStore;
  /** Tier-2 escalation threads and agent links of Slack, Feishu and WeCom. */
  agentThreads: AgentThreadStore;
  /** WeCom template cards (clicks find their card on any instance). */
  wecomCards: WecomCardStore;
  /** The Bot Connector address Teams last sent per tenant, team and channel (proactive posts after a restart). */
  teamsServiceUrls: TeamsServiceUrlStore;
  /** The retention pass (the leased 'retention' job). */
  retention: RetentionStore;
  /** Subject access and erasure (`frontdesk users export|erase`). */
  personalData: PersonalDataStore;
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
    requests: new SqliteRequestStore(store.db),
    api: new SqliteApiStore(store.db), ticketQueries: new SqliteTicketQueryStore(store.db), kpi: new SqliteKpiStore(store.db), kbFeedback: new SqliteKbFeedbackStore(store.db),
    broadcasts: new SqliteBroadcasts(new BroadcastStore(store.db)), webhooks: new SqliteWebhookStore(store.db), alertGroups: new SqliteAlertGroupStore(store.db),
    agentThreads: new SqliteAgentThreadStore(store), wecomCards: new SqliteWecomCardStore(store.db), teamsServiceUrls: new SqliteTeamsServiceUrlStore(store.db),
    retention: { apply: async (policy, now) => applyRetention(store.db, policy, now) },
    personalData: {
      findUsers: async (selector) => findUsers(store.db, selector),
      exportData: (selector) => exportPersonalData(async (sql, params) => store.db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as Record<string, unknown>[], selector),
      erase: async (selector, now, actor) => erasePersonalData(store.db, selector, now, actor),
    },
    installSecret: async () => installSecret(store.db), close: () => store.close(),
  };
}
