import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../email/helpers/mail-servers';

/** Debian's PostgreSQL 15 binaries (package `postgresql`). */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Why PostgreSQL cannot run here, or null when it can. */
export const postgresMissing: string | null = fs.existsSync(path.join(PG_BIN, 'pg_ctl')) && fs.existsSync(path.join(PG_BIN, 'initdb')) ? null : 'postgresql (15)';

/** `describe`, or `describe.skip` with a warning on a developer machine without PostgreSQL; never a skip under CI=true. */
export function describeWithPostgres(): jest.Describe {
  if (!postgresMissing || process.env.CI === 'true') return describe;
  console.warn(`${postgresMissing} is not installed here: the PostgreSQL tests are skipped (see .ci/install-system.sh)`);
  return describe.skip;
}

/** A private PostgreSQL server in a temp folder, listening on 127.0.0.1 only. */
export type PostgresServer = {
  host: string;
  port: number;
  dir: string;
  /** A new, empty database on this server; returns its connection URL. */
  createDatabase(): Promise<string>;
  /** Stop the server, keeping its data (an outage); `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stop the server and remove its folder. */
  dispose(): Promise<void>;
};

// Tests run as root here: PostgreSQL refuses root, so its programs run as the `postgres` user.
const asRoot = process.getuid?.() === 0;

function pgRun(program: string, args: string[]): void {
  const file = path.join(PG_BIN, program);
  const options = { stdio: 'pipe' as const, timeout: 60_000 };
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], options);
  else execFileSync(file, args, options);
}

let databases = 0;

/**
 * initdb + pg_ctl start (as `postgres` when root) on a free port, with its socket in the same folder.
 * Durability settings are off: a test server's data is thrown away, and fsync would only slow the suite.
 */
export async function startPostgres(): Promise<PostgresServer> {
  if (postgresMissing) throw new Error(`${postgresMissing} is not installed: run .ci/install-system.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-pg-'));
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'fd', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60`;
  const start = () => pgRun('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
  const stop = () => pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  try {
    start();
  } catch (error) {
    const log = fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8') : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
  }
  const host = '127.0.0.1';
  const urlOf = (database: string) => `postgres://fd@${host}:${port}/${database}`;
  return {
    host, port, dir,
    async createDatabase() {
      const name = `fd_test_${process.pid}_${++databases}`;
      const admin = new Client({ connectionString: urlOf('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return urlOf(name);
    },
    stop: async () => stop(),
    start: async () => start(),
    async dispose() {
      try {
        if (fs.existsSync(path.join(data, 'postmaster.pid'))) stop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Empty every table but `schema_version` and restart the ids: a fresh store without creating a database. */
export async function truncateAll(db: { rows(sql: string): Promise<Record<string, unknown>[]>; run(sql: string): Promise<number> }): Promise<void> {
  const tables = (await db.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'")).map((r) => String(r.tablename));
  if (tables.length > 0) await db.run(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
}
