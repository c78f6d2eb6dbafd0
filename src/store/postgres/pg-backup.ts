import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../../errors';
import { nonEmptyTables } from './copy-from-sqlite';
import { openPostgres, postgresTarget } from './open-postgres';

const run = promisify(execFile);

/** What a PostgreSQL backup or restore did. */
export type PgDumpResult = { tool: string; file: string; bytes: number; schemaVersion: number; tickets: number; messages: number };

/**
 * The URL without its password, and the password for PGPASSWORD: a password on a command line is visible
 * to every user of the machine in `ps`.
 */
function splitPassword(url: string): { url: string; password: string | undefined } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = '';
  return { url: parsed.toString(), password };
}

/** Run pg_dump or pg_restore; a missing program or its failure is one line with its own last words. */
async function tool(program: string, args: string[], url: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { url: bare, password } = splitPassword(url);
  try {
    const { stdout } = await run(program, [...args, '--dbname', bare], {
      env: { PATH: env.PATH ?? '/usr/bin:/bin', ...(password ? { PGPASSWORD: password } : {}) }, maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { code?: unknown; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new ConfigError(`${program} not found on PATH: install the PostgreSQL client (Debian: postgresql-client)`);
    const said = (e.stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? e.message;
    throw new Error(`${program} failed for PostgreSQL at ${postgresTarget(url)}: ${said}`);
  }
}

async function summary(url: string): Promise<{ schemaVersion: number; tickets: number; messages: number }> {
  const db = await openPostgres(url, { poolSize: 1 });
  try {
    const row = await db.one('SELECT (SELECT max(version) FROM schema_version) AS v, (SELECT count(*) FROM tickets) AS t, (SELECT count(*) FROM messages) AS m');
    return { schemaVersion: Number(row?.v ?? 0), tickets: Number(row?.t ?? 0), messages: Number(row?.m ?? 0) };
  } finally {
    await db.close();
  }
}

/**
 * `pg_dump --format=custom` of the database at `url` into `destination`: one consistent snapshot (pg_dump
 * reads in one repeatable-read transaction) while instances keep writing. Written to a temp file, listed
 * back with `pg_restore --list` as a check, then renamed; the file is 0600 (it holds personal data).
 */
export async function pgBackup(url: string, destination: string, env: NodeJS.ProcessEnv): Promise<PgDumpResult> {
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const temp = `${destination}.partial-${process.pid}`;
  fs.closeSync(fs.openSync(temp, 'w', 0o600));
  try {
    await tool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', temp], url, env);
    fs.chmodSync(temp, 0o600);
    const listing = await run('pg_restore', ['--list', temp]).catch((error: { stderr?: string }) => {
      throw new Error(`the dump failed its check (pg_restore --list: ${(error.stderr ?? '').trim()})`);
    });
    if (!/TABLE DATA public tickets /.test(listing.stdout)) throw new Error('the dump failed its check: it has no tickets table, is DATABASE_URL a Frontdesk database?');
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.renameSync(temp, destination);
  const version = (await tool('pg_dump', ['--version'], url, env).catch(() => 'pg_dump')).trim();
  return { tool: version, file: destination, bytes: fs.statSync(destination).size, ...(await summary(url)) };
}

/**
 * `pg_restore` of a pg_dump file into the database at `url`, in one transaction. Only into an empty database
 * (no Frontdesk rows): restoring over a live desk would mix two histories, so the way back is a new database
 * and DATABASE_URL pointed at it, the old one kept until the restore is checked.
 */
export async function pgRestore(file: string, url: string, env: NodeJS.ProcessEnv): Promise<PgDumpResult> {
  if (!fs.existsSync(file)) throw new ConfigError(`${file} does not exist`);
  const db = await openPostgres(url, { poolSize: 1 });
  try {
    const occupied = await nonEmptyTables(db);
    if (Object.keys(occupied).length > 0) {
      throw new ConfigError(`PostgreSQL at ${postgresTarget(url)} already holds data (${Object.entries(occupied).map(([t, n]) => `${t}: ${n}`).join(', ')}): restore into a new, empty database and point DATABASE_URL at it`);
    }
    // The dump brings its own tables: the empty ones the connection check just made must go first.
    await db.run("DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP EXECUTE format('DROP TABLE %I CASCADE', t); END LOOP; END $$");
    // And the functions the migrations made (the append-only guard, the SLA-inputs trigger): the dump brings them too.
    await db.run("DO $$ DECLARE f regprocedure; BEGIN FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' LOOP EXECUTE format('DROP FUNCTION %s CASCADE', f); END LOOP; END $$");
  } finally {
    await db.close();
  }
  await tool('pg_restore', ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', file], url, env);
  return { tool: 'pg_restore', file, bytes: fs.statSync(file).size, ...(await summary(url)) };
}
