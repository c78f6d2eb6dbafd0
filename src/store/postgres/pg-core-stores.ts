import type { CoreStores } from '../core-stores';
import { pgInstallSecret } from '../install-secret';
import { PgAgentStore } from './pg-agent-store';
import { PgApiStore } from './pg-api-store';
import { PgKbFeedbackStore } from './pg-kb-feedback-store';
import { PgKpiStore } from './pg-kpi-store';
import { PgTicketQueryStore } from './pg-ticket-query-store';
import { PgAlertGroupStore } from './pg-alert-group-store';
import { PgBroadcasts } from './pg-broadcasts';
import { PgAgentThreadStore } from './pg-agent-thread-store';
import { PgPersonalDataStore } from './pg-personal-data';
import { PgRetentionStore } from './pg-retention';
import { PgWecomCardStore } from './pg-wecom-card-store';
import { PgTeamsServiceUrlStore } from './pg-teams-service-url-store';
import type { PgDatabase } from './pg-database';
import { PgIncidentStore } from './pg-incident-store';
import { PgLeaseStore } from './pg-lease-store';
import { PgRequestStore } from './pg-request-store';
import { PgSlaStore } from './pg-sla-store';
import { PgStore } from './pg-store';
import { PgWebhookStore } from './pg-webhook-store';

/** The core stores on one PostgreSQL pool; closing closes the pool. */
export function pgCoreStores(db: PgDatabase): CoreStores & { store: PgStore } {
  return {
    kind: 'postgres', store: new PgStore(db), sla: new PgSlaStore(db), incidents: new PgIncidentStore(db),
    agents: new PgAgentStore(db), leases: new PgLeaseStore(db),
    requests: new PgRequestStore(db),
    api: new PgApiStore(db), ticketQueries: new PgTicketQueryStore(db), kpi: new PgKpiStore(db), kbFeedback: new PgKbFeedbackStore(db),
    broadcasts: new PgBroadcasts(db), webhooks: new PgWebhookStore(db), alertGroups: new PgAlertGroupStore(db),
    agentThreads: new PgAgentThreadStore(db), wecomCards: new PgWecomCardStore(db), teamsServiceUrls: new PgTeamsServiceUrlStore(db), retention: new PgRetentionStore(db), personalData: new PgPersonalDataStore(db),
    installSecret: () => pgInstallSecret(db), close: () => db.close(),
  };
}
