import type Database from 'better-sqlite3';

/**
 * Prepared statements compiled once per SQL text: preparing costs more than running a small query. For
 * fixed SQL; SQL built per call from a list (`IN (?, ?, ...)`) is prepared where it is built.
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}

const perDatabase = new WeakMap<Database.Database, (sql: string) => Database.Statement>();

/** A prepared statement for this SQL on this database, compiled once: for modules that hold no store object. */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = perDatabase.get(db);
  if (!cache) perDatabase.set(db, (cache = statementCache(db)));
  return cache(sql);
}
