import { activeBroadcastNotice, noticeMessage, prependActiveBroadcasts } from '../../src/broadcast/broadcast-notice';
import { BroadcastService } from '../../src/broadcast/broadcast-service';
import { SqliteStore } from '../../src/store/sqlite-store';
import { manualClock, outboxCounts, seedUsers, sqliteBroadcasts, tempDb } from './helpers';

describe('broadcast service', () => {
  let db: ReturnType<typeof tempDb>;
  let store: SqliteStore;
  let service: BroadcastService;
  const time = manualClock();
  beforeEach(async () => {
    db = tempDb();
    store = new SqliteStore(db.file);
    await seedUsers(store, [
      { id: 'ann', channel: 'slack' }, { id: 'bo', channel: 'slack' }, { id: 'cy', channel: 'teams' }, { id: 'di', channel: 'email' }, { id: 'ed', channel: 'webchat' },
    ]);
    service = new BroadcastService({ broadcasts: sqliteBroadcasts(store), store, clock: time.clock, sleep: async () => {} });
  });
  afterEach(async () => {
    await service.stop();
    await store.close();
    db.cleanup();
  });

  const conversationOf = (platformUser: string) =>
    (store.db.prepare('SELECT c.id FROM conversations c JOIN users u ON u.id = c.user_id WHERE u.platform_user_id = ?').get(platformUser) as { id: number }).id;

  test('audience by channel, and by open ticket category', async () => {
    expect((await service.post({ text: 'Slack and Teams notice', audience: { channels: ['slack', 'teams'] } }, 'agent:root')).audience).toBe(3);
    // cy has an open network ticket, bo a closed one: only cy is in the network audience.
    const insert = store.db.prepare(
      `INSERT INTO tickets (number, type, category, impact, urgency, priority, status, requester_id, conversation_id, summary, description, lang,
         response_due_at, resolve_due_at, created_at, updated_at)
       SELECT ?, 'incident', 'network', 2, 2, 'P3', ?, c.user_id, c.id, 's', '', 'en', 'x', 'x', 'x', 'x' FROM conversations c WHERE c.id = ?`,
    );
    insert.run('INC-000001', 'escalated', conversationOf('cy'));
    insert.run('INC-000002', 'closed', conversationOf('bo'));
    const { broadcast, audience } = await service.post({ text: 'VPN gateway maintenance tonight', audience: { categories: ['network'] } }, 'agent:root');
    expect(audience).toBe(1);
    await service.send({ broadcastId: broadcast.id });
    expect([...outboxCounts(store, 'VPN gateway maintenance').keys()]).toEqual([conversationOf('cy')]);
  });

  test('the notice leaves mode, language and bot state as they were', async () => {
    const id = conversationOf('ann');
    const before = (await store.getConversation(id))!;
    await store.commitTurn({ conversationId: id, expectedVersion: before.version, mode: 'agent', lang: 'zh', state: { phase: 'dialog', greeted: true }, tickets: [], events: [], outbound: [], now: time.clock().toISOString() });
    // Linked to a declared major incident (table of migration 3); an unknown number is refused.
    store.db.prepare("INSERT INTO major_incidents (number, category, title, created_at, updated_at) VALUES ('MI-000001', 'email', 'Mail down', 'x', 'x')").run();
    await expect(service.post({ text: 'Mail down', incident: 'MI-000002' }, 'agent:root')).rejects.toThrow(/no major incident MI-000002/);
    await service.post({ text: 'Mail is down in Shanghai, we are on it', incident: 'MI-000001' }, 'agent:root');
    await service.send();
    const after = (await store.getConversation(id))!;
    expect(after).toMatchObject({ mode: 'agent', lang: 'zh', state: { phase: 'dialog', greeted: true }, version: before.version + 2 });
    const transcript = await store.transcript(id);
    expect(transcript.at(-1)!.text).toBe('**IT 通知 (MI-000001)**：Mail is down in Shanghai, we are on it');
  });

  test('close: follow-up once to the same audience; active notices list only open broadcasts', async () => {
    const a = await service.post({ text: 'Mail is down in Shanghai', audience: { channels: ['slack'] } }, 'agent:root');
    const b = await service.post({ text: 'Printers on floor 3 offline' }, 'agent:root');
    await service.send();
    expect(await service.broadcasts.activeTexts()).toEqual(['Printers on floor 3 offline', 'Mail is down in Shanghai']);
    const closed = await service.close(a.broadcast.id, 'Mail is back in Shanghai', 'agent:root');
    expect(closed.audience).toBe(2);
    await service.send();
    await expect(service.close(a.broadcast.id, 'again', 'agent:root')).rejects.toThrow(/closed already/);
    await expect(service.close(999, 'nothing here', 'agent:root')).rejects.toThrow(/no broadcast 999/);
    expect(await service.broadcasts.activeTexts()).toEqual(['Printers on floor 3 offline']);
    const followUps = outboxCounts(store, 'Mail is back in Shanghai');
    expect([...followUps.keys()].sort()).toEqual([conversationOf('ann'), conversationOf('bo')].sort());
    expect([...followUps.values()]).toEqual([1, 1]);
    expect(await service.broadcasts.progress(a.broadcast.id)).toEqual({
      notice: { audience: 2, enqueued: 2, sent: 0, failed: 0, channels: { audience: 0, enqueued: 0, sent: 0, failed: 0 } },
      follow_up: { audience: 2, enqueued: 2, sent: 0, failed: 0, channels: { audience: 0, enqueued: 0, sent: 0, failed: 0 } },
    });
    expect((await service.broadcasts.get(b.broadcast.id))!.status).toBe('active');
  });

  test('bad input is refused with the fix', async () => {
    await expect(service.post({ text: 'x' }, 'agent:root')).rejects.toThrow(/3 to 1000 characters/);
    await expect(service.post({ text: 'Mail down', audience: { channels: ['fax'] } }, 'agent:root')).rejects.toThrow(/audience.channels/);
    await expect(service.post({ text: 'Mail down', incident: 'INC-000001' }, 'agent:root')).rejects.toThrow(/MI-000001/);
  });

  test('notice texts per language, and the start-of-conversation preface', () => {
    expect(noticeMessage({ text: 'Mail down', followUp: null, incident: null }, 'notice', 'en')).toEqual({ kind: 'text', text: '**IT notice**: Mail down' });
    expect(activeBroadcastNotice([], 'en')).toBeNull();
    expect(activeBroadcastNotice(['Mail down'], 'en')).toEqual({ kind: 'text', text: '**Current IT notice**: Mail down' });
    expect(activeBroadcastNotice(['A', 'B'], 'zh')).toEqual({ kind: 'text', text: '**当前 IT 通知**：\n• A\n• B' });
    const decision = { lang: 'en' as const, outbound: [{ kind: 'text' as const, text: 'Hi, how can I help?' }] };
    expect(prependActiveBroadcasts(decision, ['Mail down'], 'new').outbound.map((m) => m.text)).toEqual(['**Current IT notice**: Mail down', 'Hi, how can I help?']);
    expect(prependActiveBroadcasts(decision, ['Mail down'], 'dialog')).toBe(decision);
    expect(prependActiveBroadcasts(decision, [], 'new')).toBe(decision);
  });
});
