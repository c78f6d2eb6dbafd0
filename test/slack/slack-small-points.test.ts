import { dmEvent } from './helpers/fixtures';
import { postEvent } from './helpers/signed-request';
import { useSlackTestApp } from './helpers/slack-test-app';
import { threadMessage } from './slack-agents-helpers';
import { useTier2Rig } from './slack-tier2-rig';

describe('a reply written in a DM thread', () => {
  const t = useSlackTestApp();

  it('is answered in that thread, in the same conversation; a top-level DM is answered at the top level', async () => {
    // Arrange: Alice's first DM, answered at the top level.
    await postEvent(t.baseUrl, dmEvent('My monitor flickers all the time', '1700007000.000001'));
    const first = await t.api.waitFor(() => t.api.callsOf('chat.postMessage')[0]);
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    const repliesBefore = t.api.callsOf('chat.postMessage').length;
    // Act: she answers in the thread of the bot's reply (Slack sends thread_ts and parent_user_id).
    const inThread = dmEvent('It is the Dell one on my desk', '1700007000.000002');
    Object.assign(inThread.event, { thread_ts: '1700001000.000001', parent_user_id: 'U0FRONTDESK' });
    await postEvent(t.baseUrl, inThread);
    const reply = await t.api.waitFor(() => t.api.callsOf('chat.postMessage')[repliesBefore]);
    // Assert
    expect(first.args.thread_ts).toBeUndefined();
    expect(reply.args).toMatchObject({ channel: 'D0ALICEDM', thread_ts: '1700001000.000001' });
    const conversation = (await t.app.store.findConversation({ channel: 'slack', conversationId: 'D0ALICEDM' }))!;
    expect((await t.app.store.transcript(conversation.id)).filter((m) => m.direction === 'in').map((m) => m.text))
      .toEqual(['My monitor flickers all the time', 'It is the Dell one on my desk']);
  });
});

describe('an agent mentioning a colleague in the tier-2 thread', () => {
  const b = useTier2Rig({ agents: ['tina'] });

  it('reaches the user with the colleague\'s name, not a Slack user id', async () => {
    // Arrange: Alice's ticket is escalated and Tina owns it.
    const { number, ts } = await b.escalate('My laptop will not boot after the update', '1700008000.000001');
    await b.takeOver(number, ts);
    // Act: Tina writes with a real Slack mention (as Slack encodes it in the event text).
    await postEvent(b.baseUrl, threadMessage('U0AGENT', '<@U0BOB> will bring you a loaner this afternoon', ts));
    // Assert
    const relayed = await b.api.waitFor(() => b.api.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0ALICEDM' && String(c.args.text).includes('loaner')));
    expect(String(relayed.args.text)).toContain('@Bob Chen will bring you a loaner');
    expect(String(relayed.args.text)).not.toContain('U0BOB');
  });
});
