import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ConfigError } from '../errors';
import { prepareDatabaseFile } from './open-database';

/** A held server lock; `release` lets the next server take the database. */
export type DatabaseLock = { readonly file: string; release(): void };

/** Path of the lock file beside a database. */
export function lockFileOf(databaseFile: string): string {
  return `${databaseFile}.lock`;
}

/**
 * Take the one-server-per-database lock for the life of this process. It is an OS file lock (fcntl, held
 * by a side SQLite connection in exclusive locking mode on `<database>.lock`), so the kernel drops it when
 * the process dies, even by SIGKILL: no stale lock is ever left behind. A second server on the same file
 * would answer the same messages and send the same replies twice, so it is refused with one clear line.
 */
export function acquireDatabaseLock(databaseFile: string): DatabaseLock | null {
  if (databaseFile === ':memory:') return null;
  const file = lockFileOf(databaseFile);
  // A read-only place is refused here with its own message, before the lock file is tried.
  prepareDatabaseFile(databaseFile);
  // Created 0600 before SQLite opens it: SQLite would create it 0644.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in exclusive locking mode it is kept until close.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL); DELETE FROM holder;');
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new ConfigError(`${databaseFile} is in use by another running Frontdesk server: stop it first, or set DATABASE_PATH to another file (two servers on one database would send every reply twice)`);
    }
    throw error;
  }
  return {
    file,
    release: () => {
      if (db.open) db.close();
    },
  };
}

/** True while some process (this one included) holds the server lock of `databaseFile`. */
export function databaseLocked(databaseFile: string): boolean {
  const file = lockFileOf(databaseFile);
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { timeout: 0, fileMustExist: true });
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}
