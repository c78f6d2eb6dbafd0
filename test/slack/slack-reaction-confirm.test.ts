import { fixture } from './helpers/fixtures';
import { postEvent, postInteraction } from './helpers/signed-request';
import { resolveSubmission, tier2Click } from './slack-agents-helpers';
import { useTier2Rig } from './slack-tier2-rig';

/** Someone reacts with `reaction` to the bot's message at `ts` in Alice's DM (Slack's reaction_added event). */
function reacted(user: string, reaction: string, ts: string, itemUser = 'U0FRONTDESK'): Record<string, any> {
  const body = fixture('event-reaction-added');
  Object.assign(body.event, { user, reaction, item: { type: 'message', channel: 'D0ALICEDM', ts }, item_user: itemUser, event_ts: `1700005000.${Math.floor(Math.random() * 1e6)}` });
  body.event_id = `Ev0REACT${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  return body;
}

describe('a ✅ from the requester on "Is it fixed?" confirms the resolution', () => {
  const t = useTier2Rig({ agents: ['tina'] });

  it('confirms only the requester\'s check mark on the bot\'s question, once', async () => {
    // Arrange: Alice's ticket is escalated, taken over and resolved by Tina; Alice is asked "Is it fixed?".
    const { number, ts } = await t.escalate();
    await t.takeOver(number, ts);
    await postInteraction(t.baseUrl, tier2Click('U0AGENT', 'fd_t2_resolve', number, ts));
    const opened = await t.api.waitFor(() => t.api.callsOf('views.open')[0]);
    await postInteraction(t.baseUrl, resolveSubmission('U0AGENT', opened.args.view as Record<string, any>, 'Replaced the laptop'));
    const question = await t.api.waitFor(() => t.posts('D0ALICEDM').find((c) => JSON.stringify(c.args.blocks ?? '').includes('Is it fixed?')));
    expect(question).toBeDefined();
    // Any message of the bot in the DM counts while the question is open; its ts is the dedupe key.
    const questionTs = '1700001000.000099';
    await t.app.engine.idle();
    // Act: Bob's ✅, Alice's 👍 and Alice's ✅ on someone else's message do nothing; then Alice's ✅ on the question, twice.
    for (const body of [reacted('U0BOB', 'white_check_mark', questionTs), reacted('U0ALICE', 'thumbsup', questionTs), reacted('U0ALICE', 'white_check_mark', questionTs, 'U0BOB')]) {
      expect((await postEvent(t.baseUrl, body)).status).toBe(200);
    }
    await t.app.engine.idle();
    expect(await t.app.store.getTicketByNumber(number)).toMatchObject({ status: 'resolved' });
    await postEvent(t.baseUrl, reacted('U0ALICE', 'white_check_mark::skin-tone-2', questionTs));
    await postEvent(t.baseUrl, reacted('U0ALICE', 'white_check_mark', questionTs));
    await t.app.engine.idle();
    // Assert: closed as confirmed by the requester, with one answer stored.
    const after = (await t.app.store.getTicketByNumber(number))!;
    expect(after.status).toBe('closed');
    const conversation = (await t.app.store.findConversation({ channel: 'slack', conversationId: 'D0ALICEDM' }))!;
    const yes = (await t.app.store.transcript(conversation.id)).filter((m) => m.direction === 'in' && m.text === 'yes');
    expect(yes).toHaveLength(1);
  });
});
