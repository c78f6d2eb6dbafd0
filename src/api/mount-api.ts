import type { Config } from '../config';
import { parseBucket } from '../http/rate-limit';
import type { HttpRouter } from '../http/router';
import type { KnowledgeBase } from '../kb/knowledge-base';
import type { KpiStore } from '../kpi/kpi-store';
import type { Logger } from '../log';
import type { AgentStore } from '../store/agent-store';
import type { IncidentStore } from '../store/incident-store';
import type { Store, TurnResult } from '../store/store';
import type { SlaConfig } from '../tickets/sla';
import type { Category } from '../types/ticket';
import { apiRoutes, type BroadcastReads } from './api-routes';
import { mountApi } from './api-server';
import type { ApiStore } from './api-store';
import type { TicketQueryStore } from './ticket-query-store';

/** What /api/v1 is built from: the app's stores (SQLite or PostgreSQL alike), services and settings. */
export type ApiMountDeps = {
  store: Store;
  api: ApiStore;
  ticketQueries: TicketQueryStore;
  kpi: KpiStore;
  agentStore: AgentStore;
  kb: KnowledgeBase;
  sla: SlaConfig;
  routing: Partial<Record<Category, string>>;
  incidents: IncidentStore;
  broadcasts: BroadcastReads;
  config: Pick<Config, 'API_RATE_LIMIT_PER_TOKEN' | 'PUBLIC_URL'>;
  log: Logger;
  clock: () => Date;
  committed: (result: TurnResult) => void;
};

/** Mount the REST API (/api/v1 and its OpenAPI document) on the main router. */
export function mountApiV1(router: HttpRouter, deps: ApiMountDeps) {
  const routes = apiRoutes({
    store: deps.store, queries: deps.ticketQueries, kpi: deps.kpi, agentStore: deps.agentStore, sla: deps.sla, routing: deps.routing,
    kb: () => deps.kb, incidents: deps.incidents, broadcasts: deps.broadcasts, committed: deps.committed,
  });
  return mountApi(router, routes, {
    api: deps.api, log: deps.log.child({ module: 'api' }), clock: deps.clock,
    rate: parseBucket(deps.config.API_RATE_LIMIT_PER_TOKEN), publicUrl: deps.config.PUBLIC_URL,
  });
}
