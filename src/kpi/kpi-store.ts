import type Database from 'better-sqlite3';
import type { KpiData, Period } from './kpi-data';
import { loadKpiData } from './load-kpi-data';
import { exportTickets, type ExportedTicket } from './ticket-export';

/** The rows behind the KPI report, the dashboard and `tickets export`, on SQLite or PostgreSQL (read only). */
export interface KpiStore {
  /** Tickets created before `until` with their events, broadcast deliveries to people, and major incidents. */
  loadKpiData(until: string): Promise<KpiData>;
  /** Tickets created in the period, oldest first, with channel and requester. */
  exportTickets(period: Period): Promise<ExportedTicket[]>;
}

/** The KPI rows of a SQLite database (a read-only handle is enough). */
export class SqliteKpiStore implements KpiStore {
  constructor(private readonly db: Database.Database) {}

  async loadKpiData(until: string): Promise<KpiData> {
    return loadKpiData(this.db, until);
  }

  async exportTickets(period: Period): Promise<ExportedTicket[]> {
    return exportTickets(this.db, period);
  }
}
