import fs from 'node:fs';
import path from 'node:path';
import { runBackupCommand, runRestoreCommand } from '../../src/cli/backup.command';
import type { CliCommand } from '../../src/cli/command';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { runCliCaptured } from '../helpers/cli-capture';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresServer } from '../helpers/postgres-database';
import { useTempDir } from '../helpers/test-app';
import { openTicketOn } from '../store/contract-helpers';

/** Run `frontdesk <name> ...args` the way bin/frontdesk.js does (with the SQLite-only check in front). */
function cli(name: string, command: CliCommand, args: string[], env: Record<string, string>) {
  return runCliCaptured([name, ...args], { PATH: process.env.PATH ?? '', ...env }, { commands: { [name]: command } });
}

describeWithPostgres()('frontdesk backup / restore with DATABASE_URL (pg_dump, pg_restore)', () => {
  const pg = usePostgresServer();
  const tmp = useTempDir();

  test('backup calls pg_dump and says so; restore brings every ticket back into an empty database, the SQLite file untouched', async () => {
    const url = await pg.server.createDatabase();
    const stores = pgCoreStores(await openPostgres(url));
    for (let n = 1; n <= 5; n++) await openTicketOn(stores.store, n);
    await stores.close();
    const sqliteFile = path.join(tmp.dir, 'fd.db');
    const file = path.join(tmp.dir, 'backups', 'desk.dump');

    const backup = await cli('backup', runBackupCommand, [file], { DATABASE_URL: url, DATABASE_PATH: sqliteFile });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ backup: file, via: 'pg_dump', tool: expect.stringMatching(/^pg_dump \(PostgreSQL\) \d+/), from: `${pg.server.host}:${pg.server.port}`, tickets: 5, messages: 10 });
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP'); // pg_dump's custom format
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(sqliteFile)).toBe(false);
    // An existing file is kept unless --force.
    expect((await cli('backup', runBackupCommand, [file], { DATABASE_URL: url, DATABASE_PATH: sqliteFile })).code).toBe(2);

    const fresh = await pg.server.createDatabase();
    const restore = await cli('restore', runRestoreCommand, [file], { DATABASE_URL: fresh, DATABASE_PATH: sqliteFile });
    expect(restore.stderr).toBe('');
    expect(JSON.parse(restore.stdout)).toMatchObject({ via: 'pg_restore', tickets: 5, messages: 10 });
    const back = pgCoreStores(await openPostgres(fresh));
    try {
      expect((await back.store.getTicketByNumber('INC-000005'))?.summary).toBe('Laptop broken');
      expect((await openTicketOn(back.store, 6)).openedTicket!.number).toBe('INC-000006');
    } finally {
      await back.close();
    }

    // Over a desk that has data: refused, nothing changed.
    const over = await cli('restore', runRestoreCommand, [file], { DATABASE_URL: fresh, DATABASE_PATH: sqliteFile });
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/^frontdesk restore: PostgreSQL at 127\.0\.0\.1:\d+ already holds data \(.*tickets: 6.*\): restore into a new, empty database/);
  });

  test('a database pg_dump cannot read: one line naming host and port with pg_dump\'s words, no partial file left', async () => {
    const file = path.join(tmp.dir, 'desk.dump');
    const run = await cli('backup', runBackupCommand, [file], { DATABASE_URL: `postgres://fd:pw@${pg.server.host}:${pg.server.port}/no_such_db`, DATABASE_PATH: path.join(tmp.dir, 'fd.db') });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^frontdesk backup: pg_dump failed for PostgreSQL at 127\\.0\\.0\\.1:${pg.server.port}: .*database "no_such_db" does not exist\\n$`));
    expect(run.stderr).not.toContain('pw');
    expect(fs.readdirSync(tmp.dir)).toEqual([]);
  });
});
