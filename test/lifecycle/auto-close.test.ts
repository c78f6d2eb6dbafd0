import { AutoCloser } from '../../src/lifecycle/auto-close';
import { lifecycleApp, march, FRIDAY_16H } from './helpers';

describe('auto-close of resolved tickets nobody confirmed', () => {
  let h: Awaited<ReturnType<typeof lifecycleApp>>;
  beforeEach(async () => {
    h = await lifecycleApp();
  });
  afterEach(async () => {
    await h.t.stop();
  });

  it('reminds after 1 and 2 business days and closes after 3, counting across the weekend, without CSAT', async () => {
    // Arrange: resolved Friday 16:00; 1 business day = 9 working hours -> Monday 16:00.
    const { ticket, conversationId } = await h.resolvedTicket(FRIDAY_16H);
    const closer = h.closer();
    const before = (await h.outbound(conversationId)).length;
    // Act + Assert, day by day.
    expect(await closer.tick(march(7, 12))).toEqual({ reminded: [], closed: [] });
    expect(await closer.tick(march(9, 15, 59))).toEqual({ reminded: [], closed: [] });
    expect(await closer.tick(march(9, 16))).toEqual({ reminded: [ticket.number], closed: [] });
    expect(await closer.tick(march(10, 15))).toEqual({ reminded: [], closed: [] });
    expect(await closer.tick(march(10, 16))).toEqual({ reminded: [ticket.number], closed: [] });
    expect(await closer.tick(march(11, 15, 59))).toEqual({ reminded: [], closed: [] });
    expect(await closer.tick(march(11, 16))).toEqual({ reminded: [], closed: [ticket.number] });
    expect(await closer.tick(march(12, 16))).toEqual({ reminded: [], closed: [] });
    const sent = (await h.outbound(conversationId)).slice(before);
    expect(sent.map((m) => m.kind)).toEqual(['choice', 'choice', 'text']);
    expect(sent[0].text).toMatch(new RegExp(`${ticket.number}.*close it on Wed 11 Mar`));
    expect(sent[0].choices!.map((c) => c.value)).toEqual(['yes', 'no']);
    expect(sent[2].text).toContain(`I closed **${ticket.number}**`);
    expect(JSON.stringify(sent)).not.toMatch(/satisfied|"value":"5"/);
    expect(await h.t.app.store.getTicket(ticket.id)).toMatchObject({ status: 'closed', closedAt: march(11, 16).toISOString(), csat: null });
    expect((await h.kinds(ticket.id)).slice(-3)).toEqual(['confirmation_reminder', 'confirmation_reminder', 'auto_closed']);
    expect((await h.t.app.store.getConversation(conversationId))!.state).toMatchObject({ phase: 'awaiting_description' });
    expect(h.committed).toHaveLength(3);
  });

  it('a "yes" before the deadline closes it with the CSAT question and stops the timer', async () => {
    // Arrange
    const { ticket, conversationId } = await h.resolvedTicket(FRIDAY_16H);
    const closer = h.closer();
    await closer.tick(march(9, 16));
    // Act
    h.clock.now = march(9, 17);
    await h.say('yes');
    const report = await closer.tick(march(11, 16));
    // Assert
    expect(report).toEqual({ reminded: [], closed: [] });
    expect(await h.kinds(ticket.id)).not.toContain('auto_closed');
    expect(await h.t.app.store.getTicket(ticket.id)).toMatchObject({ status: 'closed', closedAt: march(9, 17).toISOString() });
    expect((await h.outbound(conversationId)).at(-1)).toMatchObject({ kind: 'choice', choices: expect.arrayContaining([{ value: '5', label: '5' }]) });
  });

  it('a "no" reopens it: no reminder, no auto-close', async () => {
    const { ticket } = await h.resolvedTicket(FRIDAY_16H);
    h.clock.now = march(9, 10);
    await h.say('no, still broken');
    expect(await h.closer().tick(march(16, 16))).toEqual({ reminded: [], closed: [] });
    expect(await h.t.app.store.getTicket(ticket.id)).toMatchObject({ status: 'reopened' });
  });

  it('is restart-safe: a second tick, a new instance or two instances at once send each reminder once', async () => {
    // Arrange
    const { ticket } = await h.resolvedTicket(FRIDAY_16H);
    // Act
    const both = await Promise.all([h.closer().tick(march(9, 16)), h.closer().tick(march(9, 16))]);
    await h.closer().tick(march(9, 17));
    await h.closer().tick(march(10, 9));
    // Assert
    expect(both.flatMap((r) => r.reminded)).toEqual([ticket.number]);
    expect((await h.kinds(ticket.id)).filter((k) => k === 'confirmation_reminder')).toHaveLength(1);
  });

  it('after a downtime past the close time it closes at once, without late reminders', async () => {
    const { ticket, conversationId } = await h.resolvedTicket(FRIDAY_16H);
    const before = (await h.outbound(conversationId)).length;
    expect(await h.closer().tick(march(13, 9))).toEqual({ reminded: [], closed: [ticket.number] });
    expect((await h.outbound(conversationId)).slice(before).map((m) => m.kind)).toEqual(['text']);
  });

  it('follows a configured policy (one reminder, close after 5 business days)', async () => {
    const { ticket } = await h.resolvedTicket(FRIDAY_16H);
    const closer = h.closer({ remindAfterDays: [2], closeAfterDays: 5 });
    expect(await closer.tick(march(9, 16))).toEqual({ reminded: [], closed: [] });
    expect(await closer.tick(march(10, 16))).toEqual({ reminded: [ticket.number], closed: [] });
    expect(await closer.tick(march(12, 16))).toEqual({ reminded: [], closed: [] });
    expect(await closer.tick(march(13, 16))).toEqual({ reminded: [], closed: [ticket.number] });
  });

  it('refuses a policy whose reminders come after the close', () => {
    expect(() => h.closer({ remindAfterDays: [4], closeAfterDays: 3 })).toThrow(/before closeAfterDays/);
  });

  it('start() ticks on the injected clock and stop() waits for it', async () => {
    const { ticket } = await h.resolvedTicket(FRIDAY_16H);
    h.clock.now = march(11, 16);
    const closer: AutoCloser = h.closer();
    closer.start();
    await closer.stop();
    expect(await h.t.app.store.getTicket(ticket.id)).toMatchObject({ status: 'closed' });
  });
});
