import type { Config } from '../config';
import { sqliteCoreStores, type CoreStores } from './core-stores';
import { openPostgres } from './postgres/open-postgres';
import { pgCoreStores } from './postgres/pg-core-stores';
import { SqliteStore } from './sqlite-store';

/**
 * The core stores on PostgreSQL when DATABASE_URL is set (connected, schema checked and brought up to date),
 * else on the SQLite file DATABASE_PATH. A PostgreSQL that cannot be used is one ConfigError line.
 */
export async function openCoreStores(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_PATH'> & Partial<Pick<Config, 'DATABASE_POOL_SIZE' | 'DATABASE_STATEMENT_TIMEOUT_SECONDS'>>): Promise<CoreStores> {
  if (!config.DATABASE_URL) return sqliteCoreStores(new SqliteStore(config.DATABASE_PATH));
  return pgCoreStores(await openPostgres(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_SECONDS === undefined ? undefined : config.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000,
  }));
}

