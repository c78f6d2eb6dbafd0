import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../errors';
import { MIGRATIONS } from './migrations';
import { isStorageFailure } from './storage-health';

/** Open (creating if needed) a SQLite database file in WAL mode and bring its schema up to date. */
export function openDatabase(file: string): Database.Database {
  const isNew = file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size === 0;
  if (file !== ':memory:') prepareDatabaseFile(file);
  const db = new Database(file);
  try {
    // Only a new file can take it (before its first table): deleted rows then give their pages back to the disk.
    if (isNew) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    // NORMAL is durable in WAL mode against process crashes (SIGKILL); only power loss can drop the last commit.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    if (isStorageFailure(error)) throw new ConfigError(`${file} cannot be written (${(error as { code?: string }).code}): free disk space or make the file and its directory writable`);
    throw error;
  }
  return db;
}

/**
 * Directory and file created private (0700/0600: the database holds personal data; SQLite would create it
 * 0644 and its -wal/-shm files copy the database's mode); a read-only file or directory is refused up front
 * instead of starting "healthy" and failing every message.
 */
export function prepareDatabaseFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const readOnly = `${file} is read-only: Frontdesk needs to write its database; make the file and its directory writable or set DATABASE_PATH to a writable place`;
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
    else fs.closeSync(fs.openSync(file, 'a', 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') throw new ConfigError(readOnly);
    throw error;
  }
}

function migrate(db: Database.Database): void {
  // A file a newer Frontdesk migrated may have tables and meanings this code does not know: refuse it.
  const found = Number(db.pragma('user_version', { simple: true }));
  const known = MIGRATIONS[MIGRATIONS.length - 1].version;
  if (found > known) throw new ConfigError(`the database file is at schema version ${found}, newer than this Frontdesk knows (${known}): run the newer Frontdesk, or set DATABASE_PATH to another file`);
  for (const migration of MIGRATIONS) {
    // Re-read inside a write lock: several processes may open a new file at once.
    db.transaction(() => {
      if (Number(db.pragma('user_version', { simple: true })) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
