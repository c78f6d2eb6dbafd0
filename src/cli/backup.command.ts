import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { ValidationError } from '../errors';
import { backupDatabase, restoreDatabase } from '../store/backup';
import { parseArgs, type CliCommand } from './command';

/** `frontdesk backup FILE [--force]`: online, consistent copy of DATABASE_PATH, safe while the server runs. */
export const runBackupCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  const [file] = positional;
  if (!file) {
    io.stderr.write('Usage: frontdesk backup FILE [--force]   (online copy of DATABASE_PATH; the server may keep running)\n');
    return 1;
  }
  const destination = path.resolve(io.cwd, file);
  if (fs.existsSync(destination) && options.force !== true) {
    throw new ValidationError(`${destination} exists: choose a new file name or pass --force to overwrite it`);
  }
  const source = loadConfig(io.env, io.cwd).DATABASE_PATH;
  const check = await backupDatabase(source, destination);
  io.stdout.write(`${JSON.stringify({ backup: destination, bytes: fs.statSync(destination).size, schemaVersion: check.schemaVersion, tickets: check.tickets, messages: check.messages, integrity: 'ok' })}\n`);
  return 0;
};

/** `frontdesk restore FILE`: check FILE, then put it in place of DATABASE_PATH (refused while a server runs). */
export const runRestoreCommand: CliCommand = async (args, io) => {
  const [file] = parseArgs(args).positional;
  if (!file) {
    io.stderr.write('Usage: frontdesk restore FILE   (stop the server first; the current database is kept as *.before-restore-*)\n');
    return 1;
  }
  const target = loadConfig(io.env, io.cwd).DATABASE_PATH;
  const { check, previous } = restoreDatabase(path.resolve(io.cwd, file), target);
  io.stdout.write(`${JSON.stringify({ restored: target, from: path.resolve(io.cwd, file), previous, schemaVersion: check.schemaVersion, tickets: check.tickets, messages: check.messages })}\n`);
  return 0;
};
