import { Pool, types, type PoolClient } from 'pg';
import type { Row } from '../rows';

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

/** Queries with positional parameters ($1, $2...), on the pool or inside one transaction. */
export type PgQueries = {
  rows(sql: string, params?: unknown[]): Promise<Row[]>;
  one(sql: string, params?: unknown[]): Promise<Row | undefined>;
  /** Run a statement; returns how many rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
};

function queriesOn(target: Pool | PoolClient): PgQueries {
  return {
    rows: async (sql, params = []) => (await target.query(sql, params)).rows as Row[],
    one: async (sql, params = []) => (await target.query(sql, params)).rows[0] as Row | undefined,
    run: async (sql, params = []) => (await target.query(sql, params)).rowCount ?? 0,
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
   * retried (the rows it locks are locked in the same order everywhere, so this is a last resort).
   */
  async transaction<T>(fn: (tx: PgQueries) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(queriesOn(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (attempt >= ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      } finally {
        client.release();
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
