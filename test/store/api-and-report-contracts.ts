import { apiStoreContract } from './api-store-contract';
import type { StoreHarness } from './harness';
import { reportStoreContract } from './report-store-contract';
import { ticketQueryContract } from './ticket-query-contract';

/** The REST API's and the reports' store suites (ApiStore, TicketQueryStore, KpiStore, KbFeedbackStore) on one database kind. */
export function apiAndReportContracts(name: string, harness: StoreHarness): void {
  apiStoreContract(name, harness);
  ticketQueryContract(name, harness);
  reportStoreContract(name, harness);
}
