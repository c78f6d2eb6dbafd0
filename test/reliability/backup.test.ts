import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { runBackupCommand, runRestoreCommand } from '../../src/cli/backup.command';
import type { CliIo } from '../../src/cli/command';
import { databaseInUse, verifyDatabase } from '../../src/store/backup';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { chatSession } from '../helpers/sse';
import { startTestApp, tempDir } from '../helpers/test-app';

function io(env: Record<string, string>, cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const value: CliIo = { stdin: new PassThrough(), stdout, stderr, env, cwd };
  return { io: value, out: () => out, err: () => err };
}

describe('backup and restore', () => {
  test('backup while the server takes messages, restore after it stops: the data is back and intact', async () => {
    // Arrange: a running service with tickets being written while the backup runs.
    const t = await startTestApp({}, { channels: [createWebchatChannel({ rateLimits: false })], turnDeps: fixedTurnDeps() });
    const env = { DATABASE_PATH: path.join(t.dir, 'test.db') };
    const out = tempDir();
    const file = path.join(out.dir, 'nightly.db');
    try {
      const chats = await Promise.all([1, 2, 3].map(() => chatSession(t.url)));
      // Each first message says what is wrong, so each opens its ticket at once.
      await Promise.all(chats.map((c, i) => c.post(`my laptop ${i} is broken`)));
      await t.app.engine.idle();
      expect((t.app.sqliteStore().db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n).toBe(3);
      // Act: an online backup with more writes in flight.
      const writes = Promise.all(chats.map((c) => c.post('still broken', 'again')));
      const backup = io(env, t.dir);
      const code = await runBackupCommand([file], backup.io);
      await writes;
      // Assert
      expect(code).toBe(0);
      expect(JSON.parse(backup.out())).toMatchObject({ backup: file, integrity: 'ok', tickets: 3 });
      expect(verifyDatabase(file)).toMatchObject({ ok: true, tickets: 3 });
      // A second backup to the same file needs --force.
      await expect(runBackupCommand([file], io(env, t.dir).io)).rejects.toThrow(/--force/);
      // Restore is refused while the server holds the database.
      expect(databaseInUse(env.DATABASE_PATH)).toBe(true);
      await expect(runRestoreCommand([file], io(env, t.dir).io)).rejects.toThrow(/in use by a running Frontdesk/);
    } finally {
      await t.app.stop();
    }
    // Act: the server is gone; something destroys the tickets; restore.
    const live = new Database(env.DATABASE_PATH);
    live.exec('DELETE FROM conversations WHERE 0'); // opened and closed: proves the file is free again
    live.close();
    expect(databaseInUse(env.DATABASE_PATH)).toBe(false);
    fs.writeFileSync(env.DATABASE_PATH, 'not a database any more');
    const restore = io(env, t.dir);
    expect(await runRestoreCommand([file], restore.io)).toBe(0);
    // Assert: the backup is in place, the damaged file kept aside, the restored data usable.
    const result = JSON.parse(restore.out());
    expect(result).toMatchObject({ restored: env.DATABASE_PATH, tickets: 3 });
    expect(fs.readFileSync(result.previous, 'utf8')).toBe('not a database any more');
    expect(verifyDatabase(env.DATABASE_PATH)).toMatchObject({ ok: true, tickets: 3 });
    const again = await startTestApp({ DATABASE_PATH: env.DATABASE_PATH }, { channels: [createWebchatChannel()], turnDeps: fixedTurnDeps() });
    try {
      expect(await again.app.store.getTicketByNumber('INC-000003')).not.toBeNull();
    } finally {
      await again.stop();
      out.cleanup();
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });

  test('restore refuses a file that is not a Frontdesk database, and changes nothing', async () => {
    const tmp = tempDir();
    try {
      const bogus = path.join(tmp.dir, 'bogus.db');
      const other = new Database(bogus);
      other.exec('CREATE TABLE x (y)');
      other.close();
      const env = { DATABASE_PATH: path.join(tmp.dir, 'live.db') };
      await expect(runRestoreCommand([bogus], io(env, tmp.dir).io)).rejects.toThrow(/not a Frontdesk database/);
      await expect(runRestoreCommand([path.join(tmp.dir, 'missing.db')], io(env, tmp.dir).io)).rejects.toThrow(/does not exist/);
      expect(fs.existsSync(env.DATABASE_PATH)).toBe(false);
      expect(await runBackupCommand([], io(env, tmp.dir).io)).toBe(1);
    } finally {
      tmp.cleanup();
    }
  });
});
