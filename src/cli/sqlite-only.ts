import { loadConfig } from '../config';
import { ConfigError } from '../errors';
import type { CliIo } from './command';

const always = () => true;

/**
 * Commands that still read or write the SQLite file (DATABASE_PATH) directly. With DATABASE_URL set they would
 * show or change the wrong database, so they refuse instead; each goes when its data moves (#22).
 */
const SQLITE_ONLY_COMMANDS: Readonly<Record<string, (args: string[]) => boolean>> = {
  broadcast: always, incidents: always, report: always, tickets: always,
  tokens: always, webhooks: always, kb: (args) => args[0] === 'report' || args[0] === 'draft',
};

/** Throw one ConfigError line when `name` would work on the SQLite file although DATABASE_URL points elsewhere. */
export function refuseSqliteOnlyCommand(name: string, args: string[], io: Pick<CliIo, 'env' | 'cwd'>): void {
  if (!SQLITE_ONLY_COMMANDS[name]?.(args)) return;
  let url: string | undefined;
  try {
    url = loadConfig(io.env, io.cwd).DATABASE_URL;
  } catch {
    return; // The command reports a broken configuration itself.
  }
  if (url) throw new ConfigError(`works on the SQLite file (DATABASE_PATH) only so far, and DATABASE_URL is set: unset DATABASE_URL to use it (PostgreSQL support: issue #22)`);
}
