import type { CoreStores } from '../../src/store/core-stores';
import type { Store } from '../../src/store/store';
import type { StoreHarness } from './harness';
import { draft, inbound } from './store-contract';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T09:00:00.000Z');
const day = (n: number) => new Date(T0 + n * DAY).toISOString();

/** A conversation by `user` (web chat, or WeCom) on day `n` that opens a ticket and gets a reply; the reply is sent unless `pending`. */
async function ticketConversation(store: Store, user: string, n: number, options: { pending?: boolean; channel?: 'wecom' } = {}) {
  const message = inbound(`m-${user}-${n}`, `my laptop ${user} is broken, call +49 170 1234567`, `c-${user}-${n}`, user);
  if (options.channel) message.ref = { ...message.ref, channel: options.channel };
  const accepted = await store.acceptInbound({ ...message, user: { name: `Name ${user}`, email: `${user}@example.com` } }, day(n));
  const result = await store.commitTurn({
    conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en',
    state: { answers: { phone: '+49 170 1234567' } }, tickets: [{ kind: 'open', draft: { ...draft(), summary: `Laptop of ${user}`, description: `${user} says it is broken` } }],
    events: [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: { channel: 'webchat', text: `${user} wrote this` } }],
    outbound: [{ kind: 'text', text: `Logged as {ticket} for ${user}.` }], now: day(n),
  });
  if (!options.pending) for (const id of result.outboxIds) await store.markSent(id, day(n));
  return result;
}

type Exported = { users: Array<{ name: string | null; email: string | null; platformUserId: string; conversations: Array<{ messages: Array<{ text: string }> }>; tickets: Array<{ number: string; summary: string; csat: number | null; events: Array<{ kind: string; data: Record<string, unknown> }> }> }> };

