import fs from 'node:fs';
import { loadConfig } from '../config';
import type { KpiStore } from '../kpi/kpi-store';
import { SqliteKpiStore } from '../kpi/kpi-store';
import { openReadOnly } from '../kpi/load-kpi-data';
import { ticketAudit } from '../kpi/ticket-export';
import { openCoreStores } from '../store/open-core-stores';
import { openDatabase } from '../store/open-database';
import type { Ticket, TicketEvent } from '../types/ticket';
import type { CliIo } from './command';

/** What the reporting commands read: KPI rows and one ticket's audit trail. */
export type ReadStores = {
  kpi: KpiStore;
  ticketAudit(number: string): Promise<{ ticket: Ticket; events: TicketEvent[] } | null>;
  close(): Promise<void>;
};

/**
 * The configured database for reading: PostgreSQL with DATABASE_URL, else the SQLite file opened read-only
 * (reports never write). A missing file is an empty desk with `missing: 'empty'`, else an error naming it.
 */
export async function openReadStores(io: Pick<CliIo, 'env' | 'cwd'>, missing: 'empty' | 'refuse'): Promise<ReadStores> {
  const config = loadConfig(io.env, io.cwd);
  if (config.DATABASE_URL) {
    const stores = await openCoreStores(config);
    return {
      kpi: stores.kpi,
      async ticketAudit(number) {
        const ticket = await stores.store.getTicketByNumber(number);
        return ticket ? { ticket, events: await stores.store.ticketEvents(ticket.id) } : null;
      },
      close: () => stores.close(),
    };
  }
  // A fresh install has no database yet: for a report that is an empty desk, not an error (and nothing is created).
  const db = missing === 'empty' && !fs.existsSync(config.DATABASE_PATH) ? openDatabase(':memory:') : openReadOnly(config.DATABASE_PATH);
  return { kpi: new SqliteKpiStore(db), ticketAudit: async (number) => ticketAudit(db, number), close: async () => void db.close() };
}
