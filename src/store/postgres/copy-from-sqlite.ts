import type Database from 'better-sqlite3';
import { ConfigError } from '../../errors';
import type { PgDatabase, PgQueries } from './pg-database';

/** Tables never copied: bookkeeping of one database, or state of live processes (leases lapse anyway). */
const NOT_DATA = new Set(['schema_version', 'sqlite_sequence', 'storage_probe', 'audit_maintenance', 'leases']);

/** Stay well below PostgreSQL's 65,535 parameters per statement. */
const MAX_PARAMS = 30_000;
const MAX_ROWS_PER_INSERT = 500;

/** What a copy did, table by table; `notCopied` lists SQLite tables with rows that PostgreSQL has no table for yet. */
export type CopyReport = {
  tables: Record<string, number>;
  notCopied: Record<string, number>;
  /** Columns SQLite has and the PostgreSQL table lacks ("table.column"), left behind. */
  droppedColumns: string[];
};

/** Called after each batch: rows copied so far of all rows to copy, and the table being copied. */
export type CopyProgress = (done: number, total: number, table: string) => void;

type PgColumn = { name: string; type: string };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables of the public schema in an order where every table comes after the tables its foreign keys point to. */
async function tablesInDependencyOrder(pg: PgQueries): Promise<string[]> {
  const tables = (await pg.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).map((r) => String(r.tablename));
  const edges = await pg.rows(`SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const edge of edges) if (edge.child !== edge.parent) parents.get(String(edge.child))?.add(String(edge.parent));
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const parent of parents.get(table) ?? []) visit(parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

async function pgColumns(pg: PgQueries, table: string): Promise<PgColumn[]> {
  const rows = await pg.rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position", [table]);
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
}

/** A SQLite value as PostgreSQL's column type wants it (SQLite keeps booleans as 0/1). */
function convert(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return Boolean(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Every data table of the target and how many rows it has, non-empty ones only. */
export async function nonEmptyTables(pg: PgQueries): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of await tablesInDependencyOrder(pg)) {
    if (table === 'schema_version') continue;
    const n = Number((await pg.one(`SELECT count(*) AS n FROM ${quote(table)}`))?.n ?? 0);
    if (n > 0) found[table] = n;
  }
  return found;
}

/**
 * Copy every table both databases have, in one PostgreSQL transaction: ids are kept (identities are then
 * moved past them), the counts of each table are compared before COMMIT, and any failure leaves the target
 * as empty as it was. Refuses a target that has any row: merging two desks would renumber nothing and clash.
 */
export async function copySqliteToPostgres(source: Database.Database, target: PgDatabase, progress: CopyProgress = () => {}): Promise<CopyReport> {
  const sqliteTables = new Set((source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const count = (table: string) => Number((source.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n);
  return target.transaction(async (tx) => {
    // Times SQLite wrote without a zone (datetime('now')) are UTC.
    await tx.run("SET LOCAL TimeZone = 'UTC'");
    const occupied = await nonEmptyTables(tx);
    if (Object.keys(occupied).length > 0) {
      throw new ConfigError(`the target database is not empty (${Object.entries(occupied).map(([t, n]) => `${t}: ${n}`).join(', ')}): migrate copies into an empty database only`);
    }
    const order = (await tablesInDependencyOrder(tx)).filter((t) => !NOT_DATA.has(t) && sqliteTables.has(t));
    const report: CopyReport = { tables: {}, notCopied: {}, droppedColumns: [] };
    for (const table of [...sqliteTables].sort()) {
      if (NOT_DATA.has(table) || order.includes(table)) continue;
      const n = count(table);
      if (n > 0) report.notCopied[table] = n;
    }
    const totals = new Map(order.map((t) => [t, count(t)]));
    const total = [...totals.values()].reduce((a, b) => a + b, 0);
    let done = 0;
    progress(0, total, order[0] ?? '');
    for (const table of order) {
      const sqliteColumns = new Set((source.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name));
      const target = await pgColumns(tx, table);
      const columns = target.filter((c) => sqliteColumns.has(c.name));
      const kept = new Set(columns.map((c) => c.name));
      for (const name of sqliteColumns) if (!kept.has(name)) report.droppedColumns.push(`${table}.${name}`);
      const perInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMS / Math.max(1, columns.length))));
      const select = source.prepare(`SELECT rowid AS "__rowid", ${columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${perInsert}`);
      let after = Number.MIN_SAFE_INTEGER;
      for (;;) {
        const rows = select.all(after) as Record<string, unknown>[];
        if (rows.length === 0) break;
        after = Number(rows[rows.length - 1].__rowid);
        const params: unknown[] = [];
        const tuples = rows.map((row) => `(${columns.map((c) => {
          params.push(convert(row[c.name], c.type));
          return `$${params.length}`;
        }).join(', ')})`);
        await tx.run(`INSERT INTO ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES ${tuples.join(', ')}`, params);
        done += rows.length;
        progress(done, total, table);
      }
      const copied = Number((await tx.one(`SELECT count(*) AS n FROM ${quote(table)}`))?.n ?? 0);
      if (copied !== totals.get(table)) throw new Error(`${table}: ${totals.get(table)} rows in SQLite but ${copied} in PostgreSQL after the copy; nothing was committed`);
      report.tables[table] = copied;
      // Ids were copied as they are: the next id PostgreSQL hands out must come after the largest.
      for (const identity of await tx.rows("SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attidentity <> ''", [table])) {
        const column = String(identity.attname);
        await tx.one(`SELECT setval(pg_get_serial_sequence($1, $2), max(${quote(column)})) FROM ${quote(table)} HAVING max(${quote(column)}) IS NOT NULL`, [table, column]);
      }
    }
    if (total === 0) progress(0, 0, 'done');
    return report;
  });
}
