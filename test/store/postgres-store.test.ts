import { openPostgres } from '../../src/store/postgres/open-postgres';
import { PgStore } from '../../src/store/postgres/pg-store';
import { describeWithPostgres, startPostgres, truncateAll, type PostgresServer } from '../helpers/postgres';
import { agentStoreContract } from './agent-store-contract';
import { apiAndReportContracts } from './api-and-report-contracts';
import { agentThreadContract } from './agent-thread-contract';
import { clusterContract } from './cluster-contract';
import { pgHarness } from './harness';
import { incidentStoreContract } from './incident-store-contract';
import { leaseStoreContract } from './lease-store-contract';
import { requestStoreContract } from './request-store-contract';
import { noticesContracts } from './notices-contracts';
import { privacyContract } from './privacy-contract';
import { slaStoreContract } from './sla-store-contract';
import { workspaceContract } from './workspace-contract';
import { storeContract } from './store-contract';

describeWithPostgres()('PostgreSQL 15 (a real server started for this file)', () => {
  let server: PostgresServer;
  let url = '';
  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase();
  });
  afterAll(async () => server?.dispose());

  storeContract(
    'PostgreSQL',
    async () => {
      const db = await openPostgres(url, { poolSize: 4 });
      await truncateAll(db);
      return new PgStore(db);
    },
    async (store) => store.close(),
  );
  const harness = pgHarness(() => url);
  clusterContract('PostgreSQL', harness);
  slaStoreContract('PostgreSQL', harness);
  incidentStoreContract('PostgreSQL', harness);
  agentStoreContract('PostgreSQL', harness);
  workspaceContract('PostgreSQL', harness);
  leaseStoreContract('PostgreSQL', harness);
  requestStoreContract('PostgreSQL', harness);
  apiAndReportContracts('PostgreSQL', harness);
  noticesContracts('PostgreSQL', harness);
  agentThreadContract('PostgreSQL', harness);
  privacyContract('PostgreSQL', harness);
});
