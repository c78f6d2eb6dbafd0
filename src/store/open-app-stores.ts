import type { Config } from '../config';
import { PgReachability, sqliteReachability, type DatabaseReachability } from '../cluster/database-reachability';
import { PgLiveBus } from '../cluster/pg-live-bus';
import type { LiveBus } from '../cluster/live-bus';
import type { Logger } from '../log';
import { sqliteCoreStores, type CoreStores } from './core-stores';
import { acquireDatabaseLock } from './database-lock';
import { openPostgres } from './postgres/open-postgres';
import { pgCoreStores } from './postgres/pg-core-stores';
import { SqliteStore } from './sqlite-store';

/** How often an instance on PostgreSQL looks for messages it may claim (a dead instance's, or queued elsewhere). */
export const CLAIM_WATCH_MS = 1000;
/** How long a message claimed for a turn is this instance's on PostgreSQL (a round of claims takes a second or two). */
export const TURN_LEASE_MS = 10_000;

/**
 * The stores of one running service and what depends on the database kind: reachability for /healthz, the
 * live bus that carries web chat and console events to the other instances (PostgreSQL only), and what a
 * killed predecessor left (a SQLite file has one process at a time, so its leases are free at once).
 */
export type AppStores = {
  stores: CoreStores;
  database: DatabaseReachability;
  live: LiveBus | null;
  /** The SQLite store itself (tools, benches and tests that read the file), null on PostgreSQL. */
  sqlite: SqliteStore | null;
  /** Free what a killed predecessor left: leases of background jobs (SQLite only, where this process is the sole user). */
  releaseLeftovers(): Promise<void>;
  close(): Promise<void>;
};

type StoreConfig = Pick<Config, 'DATABASE_URL' | 'DATABASE_PATH' | 'DATABASE_POOL_SIZE' | 'DATABASE_STATEMENT_TIMEOUT_SECONDS' | 'RETENTION_SENT_PAYLOAD_DAYS'>;

/** Open the configured database: PostgreSQL when DATABASE_URL is set (schema checked and migrated), else the SQLite file. */
export async function openAppStores(config: StoreConfig, instance: string, log: Logger): Promise<AppStores> {
  return config.DATABASE_URL ? openOnPostgres(config.DATABASE_URL, config, instance, log) : openOnSqlite(config, log);
}

async function openOnPostgres(url: string, config: StoreConfig, instance: string, log: Logger): Promise<AppStores> {
  const db = await openPostgres(url, {
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_SECONDS === undefined ? undefined : config.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000,
    applicationName: `frontdesk ${instance}`.slice(0, 63),
    onIdleError: (error) => log.warn({ reason: error.message }, 'PostgreSQL connection dropped; the next query reconnects'),
  });
  const stores = pgCoreStores(db);
  const database = new PgReachability(() => db.run('SELECT 1'), 2000, log.child({ module: 'database' }));
  database.start();
  let live: PgLiveBus;
  try {
    live = await PgLiveBus.open(url, db, instance, log.child({ module: 'live' }));
  } catch (error) {
    database.stop();
    await stores.close();
    throw error;
  }
  return {
    stores, database, live, sqlite: null, releaseLeftovers: async () => undefined,
    close: async () => {
      database.stop();
      await live.close();
      await stores.close();
    },
  };
}

async function openOnSqlite(config: StoreConfig, log: Logger): Promise<AppStores> {
  // One server per database file (refused with one line otherwise), before the store touches the file.
  const lock = acquireDatabaseLock(config.DATABASE_PATH);
  let store: SqliteStore;
  try {
    store = new SqliteStore(config.DATABASE_PATH);
  } catch (error) {
    lock?.release();
    throw error;
  }
  store.health.setLogger(log.child({ module: 'store' }));
  store.clearPayloadOnSend = config.RETENTION_SENT_PAYLOAD_DAYS === 0;
  // Holding the lock, no other dispatcher is alive: claims left by a killed server are free at once.
  await store.releaseOutboxClaims();
  const stores = sqliteCoreStores(store);
  return {
    stores, database: sqliteReachability(store.health), live: null, sqlite: store,
    releaseLeftovers: async () => void (await stores.leases.releaseAll()),
    close: async () => {
      await stores.close();
      lock?.release();
    },
  };
}
