import { ChannelError } from '../../src/errors';
import type { ChannelAdapter } from '../../src/types/channel';
import type { ConversationRef, InboundMessage, OutboundMessage } from '../../src/types/conversation';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp, waitFor } from '../helpers/test-app';

/** A channel that records sends and fails the first `failures` attempts of each delivery. */
function recordingChannel(failures = 0, permanent = false) {
  const sent: { ref: ConversationRef; message: OutboundMessage; deliveryId: number }[] = [];
  const attempts = new Map<number, number>();
  const channel: ChannelAdapter = {
    name: 'terminal',
    capabilities: { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' },
    start: async () => {},
    stop: async () => {},
    send: async (ref, message, deliveryId) => {
      const n = (attempts.get(deliveryId) ?? 0) + 1;
      attempts.set(deliveryId, n);
      if (n <= failures) throw new ChannelError('platform unavailable', permanent);
      sent.push({ ref, message, deliveryId });
    },
  };
  return { channel, sent, attempts };
}

const msg = (id: string, text: string): InboundMessage => ({
  ref: { channel: 'terminal', conversationId: 'term:ana', userId: 'ana' },
  platformMessageId: id,
  text,
});

const text = (m: OutboundMessage) => (m.kind === 'text' ? m.text : '');

describe('Engine end to end through a local channel', () => {
  test('a profile still being looked up at the ack reaches the turn; a failed lookup does not stop it', async () => {
    const rec = recordingChannel();
    const t = await startTestApp({ DISPATCH_BASE_DELAY_MS: '1' }, { channels: [rec.channel], turnDeps: fixedTurnDeps() });
    try {
      let answer: (profile: { name: string; department: string }) => void = () => {};
      const late = new Promise<{ name: string; department: string }>((resolve) => (answer = resolve));
      await t.app.engine.accept(msg('p1', 'hello'), late);
      // The profile arrives after the message was stored and acknowledged.
      setTimeout(() => answer({ name: 'Ana Lima', department: 'Finance' }), 20);
      await waitFor(() => rec.sent.length === 1);
      expect(text(rec.sent[0].message)).toMatch(/^Hi Ana!/);
      const conversation = await t.app.store.findConversation(msg('p1', '').ref);
      expect(await t.app.store.getUser(conversation!.userId)).toMatchObject({ name: 'Ana Lima', department: 'Finance' });

      await t.app.engine.accept({ ...msg('p2', 'hello'), ref: { ...msg('p2', '').ref, conversationId: 'term:bo', userId: 'bo' } }, Promise.reject(new Error('users.info timed out')));
      await waitFor(() => rec.sent.length === 2);
      expect(text(rec.sent[1].message)).toMatch(/^Hi!/);
    } finally {
      await t.stop();
    }
  });

  test('the same platform message twice yields one ticket and one reply', async () => {
    const rec = recordingChannel();
    const t = await startTestApp({ DISPATCH_BASE_DELAY_MS: '1' }, { channels: [rec.channel], turnDeps: fixedTurnDeps() });
    try {
      const first = await t.app.engine.receive(msg('p1', 'my laptop will not boot'));
      const second = await t.app.engine.receive(msg('p1', 'my laptop will not boot'));
      await t.app.dispatcher.drainDue();
      expect([first.status, second.status]).toEqual(['accepted', 'duplicate']);
      expect(rec.sent).toHaveLength(1);
      expect(text(rec.sent[0].message)).toMatch(/INC-000001/);
      expect(await t.app.store.getTicketByNumber('INC-000002')).toBeNull();
    } finally {
      await t.stop();
    }
  });

  test('status answers with the ticket, and refuses tickets of other users', async () => {
    const rec = recordingChannel();
    const t = await startTestApp({}, { channels: [rec.channel], turnDeps: fixedTurnDeps() });
    try {
      await t.app.engine.receive(msg('p1', 'printer jams on every page'));
      await t.app.engine.receive(msg('p2', 'status INC-000001'));
      await t.app.engine.receive({ ...msg('p3', 'status INC-000001'), ref: { channel: 'terminal', conversationId: 'term:bo', userId: 'bo' } });
      await t.app.dispatcher.drainDue();
      const repliesTo = (user: string) => rec.sent.filter((s) => s.ref.userId === user).map((s) => text(s.message));
      expect(repliesTo('ana')[1]).toMatch(/INC-000001.*printer jams/s);
      expect(repliesTo('bo')).toEqual([expect.stringMatching(/can't find a ticket INC-000001/)]);
    } finally {
      await t.stop();
    }
  });

  test('a failing send is retried with backoff until it goes through, then marked sent once', async () => {
    const rec = recordingChannel(2);
    const t = await startTestApp({ DISPATCH_BASE_DELAY_MS: '5' }, { channels: [rec.channel], turnDeps: fixedTurnDeps() });
    try {
      await t.app.engine.receive(msg('p1', 'monitor shows no signal'));
      await waitFor(() => rec.sent.length === 1, 5000, 'delivery after retries');
      expect([...rec.attempts.values()]).toEqual([3]);
      // "sent" is written once the platform answered, a moment after the recorder saw the message.
      await waitFor(async () => (await t.app.store.countOutbox('sent')) === 1, 5000, 'the row marked sent');
      expect(await t.app.store.countOutbox('sent')).toBe(1);
      expect(rec.sent).toHaveLength(1);
    } finally {
      await t.stop();
    }
  });

  test('a permanent failure is recorded as failed with its reason and not retried', async () => {
    const rec = recordingChannel(99, true);
    const t = await startTestApp({ DISPATCH_BASE_DELAY_MS: '1' }, { channels: [rec.channel], turnDeps: fixedTurnDeps() });
    try {
      const { messageId } = await t.app.engine.receive(msg('p1', 'my keyboard is dead'));
      await waitFor(async () => (await t.app.store.countOutbox('failed')) === 1, 5000, 'failed row');
      const conversation = await t.app.store.findConversation({ channel: 'terminal', conversationId: 'term:ana' });
      const transcript = await t.app.store.transcript(conversation!.id);
      expect(transcript.find((m) => m.id > messageId)?.delivery).toBe('failed');
      expect([...rec.attempts.values()]).toEqual([1]);
    } finally {
      await t.stop();
    }
  });

  test('a turn that throws gets an apology and the next message still works', async () => {
    const rec = recordingChannel();
    let calls = 0;
    const deps = fixedTurnDeps();
    const t = await startTestApp({}, {
      channels: [rec.channel],
      turnDeps: (now) => ({ ...deps(now), assess: (s: string) => { if (calls++ === 0) throw new Error('model exploded'); return deps(now).assess(s); } }),
    });
    try {
      await t.app.engine.receive(msg('p1', 'vpn broken'));
      await t.app.engine.receive(msg('p2', 'vpn broken, please help'));
      await t.app.dispatcher.drainDue();
      expect(rec.sent.map((s) => text(s.message))).toEqual([expect.stringMatching(/Sorry, something went wrong/), expect.stringMatching(/INC-000001/)]);
    } finally {
      await t.stop();
    }
  });

  test('malformed inbound messages are refused before anything is stored', async () => {
    const t = await startTestApp({}, { channels: [recordingChannel().channel], turnDeps: fixedTurnDeps() });
    try {
      await expect(t.app.engine.accept({ ref: { channel: 'terminal' }, text: 'x' })).rejects.toMatchObject({ code: 'validation_failed' });
      expect(await t.app.store.pendingInbound(10)).toHaveLength(0);
    } finally {
      await t.stop();
    }
  });
});

describe('knowledge-base offer answered with a command', () => {
  const hit = { id: 'printer-offline', title: 'Printer shows offline', excerpt: 'Check the cable', url: 'http://localhost:3000/kb/printer-offline?lang=en' };

  test('"talk to a human" at the offer escalates with the articles marked not helpful', async () => {
    const rec = recordingChannel();
    const t = await startTestApp({}, { channels: [rec.channel], turnDeps: fixedTurnDeps({}, [hit]) });
    try {
      await t.app.engine.receive(msg('p1', 'printer says offline'));
      await t.app.engine.receive(msg('p2', 'talk to a human'));
      const ticket = await t.app.store.getTicketByNumber('INC-000001');
      expect(ticket).toMatchObject({ status: 'escalated', kbArticles: [{ id: 'printer-offline', helpful: false }] });
      const escalation = (await t.app.store.ticketEvents(ticket!.id)).find((e) => e.kind === 'escalated');
      expect(escalation?.data).toMatchObject({ reason: 'requested', kbTried: [{ id: 'printer-offline', helpful: false }] });
    } finally {
      await t.stop();
    }
  });

  test('a message over the length limit is kept up to the limit, not refused (the person still gets an answer)', async () => {
    const t = await startTestApp({}, { dispatch: false, turnDeps: fixedTurnDeps() });
    try {
      await t.app.engine.accept({ ...msg('p1', 'x'.repeat(20_050)) });
      const [pending] = await t.app.store.pendingInbound(10);
      expect(pending.message.text).toHaveLength(20_000);
    } finally {
      await t.stop();
    }
  });

  test('"cancel" at the offer withdraws the ticket logged with it', async () => {
    const rec = recordingChannel();
    const t = await startTestApp({}, { channels: [rec.channel], turnDeps: fixedTurnDeps({}, [hit]) });
    try {
      await t.app.engine.receive(msg('p1', 'printer says offline'));
      await t.app.engine.receive(msg('p2', 'cancel'));
      await t.app.dispatcher.drainDue();
      expect(await t.app.store.getTicketByNumber('INC-000001')).toMatchObject({ status: 'closed' });
      expect(text(rec.sent[rec.sent.length - 1].message)).toMatch(/withdrawn \*\*INC-000001\*\*/);
    } finally {
      await t.stop();
    }
  });
});

describe('an unsure classifier logs with its best guess instead of showing a menu of areas', () => {
  test('the ticket is logged at once with the guess; no "Which area" menu (agents correct the area)', async () => {
    const rec = recordingChannel();
    const t = await startTestApp({}, { channels: [rec.channel], turnDeps: fixedTurnDeps({ category: 'other', confidence: 0.2, categoryUncertain: true }) });
    try {
      await t.app.engine.receive(msg('p1', 'the thing in room 4 is weird'));
      await t.app.dispatcher.drainDue();
      expect(rec.sent.map((s) => text(s.message)).join('\n')).not.toMatch(/Which area/);
      expect(await t.app.store.getTicketByNumber('INC-000001')).toMatchObject({ category: 'other', classification: { category: 'other', confidence: 0.2 } });
    } finally {
      await t.stop();
    }
  });

  test('a confident classification goes straight on', async () => {
    const rec = recordingChannel();
    const t = await startTestApp({}, { channels: [rec.channel], turnDeps: fixedTurnDeps({ category: 'network', confidence: 0.8 }) });
    try {
      await t.app.engine.receive(msg('p1', 'wifi drops every hour'));
      expect(await t.app.store.getTicketByNumber('INC-000001')).toMatchObject({ category: 'network' });
    } finally {
      await t.stop();
    }
  });
});