/** The behaviour every RetentionStore and PersonalDataStore must have (SQLite and PostgreSQL run this same suite). */
export function privacyContract(name: string, harness: StoreHarness): void {
  describe(`RetentionStore and PersonalDataStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    test('retention: old transcripts, sent payload copies and audit events go; tickets, numbers, pending replies and recent data stay', async () => {
      // Sent copies are kept until the pass (RETENTION_SENT_PAYLOAD_DAYS > 0).
      (s.store as unknown as { clearPayloadOnSend: boolean }).clearPayloadOnSend = false;
      const old = await ticketConversation(s.store, 'old', 0);
      const mid = await ticketConversation(s.store, 'mid', 300);
      const recent = await ticketConversation(s.store, 'new', 400);
      const waiting = await ticketConversation(s.store, 'wait', 10, { pending: true });

      const result = await s.retention.apply({ transcriptDays: 365, sentPayloadDays: 1, auditDays: 200 }, new Date(day(400.5)));

      expect(result).toEqual({ messagesDeleted: 3, payloadsCleared: 2, outboxRowsDeleted: 1, auditEventsDeleted: 2 });
      expect(await s.store.transcript(old.conversation.id)).toEqual([]);
      expect(await s.store.transcript(mid.conversation.id)).toHaveLength(2);
      expect(await s.store.transcript(recent.conversation.id)).toHaveLength(2);
      // A reply still waiting to go out keeps its row and its copy (the answered question goes).
      expect((await s.store.transcript(waiting.conversation.id)).map((m) => m.direction)).toEqual(['out']);
      expect((await s.store.dueOutbox(day(401), 10)).map((r) => r.id)).toEqual(waiting.outboxIds);
      expect(await s.store.ticketEvents(old.openedTicket!.id)).toEqual([]);
      expect(await s.store.ticketEvents(mid.openedTicket!.id)).toHaveLength(1);
      expect((await s.store.getTicket(old.openedTicket!.id))?.number).toBe('INC-000001');
      // A second pass finds nothing more; a zero policy keeps everything but failed/sent payloads.
      expect(await s.retention.apply({ transcriptDays: 365, sentPayloadDays: 1, auditDays: 200 }, new Date(day(400.5))))
        .toEqual({ messagesDeleted: 0, payloadsCleared: 0, outboxRowsDeleted: 0, auditEventsDeleted: 0 });
      expect(await s.retention.apply({ transcriptDays: 0, sentPayloadDays: 0, auditDays: 0 }, new Date(day(401))))
        .toEqual({ messagesDeleted: 0, payloadsCleared: 1, outboxRowsDeleted: 0, auditEventsDeleted: 0 });
    });

    test('a rated answer: export shows the rating and comment; erase removes the comment and keeps the rating for the KPIs', async () => {
      const accepted = await s.store.acceptInbound(inbound('q1', 'how do I share my calendar', 'c-cal', 'cal'), day(0));
      await s.store.commitTurn({
        conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en',
        state: { phase: 'awaiting_csat', rating: 'kb_answer' }, tickets: [], events: [], outbound: [], now: day(0),
        kbAnswer: { lang: 'en', category: 'email', articles: ['calendar-share'] },
      });
      const rated = await s.store.acceptInbound(inbound('q2', '5 thanks Ana here, call me on +49 170 1234567', 'c-cal', 'cal'), day(0));
      await s.store.commitTurn({
        conversationId: rated.conversationId, expectedVersion: 1, inboundMessageId: rated.messageId, mode: 'bot', lang: 'en',
        state: { phase: 'awaiting_description' }, tickets: [], events: [], outbound: [], now: day(0),
        kbAnswerRating: { score: 5, comment: 'thanks Ana here, call me on +49 170 1234567' },
      });
      type WithAnswers = { users: Array<{ conversations: Array<{ answeredQuestions: unknown[] }> }> };
      const before = await s.personalData.exportData('ana@example.com') as WithAnswers;
      expect(before.users[0].conversations[0].answeredQuestions).toEqual([{ at: day(0), articles: ['calendar-share'], csat: 5, comment: 'thanks Ana here, call me on +49 170 1234567' }]);

      await s.personalData.erase('ana@example.com', new Date(day(1)), 'admin:test');

      const { userId } = (await s.store.getConversation(rated.conversationId))!;
      const after = await s.personalData.exportData(String(userId)) as WithAnswers;
      expect(after.users[0].conversations[0].answeredQuestions).toEqual([{ at: day(0), articles: ['calendar-share'], csat: 5, comment: '[erased]' }]);
      expect((await s.kpi.loadKpiData(day(2))).kbAnswers!.map((a) => a.csat)).toEqual([5]);
    });

    test('export shows the person\'s data on every channel; erase removes it, keeps numbers and KPI fields, fails queued replies and tier-2 posts quoting them', async () => {
      const ana = await ticketConversation(s.store, 'ana', 0);
      await ticketConversation(s.store, 'ana', 1, { pending: true, channel: 'wecom' });
      const bo = await ticketConversation(s.store, 'bo', 0);
      const tier2 = await s.agentThreads.queueEscalation('slack', ana.openedTicket!, 'C0TIER2', { kind: 'text', text: 'Name ana: my laptop ana is broken' }, 1, day(0));
      await s.wecomCards.saveCard({ taskId: 'fd-ana', kind: 'choice', recipient: 'ana', ticket: null, choices: [], responseCode: null }, day(0));

      const before = await s.personalData.exportData('ANA@example.com') as Exported;
      expect(before.users).toHaveLength(2);
      expect(before.users[0]).toMatchObject({ name: 'Name ana', email: 'ana@example.com', platformUserId: 'ana' });
      expect(before.users[0].conversations.flatMap((c) => c.messages.map((m) => m.text))).toEqual(expect.arrayContaining([expect.stringContaining('my laptop ana is broken')]));
      expect(before.users.flatMap((u) => u.tickets.map((t) => t.summary))).toEqual(['Laptop of ana', 'Laptop of ana']);
      expect((await s.personalData.findUsers(String(ana.conversation.userId))).map((u) => Number(u.id))).toEqual([ana.conversation.userId]);
      await expect(s.personalData.exportData('nobody@example.com')).rejects.toThrow('no user with email nobody@example.com');

      const erased = await s.personalData.erase('ana@example.com', new Date(day(2)), 'admin:test');

      expect(erased).toEqual({ users: 2, conversations: 2, messages: 4, tickets: 2, events: 2, outbox: 3 });
      const after = await s.personalData.exportData(String(ana.conversation.userId)) as Exported;
      expect(after.users[0]).toMatchObject({ name: null, email: null, platformUserId: `erased-${ana.conversation.userId}` });
      expect(after.users[0].conversations.flatMap((c) => c.messages)).toEqual([]);
      expect(after.users[0].tickets.map((t) => [t.number, t.summary])).toEqual([['INC-000001', '[erased]']]);
      expect(after.users[0].tickets[0].events.map((e) => [e.kind, e.data])).toEqual([['opened', { channel: 'webchat' }], ['personal_data_erased', {}]]);
      expect(JSON.stringify(after)).not.toMatch(/ana@|Name ana|1234567|ana says/);
      // Nothing about her goes out any more: her queued reply and the tier-2 post quoting her failed.
      const due = (await s.store.dueOutbox(day(3), 20)).map((r) => r.id);
      expect(due).not.toContain(tier2!.outboxIds[0]);
      expect(await s.store.countOutbox('pending')).toBe(0);
      expect(await s.store.countOutbox('failed')).toBe(2);
      expect(await s.wecomCards.card('fd-ana')).toBeNull();
      // Bo is untouched; the email no longer finds anyone.
      expect(((await s.personalData.exportData('bo@example.com')) as Exported).users[0].tickets.map((t) => t.summary)).toEqual(['Laptop of bo']);
      expect((await s.store.getTicket(bo.openedTicket!.id))?.summary).toBe('Laptop of bo');
      await expect(s.personalData.erase('ana@example.com', new Date(day(3)))).rejects.toThrow('no user with email');
    });

    test('two instances erasing one person at once both finish; the data is gone once', async () => {
      const ana = await ticketConversation(s.store, 'ana', 0);
      const other = await harness.another();
      const id = String(ana.conversation.userId);
      const results = await Promise.all([s.personalData.erase(id, new Date(day(1))), other.personalData.erase(id, new Date(day(1)))]);
      expect(results.map((r) => r.tickets)).toEqual([1, 1]);
      expect(results.map((r) => r.messages).sort()).toEqual([0, 2]);
      const events = await s.store.ticketEvents(ana.openedTicket!.id);
      expect(events.map((e) => e.kind)).toEqual(['opened', 'personal_data_erased', 'personal_data_erased']);
    });
  });
}
