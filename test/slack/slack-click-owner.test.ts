import { fixture } from './helpers/fixtures';
import { postEvent, postInteraction } from './helpers/signed-request';
import { storedInbound, useSlackTestApp } from './helpers/slack-test-app';

/** A click on a choice button of the bot's question in Bob's #general thread, by `user`. */
function threadClick(user: string, choice: { id: string; label: string; value: string }, actionTs: string): Record<string, any> {
  const click = fixture('block-actions');
  click.user = { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0ACME' };
  click.channel = { id: 'C0GENERAL', name: 'general' };
  click.container = { type: 'message', message_ts: '1700001000.000009', channel_id: 'C0GENERAL', is_ephemeral: false, thread_ts: '1700000100.000200' };
  click.message = { ...click.message, ts: '1700001000.000009', thread_ts: '1700000100.000200' };
  click.actions = [{ action_id: choice.id, block_id: 'fd_choices', text: { type: 'plain_text', text: choice.label, emoji: true }, value: choice.value, type: 'button', action_ts: actionTs }];
  return click;
}

describe('a click in a channel thread from someone other than the requester', () => {
  const t = useSlackTestApp();

  it('does not answer Bob\'s question: Alice alone is told (ephemeral) that only Bob can answer, then Bob\'s click counts', async () => {
    // Arrange: Bob asked the bot in #general; the bot answers in his thread.
    expect((await postEvent(t.baseUrl, fixture('event-app-mention'))).status).toBe(200);
    await t.api.waitFor(() => t.api.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0GENERAL'));
    await t.app.engine.idle();
    const before = storedInbound(t.app);
    // Act: Alice clicks a button of Bob's question.
    expect((await postInteraction(t.baseUrl, threadClick('U0ALICE', { id: 'fd_choice_1', label: 'My team', value: '2' }, '1700001010.000001'))).status).toBe(200);
    // Assert
    const notice = await t.api.waitFor(() => t.api.callsOf('chat.postEphemeral')[0]);
    expect(notice.args).toMatchObject({ channel: 'C0GENERAL', user: 'U0ALICE', thread_ts: '1700000100.000200', text: 'Only Bob Chen can answer this.' });
    await t.app.engine.idle();
    expect(storedInbound(t.app)).toBe(before);
    expect(t.api.callsOf('chat.update')).toHaveLength(0);
    // Bob's own click on the same question still answers it.
    await postInteraction(t.baseUrl, threadClick('U0BOB', { id: 'fd_choice_0', label: 'Just me', value: '3' }, '1700001011.000001'));
    await t.api.waitFor(() => t.api.callsOf('chat.update')[0]);
    expect(storedInbound(t.app)).toBe(before + 1);
  });

  it('in a Chinese conversation the bystander is told in Chinese, privately', async () => {
    // Arrange: Bob writes to the bot in Chinese in #general.
    const mention = fixture('event-app-mention');
    mention.event.text = '<@U0FRONTDESK> 三楼的打印机又离线了，整个财务部都打印不了';
    mention.event.blocks[0].elements[0].elements[1].text = ' 三楼的打印机又离线了，整个财务部都打印不了';
    expect((await postEvent(t.baseUrl, mention)).status).toBe(200);
    await t.api.waitFor(() => t.api.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0GENERAL'));
    await t.app.engine.idle();
    const before = storedInbound(t.app);
    // Act
    await postInteraction(t.baseUrl, threadClick('U0ALICE', { id: 'fd_choice_0', label: '只有我', value: '3' }, '1700001020.000001'));
    // Assert
    const notice = await t.api.waitFor(() => t.api.callsOf('chat.postEphemeral')[0]);
    expect(notice.args).toMatchObject({ channel: 'C0GENERAL', user: 'U0ALICE', thread_ts: '1700000100.000200', text: '只有 Bob Chen 可以回答这个问题。' });
    expect(t.api.callsOf('chat.postMessage').filter((c) => String(c.args.text).includes('只有'))).toHaveLength(0);
    await t.app.engine.idle();
    expect(storedInbound(t.app)).toBe(before);
  });
});
