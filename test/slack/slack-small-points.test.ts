import { slackAgentDb } from '../../channels/slack/slack-agent-db';
import { dmEvent } from './helpers/fixtures';
import { postEvent, postInteraction } from './helpers/signed-request';
import { SlackApiStandIn } from './helpers/slack-api-stand-in';
import { startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app';
import { boot, threadMessage, tier2Click, TIER2, tempFolder, USERS, type Booted } from './slack-agents-helpers';

describe('a reply written in a DM thread', () => {
  let t: SlackTestApp;
  beforeEach(async () => {
    t = await startSlackTestApp();
  });
  afterEach(async () => {
    await t.stop();
  });

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
  let api: SlackApiStandIn;
  let folder: ReturnType<typeof tempFolder>;
  let b: Booted;
  beforeEach(async () => {
    api = await new SlackApiStandIn(USERS).start();
    folder = tempFolder();
    b = await boot(folder.dir, api);
    await b.app.agentStore.addAgent({ id: 'tina', name: 'Tina Agent', role: 'agent', groups: ['field-services'] }, 'x', new Date().toISOString());
  });
  afterEach(async () => {
    await b.app.stop();
    await api.stop();
    folder.cleanup();
  });

  it('reaches the user with the colleague\'s name, not a Slack user id', async () => {
    // Arrange: Alice's ticket is escalated and Tina owns it.
    await postEvent(b.baseUrl, dmEvent('My laptop will not boot after the update', '1700008000.000001'));
    const post = await api.waitFor(() => api.callsOf('chat.postMessage').find((c) => c.args.channel === TIER2 && !c.args.thread_ts));
    const number = /(INC|REQ)-\d{6}/.exec(String(post.args.text))![0];
    const ticket = (await b.app.store.getTicketByNumber(number))!;
    const ts = await api.waitFor(() => slackAgentDb(b.app.store).threadOf(ticket.id)?.threadTs ?? undefined);
    await postInteraction(b.baseUrl, tier2Click('U0AGENT', 'fd_t2_take', number, ts));
    await api.waitFor(() => api.callsOf('chat.postMessage').some((c) => c.args.channel === 'D0ALICEDM' && String(c.args.text).includes('Tina Agent')));
    // Act: Tina writes with a real Slack mention (as Slack encodes it in the event text).
    await postEvent(b.baseUrl, threadMessage('U0AGENT', '<@U0BOB> will bring you a loaner this afternoon', ts));
    // Assert
    const relayed = await api.waitFor(() => api.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0ALICEDM' && String(c.args.text).includes('loaner')));
    expect(String(relayed.args.text)).toContain('@Bob Chen will bring you a loaner');
    expect(String(relayed.args.text)).not.toContain('U0BOB');
  });
});
