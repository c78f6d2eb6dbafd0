import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../errors';
import { databaseLocked } from './database-lock';

/** Tables a Frontdesk database must have; a file without them is not one of ours. */
const REQUIRED_TABLES = ['users', 'conversations', 'messages', 'tickets', 'ticket_events', 'outbox', 'counters'];

/** What checking a database file found. */
export type DatabaseCheck = { ok: boolean; problems: string[]; schemaVersion: number; tickets: number; messages: number };

/** Integrity check plus "is this a Frontdesk database": read-only, never changes the file. */
export function verifyDatabase(file: string): DatabaseCheck {
  if (!fs.existsSync(file)) return { ok: false, problems: [`${file} does not exist`], schemaVersion: 0, tickets: 0, messages: 0 };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') problems.push(...integrity.map((r) => `integrity: ${r.integrity_check}`));
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) problems.push(`not a Frontdesk database: tables ${missing.join(', ')} missing`);
    const count = (table: string) => (tables.has(table) ? Number((db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n) : 0);
    return { ok: problems.length === 0, problems, schemaVersion: Number(db.pragma('user_version', { simple: true })), tickets: count('tickets'), messages: count('messages') };
  } catch (error) {
    return { ok: false, problems: [`cannot read ${file}: ${(error as Error).message}`], schemaVersion: 0, tickets: 0, messages: 0 };
  } finally {
    db?.close();
  }
}

/**
 * Online backup with SQLite's backup API: consistent even while a server writes (pages changed during
 * the copy are copied again). Written to a temp file, checked, then renamed, so FILE is never half-written.
 */
export async function backupDatabase(source: string, destination: string): Promise<DatabaseCheck> {
  if (!fs.existsSync(source)) throw new ConfigError(`no database at ${source}: check DATABASE_PATH`);
  if (path.resolve(source) === path.resolve(destination)) throw new ConfigError('the backup file must not be the database itself');
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const temp = `${destination}.partial-${process.pid}`;
  // Created 0600 first (SQLite would make it 0644): a backup holds the same personal data as the database.
  fs.closeSync(fs.openSync(temp, 'w', 0o600));
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(temp);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  } finally {
    db.close();
  }
  const check = verifyDatabase(temp);
  if (!check.ok) {
    fs.rmSync(temp, { force: true });
    throw new Error(`backup failed its check (${check.problems.join('; ')}): the database itself may be damaged, run frontdesk restore from an older backup`);
  }
  fs.renameSync(temp, destination);
  return check;
}

/** True when another connection (a running server) has the database open. */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 200 });
  try {
    // In WAL mode every open connection holds a shared lock on the -shm file; an exclusive lock is
    // granted only when no other connection (in any process) has the database open.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY') return true;
    // A damaged file (the usual reason to restore) cannot be served by a running Frontdesk either.
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return false;
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Put a backup in place of the database: refuses while a server has it open or when the backup fails its
 * check. The previous database is kept next to it as `<name>.before-restore-<time>`, never deleted.
 */
export function restoreDatabase(backup: string, target: string, now: Date = new Date()): { check: DatabaseCheck; previous: string | null } {
  const check = verifyDatabase(backup);
  if (!check.ok) throw new ConfigError(`${backup} cannot be restored: ${check.problems.join('; ')}`);
  if (databaseLocked(target) || databaseInUse(target)) throw new ConfigError(`${target} is in use by a running Frontdesk: stop the server, then restore`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const temp = `${target}.restore-${process.pid}`;
  fs.copyFileSync(backup, temp);
  fs.chmodSync(temp, 0o600);
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, previous);
  }
  // A stale WAL from the old database would be replayed into the restored one: it belongs to `previous`.
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(target + suffix)) {
      if (previous) fs.renameSync(target + suffix, previous + suffix);
      else fs.rmSync(target + suffix, { force: true });
    }
  }
  fs.renameSync(temp, target);
  return { check, previous };
}
