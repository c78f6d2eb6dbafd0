import { agentStoreContract } from './agent-store-contract';
import { apiAndReportContracts } from './api-and-report-contracts';
import { agentThreadContract } from './agent-thread-contract';
import { clusterContract } from './cluster-contract';
import { sqliteHarness } from './harness';
import { incidentStoreContract } from './incident-store-contract';
import { leaseStoreContract } from './lease-store-contract';
import { requestStoreContract } from './request-store-contract';
import { noticesContracts } from './notices-contracts';
import { privacyContract } from './privacy-contract';
import { slaStoreContract } from './sla-store-contract';
import { workspaceContract } from './workspace-contract';

// The suites test/store/postgres-store.test.ts runs against PostgreSQL, here on SQLite files.
const harness = sqliteHarness();
clusterContract('SQLite', harness);
slaStoreContract('SQLite', harness);
incidentStoreContract('SQLite', harness);
agentStoreContract('SQLite', harness);
workspaceContract('SQLite', harness);
leaseStoreContract('SQLite', harness);
requestStoreContract('SQLite', harness);
apiAndReportContracts('SQLite', harness);
noticesContracts('SQLite', harness);
agentThreadContract('SQLite', harness);
privacyContract('SQLite', harness);
