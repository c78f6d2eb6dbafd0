import { BroadcastSender } from '../../src/broadcast/broadcast-sender';
import { BroadcastService } from '../../src/broadcast/broadcast-service';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { ChannelName } from '../../src/types/conversation';
import { manualClock, outboxCounts, seedUsers, sqliteBroadcasts, tempDb } from './helpers';

const CHANNELS: ChannelName[] = ['slack', 'teams', 'email', 'webchat'];
const USERS = Array.from({ length: 23 }, (_, i) => ({ id: `u${i}`, channel: CHANNELS[i % 4], threads: i % 5 === 0 }));
const TEXT = 'Mail is down in Shanghai, we are on it';

describe('broadcast delivery: every audience member once', () => {
  let db: ReturnType<typeof tempDb>;
  beforeEach(() => {
    db = tempDb();
  });
  afterEach(() => db.cleanup());

  test('a crash between commit and bookkeeping, then a restart: each member has exactly one notice', async () => {
    // Arrange: 23 users (some with a second, threaded conversation) and a broadcast to everyone.
    const first = new SqliteStore(db.file);
    await seedUsers(first, [...USERS, { id: 'dev', channel: 'terminal' }]);
    const time = manualClock();
    const posted = await sqliteBroadcasts(first).create({ text: TEXT, audience: { channels: [], categories: [] }, createdBy: 'agent:root' }, time.clock().toISOString());
    expect(posted.audience).toBe(23);
    // The process "dies" right after its 7th turn committed, before the delivery row recorded the outbox id.
    let commits = 0;
    const dying = {
      getConversation: (id: number) => first.getConversation(id),
      commitTurn: async (c: Parameters<SqliteStore['commitTurn']>[0]) => {
        const result = await first.commitTurn(c);
        if (++commits === 7) throw new Error('SIGKILL');
        return result;
      },
    };
    const sleeps: number[] = [];
    const sender = new BroadcastSender({ store: dying, broadcasts: sqliteBroadcasts(first), clock: time.clock, ratePerSecond: 5, sleep: async (ms) => { sleeps.push(ms); } });
    await expect(sender.run()).rejects.toThrow('SIGKILL');
    await first.close();

    // Act: a new process on the same file, after the dead sender's claim lapsed.
    time.advance(61_000);
    const second = new SqliteStore(db.file);
    const resumed = await new BroadcastSender({ store: second, broadcasts: sqliteBroadcasts(second), clock: time.clock, ratePerSecond: 5, sleep: async () => {} }).run();

    // Assert: 6 were queued before the crash, the 7th is recovered (not sent again), the other 16 queued now.
    expect(resumed).toEqual({ queued: 16, recovered: 1, skipped: 0 });
    const counts = outboxCounts(second, 'Mail is down in Shanghai');
    expect(counts.size).toBe(23);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const members = second.db.prepare("SELECT count(DISTINCT d.user_id) AS users, count(*) AS n, count(d.outbox_id) AS done FROM broadcast_deliveries d").get();
    expect(members).toEqual({ users: 23, n: 23, done: 23 });
    // Threaded conversations are skipped for the user's direct one; the terminal is never in "everyone".
    const threaded = second.db.prepare("SELECT count(*) AS n FROM broadcast_deliveries d JOIN conversations c ON c.id = d.conversation_id WHERE c.thread_id <> '' OR c.channel = 'terminal'").get();
    expect(threaded).toEqual({ n: 0 });
    expect(sleeps).toEqual([1000]);
    await second.close();
  });

  test('stopping after N and starting a new sender: no member twice, none missed; a second live sender skips claimed work', async () => {
    const store = new SqliteStore(db.file);
    await seedUsers(store, USERS);
    const time = manualClock();
    const broadcasts = sqliteBroadcasts(store);
    const { broadcast } = await broadcasts.create({ text: TEXT, audience: { channels: [], categories: [] }, createdBy: 'cli:ops' }, time.clock().toISOString());
    const make = () => new BroadcastSender({ store, broadcasts: sqliteBroadcasts(store), clock: time.clock, ratePerSecond: 4, sleep: async () => {} });

    expect(await make().run({ limit: 9 })).toEqual({ queued: 9, recovered: 0, skipped: 0 });
    expect((await broadcasts.progress(broadcast.id)).notice).toMatchObject({ audience: 23, enqueued: 9 });
    // Another process claims one delivery and stalls: the next run leaves it alone until the lease lapses.
    const stalled = (await broadcasts.pending(1, time.clock().toISOString()))[0];
    expect(await broadcasts.claim(stalled, time.clock().toISOString(), 60_000)).toBe(true);
    expect(await make().run()).toEqual({ queued: 13, recovered: 0, skipped: 0 });
    time.advance(60_000);
    expect(await make().run()).toEqual({ queued: 1, recovered: 0, skipped: 0 });
    const counts = outboxCounts(store, 'Mail is down in Shanghai');
    expect([counts.size, Math.max(...counts.values())]).toEqual([23, 1]);
    await store.close();
  });

  test('rate limit: batches of N per second, the sleep fills the rest of the second', async () => {
    const store = new SqliteStore(db.file);
    await seedUsers(store, USERS.slice(0, 10));
    const time = manualClock();
    const sleeps: number[] = [];
    const service = new BroadcastService({ broadcasts: sqliteBroadcasts(store), store, clock: time.clock });
    await service.post({ text: TEXT }, 'agent:root');
    // Each delivery "takes" 100 ms on the injected clock, so a batch of 4 leaves 600 ms to wait.
    const store2 = { getConversation: (id: number) => store.getConversation(id), commitTurn: async (c: Parameters<SqliteStore['commitTurn']>[0]) => { time.advance(100); return store.commitTurn(c); } };
    const sender = new BroadcastSender({ store: store2, broadcasts: service.broadcasts, clock: time.clock, ratePerSecond: 4, sleep: async (ms) => { sleeps.push(ms); time.advance(ms); } });
    expect(await sender.run()).toEqual({ queued: 10, recovered: 0, skipped: 0 });
    expect(sleeps).toEqual([600, 600]);
    await store.close();
  });
});
