import { mapChoiceClick, mapMessageEvent, toPlainText } from '../../channels/slack/slack-inbound';
import { fixture } from './helpers/fixtures';

const BOT = 'U0FRONTDESK';

describe('mapMessageEvent', () => {
  it('maps a DM to the DM channel with no thread, keyed by channel:ts', () => {
    const mapped = mapMessageEvent(fixture('event-message-im').event, BOT);
    expect(mapped).toMatchObject({
      kind: 'dm',
      message: { ref: { channel: 'slack', conversationId: 'D0ALICEDM', userId: 'U0ALICE' }, platformMessageId: 'D0ALICEDM:1700000000.000100' },
    });
    expect(mapped.kind === 'dm' && mapped.message.ref.threadId).toBe(undefined);
  });

  it('maps a top-level mention to a thread rooted at the mention, without the mention text', () => {
    const mapped = mapMessageEvent(fixture('event-app-mention').event, BOT);
    expect(mapped).toMatchObject({ kind: 'mention', message: { ref: { conversationId: 'C0GENERAL', threadId: '1700000100.000200' }, text: 'the printer on floor 3 is offline again' } });
  });

  it('a mention inside a thread continues that thread', () => {
    const event = { ...fixture('event-app-mention').event, ts: '1700000300.1', thread_ts: '1700000100.000200' };
    expect(mapMessageEvent(event, BOT)).toMatchObject({ kind: 'mention', message: { ref: { threadId: '1700000100.000200' } } });
  });

  it('leaves the message copy of a mention to the app_mention event', () => {
    const event = { ...fixture('event-thread-reply').event, text: `<@${BOT}> are you there?` };
    expect(mapMessageEvent(event, BOT).kind).toBe('unsupported');
  });

  it('marks a plain thread reply as a candidate, with the thread starter', () => {
    expect(mapMessageEvent(fixture('event-thread-reply').event, BOT)).toMatchObject({ kind: 'thread_reply', parentUserId: 'U0BOB' });
  });

  it.each([
    ['a bot message', { subtype: 'bot_message', bot_id: 'B1' }],
    ['a message with a bot_id', { bot_id: 'B1' }],
    ['the app itself', { user: BOT }],
    ['an edit', { subtype: 'message_changed' }],
    ['a join', { subtype: 'channel_join' }],
  ])('drops %s', (_name, change) => {
    expect(mapMessageEvent({ ...fixture('event-message-im').event, ...change }, BOT).kind).toBe('unsupported');
  });
});

describe('mapChoiceClick', () => {
  it('maps a click to its label and action, one answer per question message', () => {
    expect(mapChoiceClick(fixture('block-actions') as never)).toEqual({
      ref: { channel: 'slack', conversationId: 'D0ALICEDM', userId: 'U0ALICE', threadId: undefined, extra: { team: 'T0ACME' } },
      platformMessageId: 'D0ALICEDM:1700001000.000001:choice',
      text: 'My team',
      action: { id: 'fd_choice_1', value: '2' },
    });
  });

  it('ignores buttons that are not choice buttons', () => {
    const body = fixture('block-actions');
    body.actions[0].action_id = 'fd_t2_take';
    expect(mapChoiceClick(body as never)).toBeNull();
  });
});

describe('toPlainText', () => {
  it('removes our mention and makes Slack markup readable', () => {
    const text = `<@${BOT}> ask <@U0BOB|bob> in <#C0IT|it-help> about <https://vpn.acme.test|the VPN> &amp; <mailto:a@acme.test|a@acme.test> &lt;3 <!here>`;
    expect(toPlainText(text, BOT)).toBe('ask @bob in #it-help about the VPN (https://vpn.acme.test) & a@acme.test <3 @here');
  });
});
