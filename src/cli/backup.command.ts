import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { ValidationError } from '../errors';
import { backupDatabase, restoreDatabase } from '../store/backup';
import { pgBackup, pgRestore } from '../store/postgres/pg-backup';
import { postgresTarget } from '../store/postgres/open-postgres';
import { parseArgs, type CliCommand } from './command';

/**
 * `frontdesk backup FILE [--force]`: online, consistent copy of the database, safe while servers run: SQLite's
 * backup API on DATABASE_PATH, or `pg_dump` (custom format) when DATABASE_URL is set, saying which on stdout.
 */
export const runBackupCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  const [file] = positional;
  if (!file) {
    io.stderr.write('Usage: frontdesk backup FILE [--force]   (online copy of DATABASE_PATH, or pg_dump of DATABASE_URL; servers may keep running)\n');
    return 1;
  }
  const destination = path.resolve(io.cwd, file);
  if (fs.existsSync(destination) && options.force !== true) {
    throw new ValidationError(`${destination} exists: choose a new file name or pass --force to overwrite it`);
  }
  const config = loadConfig(io.env, io.cwd);
  if (config.DATABASE_URL) {
    const dump = await pgBackup(config.DATABASE_URL, destination, io.env);
    io.stdout.write(`${JSON.stringify({ backup: destination, via: 'pg_dump', tool: dump.tool, from: postgresTarget(config.DATABASE_URL), bytes: dump.bytes, schemaVersion: dump.schemaVersion, tickets: dump.tickets, messages: dump.messages })}\n`);
    return 0;
  }
  const source = config.DATABASE_PATH;
  const check = await backupDatabase(source, destination);
  io.stdout.write(`${JSON.stringify({ backup: destination, bytes: fs.statSync(destination).size, schemaVersion: check.schemaVersion, tickets: check.tickets, messages: check.messages, integrity: 'ok' })}\n`);
  return 0;
};

/**
 * `frontdesk restore FILE`: check FILE, then put it in place of DATABASE_PATH (refused while a server runs); with
 * DATABASE_URL, `pg_restore` of a `frontdesk backup` dump into that database, which must be empty.
 */
export const runRestoreCommand: CliCommand = async (args, io) => {
  const [file] = parseArgs(args).positional;
  if (!file) {
    io.stderr.write('Usage: frontdesk restore FILE   (stop the server first; the current database is kept as *.before-restore-*; on PostgreSQL into an empty database)\n');
    return 1;
  }
  const config = loadConfig(io.env, io.cwd);
  if (config.DATABASE_URL) {
    const restored = await pgRestore(path.resolve(io.cwd, file), config.DATABASE_URL, io.env);
    io.stdout.write(`${JSON.stringify({ restored: postgresTarget(config.DATABASE_URL), via: 'pg_restore', from: restored.file, schemaVersion: restored.schemaVersion, tickets: restored.tickets, messages: restored.messages })}\n`);
    return 0;
  }
  const target = config.DATABASE_PATH;
  const { check, previous } = restoreDatabase(path.resolve(io.cwd, file), target);
  io.stdout.write(`${JSON.stringify({ restored: target, from: path.resolve(io.cwd, file), previous, schemaVersion: check.schemaVersion, tickets: check.tickets, messages: check.messages })}\n`);
  return 0;
};
