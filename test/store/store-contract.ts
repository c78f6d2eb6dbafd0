import type { Store, TurnCommit } from '../../src/store/store';
import type { InboundMessage } from '../../src/types/conversation';
import type { TicketDraft } from '../../src/types/ticket';

const NOW = '2026-03-02T09:00:00.000Z';

/** An inbound message from `user` in conversation `conv`. */
export function inbound(id: string, text = 'my laptop is broken', conv = 'c1', user = 'u1'): InboundMessage {
  return { ref: { channel: 'webchat', conversationId: conv, userId: user }, platformMessageId: id, text, user: { name: 'Ana Lima', email: 'ana@example.com' } };
}

/** A complete ticket draft. */
export function draft(type: TicketDraft['type'] = 'incident'): TicketDraft {
  return {
    type, category: 'hardware', impact: 3, urgency: 2, priority: 'P4', summary: 'Laptop broken', description: 'My laptop is broken',
    lang: 'en', responseDueAt: '2026-03-02T17:00:00.000Z', resolveDueAt: '2026-03-09T17:00:00.000Z',
  };
}

/**
 * The behaviour every Store must have. A PostgreSQL store runs this same suite with its own factory.
 * `makeStore` returns a fresh, empty store.
 */
export function storeContract(name: string, makeStore: () => Promise<Store>, dispose: (s: Store) => Promise<void>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => dispose(store));

    async function openTicket(messageId: string, type: TicketDraft['type'] = 'incident', conv = 'c1') {
      const accepted = await store.acceptInbound(inbound(messageId, 'broken', conv), NOW);
      const conversation = (await store.getConversation(accepted.conversationId))!;
      const commit: TurnCommit = {
        conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: accepted.messageId,
        mode: 'bot', lang: 'en', state: { phase: 'ticket_open' }, tickets: [{ kind: 'open', draft: draft(type) }],
        events: [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: {} }],
        outbound: [{ kind: 'text', text: 'Logged as {ticket}.' }], now: NOW,
      };
      return store.commitTurn(commit);
    }

    test('the same platform message stored twice is one message', async () => {
      const first = await store.acceptInbound(inbound('m1'), NOW);
      const second = await store.acceptInbound(inbound('m1'), NOW);
      expect(first.status).toBe('accepted');
      expect(second).toEqual({ status: 'duplicate', messageId: first.messageId, conversationId: first.conversationId });
      expect(await store.pendingInbound(10)).toHaveLength(1);
    });

    test('a person is found by their channel and platform id, and only on that channel', async () => {
      const accepted = await store.acceptInbound(inbound('m1', 'hi', 'c1', 'U0ANA'), NOW);
      const { userId } = (await store.getConversation(accepted.conversationId))!;
      expect(await store.findUser('webchat', 'U0ANA')).toMatchObject({ id: userId, platformUserId: 'U0ANA', name: 'Ana Lima' });
      expect(await store.findUser('slack', 'U0ANA')).toBeNull();
      expect(await store.findUser('webchat', 'U0NOBODY')).toBeNull();
    });

    test('a profile learnt after the message fills the user in and keeps what it does not know', async () => {
      const accepted = await store.acceptInbound({ ...inbound('m1'), user: { email: 'ana@example.com' } }, NOW);
      const { userId } = (await store.getConversation(accepted.conversationId))!;
      await store.updateUserProfile(userId, { name: 'Ana Lima', department: 'Finance' }, NOW);
      expect(await store.getUser(userId)).toMatchObject({ name: 'Ana Lima', email: 'ana@example.com', department: 'Finance' });
    });

    test('a time zone from the platform is kept; a later one (the person travelled) replaces it, a message without one keeps it', async () => {
      const accepted = await store.acceptInbound({ ...inbound('m1'), user: { timeZone: 'Asia/Shanghai' } }, NOW);
      const { userId } = (await store.getConversation(accepted.conversationId))!;
      expect((await store.getUser(userId))?.timeZone).toBe('Asia/Shanghai');
      await store.acceptInbound({ ...inbound('m2'), user: {} }, NOW);
      expect((await store.getUser(userId))?.timeZone).toBe('Asia/Shanghai');
      await store.updateUserProfile(userId, { timeZone: 'Europe/Berlin' }, NOW);
      expect((await store.getUser(userId))?.timeZone).toBe('Europe/Berlin');
      const other = await store.acceptInbound(inbound('m3', 'hi', 'c2', 'u2'), NOW);
      expect(await store.getUser((await store.getConversation(other.conversationId))!.userId)).not.toHaveProperty('timeZone');
    });

    test('a turn that learnt who the user is fills only the fields their record lacks', async () => {
      const accepted = await store.acceptInbound({ ...inbound('m1'), user: { email: 'ana@example.com' } }, NOW);
      const conversation = (await store.getConversation(accepted.conversationId))!;
      await store.commitTurn({
        conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en',
        state: { phase: 'awaiting_description' }, tickets: [], events: [], outbound: [], now: NOW,
        userProfile: { name: 'Ana Lima', email: 'typed@example.com', department: 'Finance' },
      });
      expect(await store.getUser(conversation.userId)).toMatchObject({ name: 'Ana Lima', email: 'ana@example.com', department: 'Finance' });
    });

    test('a committed turn opens a numbered ticket, fills the number into replies and marks the inbound done', async () => {
      const result = await openTicket('m1');
      expect(result.openedTicket?.number).toBe('INC-000001');
      expect(await store.pendingInbound(10)).toHaveLength(0);
      const [row] = await store.dueOutbox(NOW, 10);
      expect(row.message).toEqual({ kind: 'text', text: 'Logged as INC-000001.' });
      expect((await store.ticketEvents(result.openedTicket!.id)).map((e) => e.kind)).toEqual(['opened']);
    });

    test('a ticket opened closed or escalated records those times at once', async () => {
      const accepted = await store.acceptInbound(inbound('m1'), NOW);
      const result = await store.commitTurn({
        conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', state: {}, events: [], outbound: [], now: NOW,
        tickets: [{ kind: 'open', draft: { ...draft(), status: 'closed' } }],
      });
      expect(result.openedTicket).toMatchObject({ status: 'closed', closedAt: NOW, resolvedAt: NOW, escalatedAt: null });
    });

    test('incidents and requests are numbered separately, without gaps', async () => {
      const numbers = [];
      for (const [i, type] of (['incident', 'service_request', 'incident', 'question'] as const).entries()) {
        numbers.push((await openTicket(`m${i}`, type, `c${i}`)).openedTicket!.number);
      }
      expect(numbers).toEqual(['INC-000001', 'REQ-000001', 'INC-000002', 'REQ-000002']);
    });

    test('a stale version is refused and changes nothing', async () => {
      const accepted = await store.acceptInbound(inbound('m1'), NOW);
      const conversation = (await store.getConversation(accepted.conversationId))!;
      const stale: TurnCommit = {
        conversationId: conversation.id, expectedVersion: conversation.version + 1, mode: 'bot', lang: 'en', state: {},
        tickets: [{ kind: 'open', draft: draft() }], events: [], outbound: [{ kind: 'text', text: 'x' }], now: NOW,
      };
      await expect(store.commitTurn(stale)).rejects.toMatchObject({ code: 'conflict' });
      expect(await store.dueOutbox(NOW, 10)).toHaveLength(0);
      expect(await store.getTicketByNumber('INC-000001')).toBeNull();
    });

    test('a turn that fails half-way leaves no ticket, number or reply behind', async () => {
      const accepted = await store.acceptInbound(inbound('m1'), NOW);
      const conversation = (await store.getConversation(accepted.conversationId))!;
      const broken: TurnCommit = {
        conversationId: conversation.id, expectedVersion: conversation.version, mode: 'bot', lang: 'en', state: {},
        tickets: [{ kind: 'open', draft: draft() }], events: [{ ticketId: 999_999, actor: 'bot', kind: 'x', data: {} }],
        outbound: [{ kind: 'text', text: 'x' }], now: NOW,
      };
      // Errors from a native driver may come from another realm: match the shape, not instanceof.
      await expect(store.commitTurn(broken)).rejects.toHaveProperty('message', expect.any(String));
      expect(await store.dueOutbox(NOW, 10)).toHaveLength(0);
      expect((await openTicket('m2')).openedTicket?.number).toBe('INC-000001');
    });

    test('the outbox hands out one row per conversation, in order, and retries later', async () => {
      await openTicket('m1');
      const accepted = await store.acceptInbound(inbound('m2', 'more'), NOW);
      const conversation = (await store.getConversation(accepted.conversationId))!;
      await store.commitTurn({
        conversationId: conversation.id, expectedVersion: conversation.version, mode: 'bot', lang: 'en', state: {},
        tickets: [], events: [], outbound: [{ kind: 'text', text: 'second' }], now: NOW,
      });
      const [first, ...rest] = await store.dueOutbox(NOW, 10);
      expect(rest).toHaveLength(0);
      await store.markRetry(first.id, 'timeout', '2026-03-02T09:05:00.000Z');
      expect(await store.dueOutbox(NOW, 10)).toHaveLength(0);
      expect(await store.nextOutboxDue()).toBe('2026-03-02T09:05:00.000Z');
      const [again] = await store.dueOutbox('2026-03-02T09:05:00.000Z', 10);
      expect(again).toMatchObject({ id: first.id, attempts: 1, lastError: 'timeout' });
      // Held back before reaching the platform (its rate limit): planned later, not counted as an attempt.
      await store.markRetry(again.id, 'paced', '2026-03-02T09:05:01.000Z', { countAttempt: false });
      const [paced] = await store.dueOutbox('2026-03-02T09:05:01.000Z', 10);
      expect(paced).toMatchObject({ id: first.id, attempts: 1, lastError: 'paced' });
      await store.markSent(again.id, NOW);
      const [next] = await store.dueOutbox('2026-03-02T09:05:01.000Z', 10);
      expect(next.message).toEqual({ kind: 'text', text: 'second' });
      expect(await store.countOutbox('sent')).toBe(1);
    });

    test('the transcript shows both directions with delivery state', async () => {
      const result = await openTicket('m1');
      const transcript = await store.transcript(result.conversation.id);
      expect(transcript.map((m) => [m.direction, m.delivery])).toEqual([['in', null], ['out', 'pending']]);
      expect(transcript[1].text).toBe('Logged as INC-000001.');
    });

    test('ticket events are append-only', async () => {
      const result = await openTicket('m1');
      const ticket = result.openedTicket!;
      await store.commitTurn({
        conversationId: result.conversation.id, expectedVersion: result.conversation.version, mode: 'bot', lang: 'en', state: {},
        tickets: [{ kind: 'update', ticketId: ticket.id, fields: { status: 'resolved', resolvedAt: NOW } }],
        events: [{ ticketId: ticket.id, actor: 'agent:bo', kind: 'resolved', data: { note: 'replaced cable' } }], outbound: [], now: NOW,
      });
      expect((await store.getTicket(ticket.id))?.status).toBe('resolved');
      expect((await store.ticketEvents(ticket.id)).map((e) => e.kind)).toEqual(['opened', 'resolved']);
      expect(await store.ticketsForUser(result.conversation.userId, 5)).toHaveLength(1);
    });

    test('pending inbound in arrival order, or fair: each user\'s oldest first, the lighter user first within a round', async () => {
      for (const [id, user] of [['a1', 'ua'], ['a2', 'ua'], ['b1', 'ub'], ['a3', 'ua']]) await store.acceptInbound(inbound(id, 'hi', `c-${user}`, user), NOW);
      expect((await store.pendingInbound(10)).map((p) => p.message.platformMessageId)).toEqual(['a1', 'a2', 'b1', 'a3']);
      expect((await store.pendingInbound(10, 'fair')).map((p) => p.message.platformMessageId)).toEqual(['b1', 'a1', 'a2', 'a3']);
      expect((await store.pendingInbound(2, 'fair')).map((p) => p.message.platformMessageId)).toEqual(['b1', 'a1']);
      const [first] = await store.pendingInbound(1);
      expect(first.message).toMatchObject({ ref: { channel: 'webchat', conversationId: 'c-ua', userId: 'ua' }, text: 'hi', receivedAt: NOW });
    });

    test('a message id is unique per channel; a button value and a hold are kept; the thread is part of the conversation', async () => {
      const web = await store.acceptInbound(inbound('same'), NOW);
      const other = await store.acceptInbound({ ...inbound('same'), ref: { channel: 'slack', conversationId: 'D1', userId: 'U1', threadId: '171.1' } }, NOW);
      expect(other.status).toBe('accepted');
      expect(other.conversationId).not.toBe(web.conversationId);
      expect((await store.findConversation({ channel: 'slack', conversationId: 'D1', threadId: '171.1' }))?.id).toBe(other.conversationId);
      expect(await store.findConversation({ channel: 'slack', conversationId: 'D1' })).toBeNull();
      const held = await store.acceptInbound({ ...inbound('m2', 'cc reply'), action: { id: 'csat', value: '5' }, hold: { reason: 'third_party', from: 'bo@example.com' } }, NOW);
      const [message] = (await store.pendingInbound(10)).filter((p) => p.messageId === held.messageId);
      expect(message.message).toMatchObject({ action: { id: 'csat', value: '5' }, hold: { reason: 'third_party', from: 'bo@example.com' } });
      expect((await store.transcript(held.conversationId)).at(-1)?.author).toBe('webchat:bo@example.com');
    });


    test('a message\'s attached files are stored with it: read back by pending/claimed turns and the transcript; a retry stores it once', async () => {
      const files = [{ name: 'screen.png', size: 2048, key: 'webchat/abc/def/screen.png', type: 'image/png' }];
      const first = await store.acceptInbound({ ...inbound('f1', ''), files }, NOW);
      const again = await store.acceptInbound({ ...inbound('f1', ''), files }, NOW);
      expect(again).toEqual({ ...first, status: 'duplicate' });
      const plain = await store.acceptInbound(inbound('f2', 'no files'), NOW);
      const pending = await store.pendingInbound(10);
      expect(pending.find((p) => p.messageId === first.messageId)?.message).toMatchObject({ text: '', files });
      expect(pending.find((p) => p.messageId === plain.messageId)?.message.files).toBeUndefined();
      if (store.claimInbound) expect((await store.claimInbound(NOW, 10, 60_000)).find((p) => p.messageId === first.messageId)?.message.files).toEqual(files);
      const transcript = await store.transcript(first.conversationId);
      expect(transcript.filter((m) => m.direction === 'in').map((m) => (m.payload as { files?: unknown } | null)?.files ?? null)).toEqual([files, null]);
    });
    test('a failed delivery leaves the queue: counted as failed, never due again; the transcript pages after an id', async () => {
      const result = await openTicket('m1');
      const [row] = await store.claimDueOutbox(NOW, 10, 60_000);
      await store.markFailed(row.id, 'x'.repeat(2000));
      expect(await store.countOutbox('failed')).toBe(1);
      expect(await store.countOutbox('pending')).toBe(0);
      expect(await store.dueOutbox('2030-01-01T00:00:00.000Z', 10)).toEqual([]);
      expect(await store.nextOutboxDue()).toBeNull();
      const transcript = await store.transcript(result.conversation.id);
      expect(transcript.map((m) => m.delivery)).toEqual([null, 'failed']);
      expect(await store.transcript(result.conversation.id, transcript[0].id)).toEqual([transcript[1]]);
      expect(await store.ticketsForUser(result.conversation.userId, 5)).toMatchObject([{ number: 'INC-000001', requesterId: result.conversation.userId }]);
      expect(await store.getTicketByNumber('inc-000001')).toMatchObject({ id: result.openedTicket!.id, slots: {}, kbArticles: [], agentId: null });
    });

    test('a turn\'s ticket update changes only the fields given; JSON fields and times read back as written', async () => {
      const result = await openTicket('m1');
      await store.commitTurn({
        conversationId: result.conversation.id, expectedVersion: result.conversation.version, mode: 'agent', lang: 'zh', state: { phase: 'x', n: [1, 2] },
        tickets: [{ kind: 'update', ticketId: result.openedTicket!.id, fields: { agentId: 'bo', slots: { device: 'laptop' }, kbArticles: [{ id: 'vpn', helpful: null }], csat: 5, firstResponseAt: '2026-03-02T09:01:02.345Z' } }],
        events: [], outbound: [], now: '2026-03-02T09:05:00.000Z',
      });
      expect(await store.getTicket(result.openedTicket!.id)).toMatchObject({
        agentId: 'bo', slots: { device: 'laptop' }, kbArticles: [{ id: 'vpn', helpful: null }], csat: 5, firstResponseAt: '2026-03-02T09:01:02.345Z',
        status: 'new', summary: 'Laptop broken', responseDueAt: '2026-03-02T17:00:00.000Z', updatedAt: '2026-03-02T09:05:00.000Z', createdAt: NOW,
      });
      expect(await store.getConversation(result.conversation.id)).toMatchObject({ mode: 'agent', lang: 'zh', state: { phase: 'x', n: [1, 2] }, version: 2, ticketId: result.openedTicket!.id });
    });
  });
}
