import { PassThrough } from 'node:stream';
import { runBroadcastCommand } from '../../src/cli/broadcast.command';
import type { CliIo } from '../../src/cli/command';
import { SqliteStore } from '../../src/store/sqlite-store';
import { outboxCounts, seedUsers, tempDb } from './helpers';

function io(env: Record<string, string>, cwd: string): CliIo & { out: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env, cwd, out: () => text };
}

describe('frontdesk broadcast', () => {
  test('post to a channel, list with progress, close with a follow-up; bad input tells the fix', async () => {
    // Arrange: three Slack users and one Teams user in a database file.
    const db = tempDb();
    const store = new SqliteStore(db.file);
    await seedUsers(store, [{ id: 'a', channel: 'slack' }, { id: 'b', channel: 'slack' }, { id: 'c', channel: 'slack' }, { id: 'd', channel: 'teams' }]);
    await store.close();
    const env = { DATABASE_PATH: db.file, USER: 'ops' };
    const cwd = db.file.replace(/fd\.db$/, '');

    // Act
    const post = io(env, cwd);
    expect(await runBroadcastCommand(['Mail is down in Shanghai, we are on it', '--channel', 'slack'], post)).toBe(0);
    const list = io(env, cwd);
    await runBroadcastCommand(['list'], list);
    const close = io(env, cwd);
    expect(await runBroadcastCommand(['close', '1', '--note', 'Mail is back'], close)).toBe(0);

    // Assert
    expect(post.out()).toBe('Broadcast 1 posted; queued for 3 of 3 recipients.\n');
    expect(JSON.parse(list.out().trim())).toMatchObject({ id: 1, status: 'active', createdBy: 'cli:ops', progress: { notice: { audience: 3, enqueued: 3 } } });
    expect(close.out()).toBe('Closed broadcast 1; follow-up queued for 3 of 3 recipients.\n');
    const check = new SqliteStore(db.file);
    expect([...outboxCounts(check, 'Mail is back').values()]).toEqual([1, 1, 1]);
    await check.close();
    await expect(runBroadcastCommand(['Mail down', '--channel', 'fax'], io(env, cwd))).rejects.toThrow(/channels/);
    await expect(runBroadcastCommand(['close', '1'], io(env, cwd))).rejects.toThrow(/--note/);
    await expect(runBroadcastCommand(['Mail down', '--rate', '0'], io(env, cwd))).rejects.toThrow(/--rate/);
    db.cleanup();
  });
});
