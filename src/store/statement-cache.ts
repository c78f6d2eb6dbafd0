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
