import { ConfigError } from '../../errors';
import { StorageUnavailableError } from '../storage-health';
import { PgDatabase, type PgPoolOptions } from './pg-database';
import { migratePostgres } from './pg-migrate';

/** host:port of a postgres:// URL, for messages (never the user or password). */
export function postgresTarget(url: string): string {
  try {
    const parsed = new URL(url);
    // A Unix socket folder may come as ?host=/run/postgresql instead of the host part.
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${host}:${parsed.port || parsed.searchParams.get('port') || 5432}`;
  } catch {
    return 'an unparsable address';
  }
}

/**
 * The error's own words (the driver's, not the 503 text it was wrapped in); Node's AggregateError (every
 * address of a host refused) has an empty message.
 */
function reason(error: unknown): string {
  if (error instanceof StorageUnavailableError) return reason(error.cause);
  const e = error as { message?: string; code?: string; errors?: { message?: string }[] };
  return e.message || e.errors?.map((inner) => inner.message).join('; ') || e.code || String(error);
}

/**
 * Connect to PostgreSQL, check the connection and bring the schema up to date. Any failure is one
 * ConfigError line naming host, port and the server's or the network's error.
 */
export async function openPostgres(url: string, options: PgPoolOptions = {}): Promise<PgDatabase> {
  const target = postgresTarget(url);
  let db: PgDatabase;
  try {
    db = new PgDatabase(url, options);
  } catch (error) {
    throw new ConfigError(`DATABASE_URL: cannot use PostgreSQL at ${target}: ${reason(error)}`);
  }
  try {
    await db.run('SELECT 1');
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new ConfigError(`DATABASE_URL: cannot connect to PostgreSQL at ${target}: ${reason(error)}`);
  }
  try {
    await migratePostgres(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`DATABASE_URL: cannot update the schema of PostgreSQL at ${target}: ${reason(error)}`);
  }
  return db;
}
