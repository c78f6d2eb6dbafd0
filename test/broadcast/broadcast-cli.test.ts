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

  test('--slack-channel alone posts once into each named channel, and the follow-up too; nobody else is messaged', async () => {
    // Arrange: two Slack users, and the Slack settings the CLI reads from the same environment as the server.
    const db = tempDb();
    const store = new SqliteStore(db.file);
    await seedUsers(store, [{ id: 'U0A', channel: 'slack' }, { id: 'U0B', channel: 'slack' }]);
    await store.close();
    const cwd = db.file.replace(/fd\.db$/, '');
    const env = { DATABASE_PATH: db.file, USER: 'ops', SLACK_BOT_TOKEN: 'xoxb-cli', SLACK_SIGNING_SECRET: 'cli-secret' };

    // Act
    const post = io(env, cwd);
    expect(await runBroadcastCommand(['Mail is down in Shanghai', '--slack-channel', 'C0ITNEWS,g0opsteam'], post)).toBe(0);
    const close = io(env, cwd);
    expect(await runBroadcastCommand(['close', '1', '--note', 'Mail is back'], close)).toBe(0);
    const both = io(env, cwd);
    expect(await runBroadcastCommand(['VPN maintenance tonight', '--channel', 'slack', '--slack-channel', 'C0ITNEWS'], both)).toBe(0);
    const list = io(env, cwd);
    await runBroadcastCommand(['list'], list);

    // Assert
    expect(post.out()).toBe('Broadcast 1 posted; queued for 2 of 2 recipients (0 people, 2 Slack channels).\n');
    expect(close.out()).toBe('Closed broadcast 1; follow-up queued for 2 of 2 recipients (0 people, 2 Slack channels).\n');
    expect(both.out()).toBe('Broadcast 2 posted; queued for 3 of 3 recipients (2 people, 1 Slack channel).\n');
    const check = new SqliteStore(db.file);
    const refs = (marker: string) => (check.db.prepare('SELECT ref_json FROM outbox WHERE message_json LIKE ? ORDER BY id').all(`%${marker}%`) as { ref_json: string }[])
      .map((r) => (JSON.parse(r.ref_json) as { conversationId: string }).conversationId);
    expect(refs('Mail is down')).toEqual(['C0ITNEWS', 'G0OPSTEAM']);
    expect(refs('Mail is back')).toEqual(['C0ITNEWS', 'G0OPSTEAM']);
    expect(refs('VPN maintenance').sort()).toEqual(['C0ITNEWS', 'dm-U0A', 'dm-U0B']);
    await check.close();
    const [second, first] = list.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(first).toMatchObject({ id: 1, audience: { slackChannels: ['C0ITNEWS', 'G0OPSTEAM'] }, progress: { notice: { audience: 0, channels: { audience: 2, enqueued: 2 } } } });
    expect(second).toMatchObject({ id: 2, progress: { notice: { audience: 2, enqueued: 2, channels: { audience: 1, enqueued: 1 } } } });
    // Without the Slack settings the CLI refuses instead of queueing posts nobody can send.
    await expect(runBroadcastCommand(['Mail down', '--slack-channel', 'C0ITNEWS'], io({ DATABASE_PATH: db.file }, cwd))).rejects.toThrow(/SLACK_BOT_TOKEN/);
    await expect(runBroadcastCommand(['Mail down', '--slack-channel', '#general'], io(env, cwd))).rejects.toThrow(/channel id such as C0123ABCD/);
    db.cleanup();
  });
});
