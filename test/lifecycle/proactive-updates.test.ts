import { release, takeOver, transfer } from '../../src/handoff/agent-actions';
import { lifecycleApp, ROOT } from './helpers';

/** Every status change an agent makes reaches the requester, in their conversation. */
describe('proactive status updates', () => {
  let h: Awaited<ReturnType<typeof lifecycleApp>>;
  beforeEach(async () => {
    h = await lifecycleApp();
  });
  afterEach(async () => {
    await h.t.stop();
  });

  it('take over, transfer to another group and release each tell the user (resolve: see auto-close tests)', async () => {
    // Arrange: an escalated ticket.
    await h.say('My laptop does not start');
    const conversation = (await h.t.app.store.findConversation({ channel: 'webchat', conversationId: 'c-u1' }))!;
    const ticket = (await h.t.app.store.getTicket(conversation.ticketId!))!;
    const before = (await h.outbound(conversation.id)).length;
    const now = h.clock.now;
    // Act
    await takeOver(h.t.app.store, ticket.number, ROOT, now);
    await transfer(h.t.app.store, ticket.number, ROOT, { toGroup: 'network' }, now);
    await takeOver(h.t.app.store, ticket.number, ROOT, now);
    await release(h.t.app.store, ticket.number, ROOT, now);
    // Assert
    const texts = (await h.outbound(conversation.id)).slice(before).map((m) => m.text);
    expect(texts).toEqual([
      expect.stringContaining('has joined'),
      expect.stringContaining(`**${ticket.number}** has been passed to the network team`),
      expect.stringContaining('has joined'),
      expect.stringContaining('handed'),
    ]);
  });
});
