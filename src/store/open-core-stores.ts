import type { Config } from '../config';
import { ConfigError } from '../errors';
import { sqliteCoreStores, type CoreStores } from './core-stores';
import { openPostgres, postgresTarget } from './postgres/open-postgres';
import { pgCoreStores } from './postgres/pg-core-stores';
import { SqliteStore } from './sqlite-store';

/**
 * What `frontdesk start` still runs on the SQLite `Database` directly (not through a store interface), so it
 * cannot run on PostgreSQL yet. Mixing would be worse than refusing: their rows reference conversations and
 * tickets that would then live in the other database. Each entry goes when its store moves (#22).
 */
export const SQLITE_ONLY_FEATURES: readonly string[] = [
  'broadcasts', 'outgoing webhooks', 'the REST API (tokens, idempotency)', 'self-service requests and approvals', 'monitoring alerts',
  'KB feedback and gaps reports',
];

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

/**
 * `start` with DATABASE_URL: check the database as a real start would (so a wrong URL or a newer schema is
 * reported as such), then refuse, naming what still needs SQLite.
 */
export async function refuseStartOnPostgres(config: Parameters<typeof openCoreStores>[0]): Promise<never> {
  const stores = await openCoreStores(config);
  await stores.close();
  throw new ConfigError(`DATABASE_URL: PostgreSQL at ${postgresTarget(config.DATABASE_URL ?? '')} is reachable and its schema is current, `
    + `but start still keeps these in SQLite only: ${SQLITE_ONLY_FEATURES.join(', ')}. Unset DATABASE_URL to run on DATABASE_PATH (several instances: issue #22)`);
}
