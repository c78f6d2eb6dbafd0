import { BroadcastService } from '../../src/broadcast/broadcast-service';
import { loadKpiData } from '../../src/kpi/load-kpi-data';
import { parsePeriod } from '../../src/kpi/period';
import { computeReport } from '../../src/kpi/report';
import { SqliteStore } from '../../src/store/sqlite-store';
import { manualClock, outboxCounts, seedUsers, sqliteBroadcasts, tempDb } from './helpers';

const PEOPLE = [
  { id: 'U0ANN', channel: 'slack' as const }, { id: 'U0BO', channel: 'slack' as const, threads: true },
  { id: 'cy@acme.test', channel: 'email' as const }, { id: 'dee', channel: 'teams' as const },
];

const EVE_THREAD = '1700000000.000100';

describe('broadcasts into Slack channels', () => {
  let db: ReturnType<typeof tempDb>;
  let store: SqliteStore;
  let service: BroadcastService;
  const time = manualClock();
  beforeEach(async () => {
    db = tempDb();
    store = new SqliteStore(db.file);
    await seedUsers(store, PEOPLE);
    // A person who mentioned the bot inside C0ITNEWS (a thread, as the Slack channel maps it): the target must not take it over.
    await store.acceptInbound({ ref: { channel: 'slack', conversationId: 'C0ITNEWS', userId: 'U0EVE', threadId: EVE_THREAD }, platformMessageId: 'e1', text: 'hi' }, '2026-03-01T10:00:00.000Z');
    service = new BroadcastService({ broadcasts: sqliteBroadcasts(store), store, clock: time.clock, sleep: async () => {}, slackConfigured: true });
  });
  afterEach(async () => {
    await service.stop();
    await store.close();
    db.cleanup();
  });

  const outboxOf = (marker: string) =>
    (store.db.prepare('SELECT o.conversation_id, o.ref_json FROM outbox o JOIN messages m ON m.outbox_id = o.id WHERE m.payload_json LIKE ? ORDER BY o.id').all(`%${marker}%`) as { conversation_id: number; ref_json: string }[])
      .map((r) => ({ conversationId: r.conversation_id, ref: JSON.parse(r.ref_json) as { channel: string; conversationId: string; threadId?: string } }));

  test('only Slack channels named: one post per channel and per kind, no person messaged, also after a second run', async () => {
    // Act: the ids are validated, upper-cased and de-duplicated.
    const posted = await service.post({ text: 'Mail is down in Shanghai', audience: { slackChannels: ['C0ITNEWS', 'g0opsteam', 'C0ITNEWS'] } }, 'agent:root');
    const first = await service.send();
    const again = await service.send();
    const closed = await service.close(posted.broadcast.id, 'Mail is back', 'agent:root');
    await service.send();
    await service.send();

    // Assert
    expect([posted.audience, posted.channels, closed.audience, closed.channels]).toEqual([0, 2, 0, 2]);
    expect(first).toEqual({ queued: 2, recovered: 0, skipped: 0 });
    expect(again).toEqual({ queued: 0, recovered: 0, skipped: 0 });
    for (const marker of ['Mail is down in Shanghai', 'Mail is back']) {
      const rows = outboxOf(marker);
      expect(rows.map((r) => r.ref)).toEqual([
        expect.objectContaining({ channel: 'slack', conversationId: 'C0ITNEWS' }), expect.objectContaining({ channel: 'slack', conversationId: 'G0OPSTEAM' }),
      ]);
      expect(rows.every((r) => r.ref.threadId === undefined)).toBe(true);
    }
    const eve = (await store.findConversation({ channel: 'slack', conversationId: 'C0ITNEWS', threadId: EVE_THREAD }))!;
    expect(outboxCounts(store, 'Mail is').has(eve.id)).toBe(false);
    expect(await service.broadcasts.progress(posted.broadcast.id)).toEqual({
      notice: { audience: 0, enqueued: 0, sent: 0, failed: 0, channels: { audience: 2, enqueued: 2, sent: 0, failed: 0 } },
      follow_up: { audience: 0, enqueued: 0, sent: 0, failed: 0, channels: { audience: 2, enqueued: 2, sent: 0, failed: 0 } },
    });
  });

  test('people plus a channel; later broadcasts and the KPIs never count the channel as a person', async () => {
    // Arrange: a broadcast to every Slack user and into C0ITNEWS, sent and marked delivered.
    const a = await service.post({ text: 'VPN maintenance tonight', audience: { channels: ['slack'], slackChannels: ['C0ITNEWS'] } }, 'agent:root');
    await service.send();
    // Act: a later broadcast to everyone, and the same channel named again.
    const b = await service.post({ text: 'Printers on floor 3 offline' }, 'agent:root');
    const c = await service.post({ text: 'Printers are back', audience: { categories: [], slackChannels: ['C0ITNEWS'] } }, 'agent:root');
    await service.send();
    for (const row of store.db.prepare("SELECT id FROM outbox WHERE status = 'pending'").all() as { id: number }[]) await store.markSent(row.id, time.clock().toISOString());
    const report = computeReport(loadKpiData(store.db, time.clock().toISOString()), parsePeriod({ from: '2026-03-01', to: '2026-03-02' }, time.clock()), time.clock().toISOString());

    // Assert: Slack people are ann, bo and eve (eve's only conversation is her thread in C0ITNEWS).
    expect([a.audience, a.channels]).toEqual([3, 1]);
    expect([b.audience, b.channels]).toEqual([5, 0]);
    expect([c.audience, c.channels]).toEqual([0, 1]);
    const vpn = outboxOf('VPN maintenance');
    const target = vpn.find((r) => r.ref.conversationId === 'C0ITNEWS' && r.ref.threadId === undefined)!;
    // Eve's notice goes into her thread; the channel post is a top-level message of its own.
    expect(vpn.filter((r) => r.ref.conversationId === 'C0ITNEWS').map((r) => r.ref.threadId)).toEqual([EVE_THREAD, undefined]);
    expect(outboxOf('Printers are back')).toEqual([target]);
    expect(outboxOf('Printers on floor 3').some((r) => r.conversationId === target.conversationId)).toBe(false);
    // 3 + 5 people reached, 2 channel posts not counted: 5 distinct people.
    expect(report.notifications).toEqual({ deliveries: 8, users: 5 });
    expect((await service.broadcasts.progress(a.broadcast.id)).notice).toEqual({ audience: 3, enqueued: 3, sent: 3, failed: 0, channels: { audience: 1, enqueued: 1, sent: 1, failed: 0 } });
    expect(await service.broadcasts.activeTexts()).toEqual(['Printers are back', 'Printers on floor 3 offline', 'VPN maintenance tonight']);
  });

  test('bad Slack channel ids, too many, or Slack not configured: refused with the fix', async () => {
    await expect(service.post({ text: 'Mail down', audience: { slackChannels: ['#general'] } }, 'agent:root')).rejects.toThrow(/Slack channel id such as C0123ABCD/);
    await expect(service.post({ text: 'Mail down', audience: { slackChannels: ['U0ANN'] } }, 'agent:root')).rejects.toThrow(/audience.slackChannels.0/);
    const many = Array.from({ length: 21 }, (_, i) => `C0CHAN${String(i).padStart(3, '0')}`);
    await expect(service.post({ text: 'Mail down', audience: { slackChannels: many } }, 'agent:root')).rejects.toThrow(/at most 20 Slack channels/);
    const noSlack = new BroadcastService({ broadcasts: sqliteBroadcasts(store), store, clock: time.clock, slackConfigured: false });
    await expect(noSlack.post({ text: 'Mail down', audience: { slackChannels: ['C0ITNEWS'] } }, 'agent:root')).rejects.toThrow(/set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/);
    expect(await service.broadcasts.list()).toEqual([]);
  });
});
