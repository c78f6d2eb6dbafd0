import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { createApp } from '../../src/app';
import { runAgentsCommand } from '../../src/cli/agents.command';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import { PgAgentStore } from '../../src/store/postgres/pg-agent-store';
import type { PgStore } from '../../src/store/postgres/pg-store';
import { openCoreStores } from '../../src/store/open-core-stores';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from '../../src/store/postgres/pg-migrate';
import { captureIo, runCliCaptured } from '../helpers/cli-capture';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresServer } from '../helpers/postgres-database';
import { BIN, freePort, requireBuild, ROOT } from '../helpers/server-process';
import { useTempDir } from '../helpers/test-app';

/** `frontdesk start` as a real process that is expected to refuse: its exit code and output. */
function startRefused(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  requireBuild();
  const run = spawnSync(process.execPath, [BIN, 'start'], {
    cwd: ROOT, encoding: 'utf8', timeout: 20_000,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('DATABASE_URL that cannot be used', () => {
  const tmp = useTempDir();

  test('nothing listening: one line naming host, port and the error, exit 2, no stack, no password, no SQLite file', async () => {
    const port = await freePort();
    const file = path.join(tmp.dir, 'fd.db');
    const run = startRefused({ DATABASE_URL: `postgres://fd:hunter2-secret@127.0.0.1:${port}/frontdesk`, DATABASE_PATH: file });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`frontdesk start: DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n`);
    expect(run.stdout).toBe('');
    expect(fs.existsSync(file)).toBe(false);
  });

  test('not a postgres:// URL: refused by the configuration check, naming the variable', () => {
    const run = startRefused({ DATABASE_URL: 'mysql://db.example.com/frontdesk', DATABASE_PATH: path.join(tmp.dir, 'fd.db') });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/DATABASE_URL.*postgres:\/\//);
  });

  test('the password inside DATABASE_URL is a secret the logger redacts', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://fd:s%40cret-pw@db.example.com:5432/frontdesk' }).secrets).toContain('s@cret-pw');
  });
});

describeWithPostgres()('DATABASE_URL on a real PostgreSQL 15', () => {
  const pg = usePostgresServer();
  const tmp = useTempDir();

  test('a database that does not exist: the server\'s own words on one line with host and port', () => {
    const run = startRefused({ DATABASE_URL: `postgres://fd@${pg.server.host}:${pg.server.port}/no_such_db`, DATABASE_PATH: path.join(tmp.dir, 'fd.db') });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`frontdesk start: DATABASE_URL: cannot connect to PostgreSQL at ${pg.server.host}:${pg.server.port}: database "no_such_db" does not exist\n`);
  });

  test('a schema newer than the code: start refuses, and the schema is left as it is', async () => {
    const url = await pg.server.createDatabase();
    const db = await openPostgres(url);
    await db.run("INSERT INTO schema_version (version, name) VALUES ($1, 'from a newer Frontdesk')", [PG_SCHEMA_VERSION + 1]);
    await db.close();
    const run = startRefused({ DATABASE_URL: url, DATABASE_PATH: path.join(tmp.dir, 'fd.db') });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`frontdesk start: the PostgreSQL schema is at version ${PG_SCHEMA_VERSION + 1}, newer than this Frontdesk knows (${PG_SCHEMA_VERSION}): run the newer Frontdesk, or point DATABASE_URL at another database\n`);
  });

  test('DATABASE_POOL_SIZE and DATABASE_STATEMENT_TIMEOUT_SECONDS reach the pool: a longer statement is cancelled by the server', async () => {
    const url = await pg.server.createDatabase();
    const stores = await openCoreStores(parseConfig({ DATABASE_URL: url, DATABASE_PATH: path.join(tmp.dir, 'fd.db'), DATABASE_POOL_SIZE: '3', DATABASE_STATEMENT_TIMEOUT_SECONDS: '1' }));
    try {
      const db = (stores.store as PgStore).db;
      expect(db.pool.options.max).toBe(3);
      expect((await db.one('SHOW statement_timeout'))?.statement_timeout).toBe('1s');
      await expect(db.run('SELECT pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });
    } finally {
      await stores.close();
    }
  });

  test('instances opening an empty database at once migrate it once', async () => {
    const url = await pg.server.createDatabase();
    const opened = await Promise.all([openPostgres(url), openPostgres(url), openPostgres(url)]);
    expect((await opened[0].rows('SELECT version FROM schema_version ORDER BY version')).map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    for (const db of opened) await db.close();
  });

  test('agents are managed on PostgreSQL: the SQLite file is never created', async () => {
    const url = await pg.server.createDatabase();
    const file = path.join(tmp.dir, 'fd.db');
    const env = { DATABASE_URL: url, DATABASE_PATH: file, FRONTDESK_AGENT_PASSWORD: 'very-secret-pass-42' };
    expect(await runAgentsCommand(['add', 'bo', '--name', 'Bo Chen', '--groups', 'network'], captureIo(env).io)).toBe(0);
    const list = captureIo(env);
    expect(await runAgentsCommand(['list'], list.io)).toBe(0);
    expect(JSON.parse(list.out())).toMatchObject({ id: 'bo', name: 'Bo Chen', groups: ['network'], disabled: false });
    const db = await openPostgres(url);
    expect(await new PgAgentStore(db).getAgent('bo')).toMatchObject({ name: 'Bo Chen' });
    await db.close();
    expect(fs.existsSync(file)).toBe(false);
  });

  test('start on PostgreSQL serves: a web chat message is answered from PostgreSQL, /healthz says so, no SQLite file', async () => {
    const url = await pg.server.createDatabase();
    const file = path.join(tmp.dir, 'fd.db');
    const config = parseConfig({ DATABASE_URL: url, DATABASE_PATH: file, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', INSTANCE_NAME: 'a' });
    const app = await createApp(config, { log: createLogger({ level: 'silent' }), channels: [createWebchatChannel({ rateLimits: false })] });
    const port = await app.start();
    try {
      const base = `http://127.0.0.1:${port}`;
      const cookie = String((await fetch(`${base}/api/chat/session`, { method: 'POST' })).headers.get('set-cookie')).split(';')[0];
      const posted = await fetch(`${base}/api/chat/messages`, {
        method: 'POST', headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ clientMessageId: 'm1', text: 'the printer on floor 3 shows offline since this morning' }),
      });
      expect(posted.status).toBe(202);
      await app.engine.idle();
      const db = await openPostgres(url);
      // The turn ran on PostgreSQL: the message is answered there, and the reply waits in its outbox or went out.
      expect(await db.rows("SELECT direction, processed_at IS NOT NULL AS answered FROM messages ORDER BY id")).toEqual([
        { direction: 'in', answered: true }, { direction: 'out', answered: false },
      ]);
      expect(await db.one('SELECT count(*) AS n FROM outbox')).toEqual({ n: 1 });
      await db.close();
      const health = await (await fetch(`${base}/healthz`)).json() as { status: string; instance: string; database: { kind: string } };
      expect(health).toMatchObject({ instance: 'a', database: { kind: 'postgres' } });
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      await app.stop();
    }
  });
});

