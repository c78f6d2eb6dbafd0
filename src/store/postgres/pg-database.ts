import { Pool, types, type PoolClient } from 'pg';
import type { Row } from '../rows';
import { StorageUnavailableError } from '../storage-health';

// Read back the way the SQLite store returns them, so both share rows.ts: times as ISO strings (the app
// writes toISOString() everywhere) and bigint ids and counts as numbers (ids stay far below 2^53).
const parseTimestamp = types.getTypeParser(types.builtins.TIMESTAMPTZ);
const TYPE_PARSERS = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === types.builtins.TIMESTAMPTZ) return (value: string) => (parseTimestamp(value) as Date).toISOString();
    if (oid === types.builtins.INT8) return (value: string) => Number(value);
    return types.getTypeParser(oid, format);
  },
};

/** Deadlock and serialization failure: the transaction was rolled back whole, so running it again is safe. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * SQLSTATE classes and network errors that mean "the database cannot take this now" rather than a bug:
 * connection exceptions (08...), a server shutting down (57P01-57P03), too many connections (53300), disk
 * full (53100), a read-only standby (25006). They become StorageUnavailableError, which the engine and the
 * dispatcher already treat as "pause and retry with backoff" (as a full disk on SQLite).
 */
const UNAVAILABLE_STATE = /^(08|57P0[123]$|53[13]00$|25006$)/;
const UNAVAILABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres' own words for a lost or never-made connection (these errors carry no code).
const UNAVAILABLE_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** True when `error` says the database is unreachable or refusing work for now. */
export function isPgUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_STATE.test(code) || UNAVAILABLE_NETWORK.has(code))) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}

function unavailableAsStorageError(error: unknown): never {
  throw isPgUnavailable(error) ? new StorageUnavailableError(error) : error;
}

/** Queries with positional parameters ($1, $2...), on the pool or inside one transaction. */
export type PgQueries = {
  rows(sql: string, params?: unknown[]): Promise<Row[]>;
  one(sql: string, params?: unknown[]): Promise<Row | undefined>;
  /** Run a statement; returns how many rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
};

function queriesOn(target: Pool | PoolClient): PgQueries {
  return {
    rows: async (sql, params = []) => (await target.query(sql, params).catch(unavailableAsStorageError)).rows as Row[],
    one: async (sql, params = []) => (await target.query(sql, params).catch(unavailableAsStorageError)).rows[0] as Row | undefined,
    run: async (sql, params = []) => (await target.query(sql, params).catch(unavailableAsStorageError)).rowCount ?? 0,
  };
}

/** Settings of the connection pool. */
export type PgPoolOptions = { poolSize?: number; applicationName?: string; statementTimeoutMs?: number; onIdleError?: (error: Error) => void };

/** A node-postgres pool shared by the PostgreSQL stores of one process. */
export class PgDatabase implements PgQueries {
  readonly pool: Pool;
  private readonly q: PgQueries;

  constructor(url: string, options: PgPoolOptions = {}) {
    this.pool = new Pool({
      connectionString: url, max: options.poolSize ?? 10, types: TYPE_PARSERS, connectionTimeoutMillis: 10_000,
      application_name: options.applicationName ?? 'frontdesk', statement_timeout: options.statementTimeoutMs ?? 30_000,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process: the next query reconnects.
    this.pool.on('error', (error) => options.onIdleError?.(error));
    // The pool listens for errors on idle connections only: a checked-out one the server ends between two
    // statements (PostgreSQL restarted) would emit an unhandled 'error' and kill the process. Its holder
    // learns it from the next statement, which fails as "storage unavailable".
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.q = queriesOn(this.pool);
  }

  rows(sql: string, params?: unknown[]) {
    return this.q.rows(sql, params);
  }

  one(sql: string, params?: unknown[]) {
    return this.q.one(sql, params);
  }

  run(sql: string, params?: unknown[]) {
    return this.q.run(sql, params);
  }

  /**
   * Run `fn` in one READ COMMITTED transaction on one connection; rolled back when it throws. A deadlock is
   * retried (the rows it locks are locked in the same order everywhere, so this is a last resort). A
   * connection lost at COMMIT leaves the outcome unknown: the caller retries, and the conversation's version
   * check refuses a turn that had in fact committed.
   */
  async transaction<T>(fn: (tx: PgQueries) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect().catch(unavailableAsStorageError);
      let broken = false;
      try {
        const tx = queriesOn(client);
        await tx.run('BEGIN');
        const result = await fn(tx);
        await tx.run('COMMIT');
        return result;
      } catch (error) {
        broken = error instanceof StorageUnavailableError;
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        if (attempt >= ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      } finally {
        // A connection that failed is destroyed, not handed to the next caller.
        client.release(broken);
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
