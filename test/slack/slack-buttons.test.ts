import { fixture } from './helpers/fixtures';
import { postInteraction } from './helpers/signed-request';
import { storedInbound, useSlackTestApp } from './helpers/slack-test-app';

describe('Slack choices as Block Kit buttons', () => {
  const t = useSlackTestApp();

  it('renders a choice message as buttons with fd_choice_<n> action ids and the choice values', async () => {
    // Act
    await t.channel.send(
      { channel: 'slack', conversationId: 'D0ALICEDM', userId: 'U0ALICE' },
      { kind: 'choice', text: 'How many people are **affected**?', choices: [{ value: '3', label: 'Just me' }, { value: '2', label: 'My team' }] },
      1,
    );
    // Assert
    const [post] = t.api.callsOf('chat.postMessage');
    const blocks = post.args.blocks as Array<Record<string, any>>;
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'How many people are *affected*?' } });
    expect(blocks[1].type).toBe('actions');
    expect(blocks[1].elements.map((e: any) => [e.action_id, e.text.text, e.value])).toEqual([['fd_choice_0', 'Just me', '3'], ['fd_choice_1', 'My team', '2']]);
    expect(post.args.text).toBe('How many people are *affected*?');
  });

  it('a click answers the question: stored as the button label with its action, buttons replaced, acknowledged', async () => {
    // Arrange
    const click = fixture('block-actions');
    // Act
    const res = await postInteraction(t.baseUrl, click);
    // Assert
    expect(res.status).toBe(200);
    const conversation = await t.app.store.findConversation({ channel: 'slack', conversationId: 'D0ALICEDM' });
    const [inbound] = (await t.app.store.transcript(conversation!.id)).filter((m) => m.direction === 'in');
    expect(inbound.text).toBe('My team');
    expect(inbound.payload).toEqual({ action: { id: 'fd_choice_1', value: '2' } });
    const update = await t.api.waitFor(() => t.api.callsOf('chat.update')[0]);
    expect(update.args).toMatchObject({ channel: 'D0ALICEDM', ts: '1700001000.000001' });
    expect(JSON.stringify(update.args.blocks)).not.toContain('fd_choice_');
    expect(JSON.stringify(update.args.blocks)).toContain('My team');
    // The bot answers the click in the same DM.
    await t.api.waitFor(() => t.api.callsOf('chat.postMessage').some((c) => c.args.channel === 'D0ALICEDM'));
  });

  it('the answered line put in place of the buttons escapes the label in every field (text and blocks)', async () => {
    // Arrange: a button whose label carries markup characters (plain_text comes back from Slack unescaped).
    const click = fixture('block-actions');
    click.actions[0] = { ...click.actions[0], text: { type: 'plain_text', text: 'R&D <lab> <!channel>' } };
    // Act
    await postInteraction(t.baseUrl, click);
    // Assert
    const update = await t.api.waitFor(() => t.api.callsOf('chat.update')[0]);
    expect(update.args.text).toBe('R&amp;D &lt;lab&gt; &lt;!channel&gt;');
    expect(JSON.stringify(update.args)).not.toMatch(/<lab>|<!channel>|R&D/);
  });

  it('a double click on the same question is acknowledged but stored once', async () => {
    // Arrange
    const first = fixture('block-actions');
    const second = fixture('block-actions');
    second.actions[0] = { ...second.actions[0], action_id: 'fd_choice_0', value: '3', text: { type: 'plain_text', text: 'Just me' }, action_ts: '1700001011.000001' };
    second.trigger_id = 'another-trigger';
    // Act
    const statuses = [(await postInteraction(t.baseUrl, first)).status, (await postInteraction(t.baseUrl, second)).status];
    // Assert
    expect(statuses).toEqual([200, 200]);
    expect(storedInbound(t.app)).toBe(1);
  });

  it('a click in a channel thread continues that thread conversation', async () => {
    // Arrange: the question was posted in the thread of a mention in #general.
    const click = fixture('block-actions');
    click.channel = { id: 'C0GENERAL', name: 'general' };
    click.container = { ...click.container, channel_id: 'C0GENERAL', thread_ts: '1700000100.000200' };
    click.message.thread_ts = '1700000100.000200';
    // Act
    expect((await postInteraction(t.baseUrl, click)).status).toBe(200);
    // Assert
    const conversation = await t.app.store.findConversation({ channel: 'slack', conversationId: 'C0GENERAL', threadId: '1700000100.000200' });
    expect(conversation).not.toBeNull();
    const reply = await t.api.waitFor(() => t.api.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0GENERAL'));
    expect(reply.args.thread_ts).toBe('1700000100.000200');
  });

  it('acknowledges clicks on buttons that are not ours without storing anything', async () => {
    // Arrange
    const click = fixture('block-actions');
    click.actions[0].action_id = 'someone_elses_button';
    // Act
    const res = await postInteraction(t.baseUrl, click);
    // Assert
    expect(res.status).toBe(200);
    expect(storedInbound(t.app)).toBe(0);
  });
});
