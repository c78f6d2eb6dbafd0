import { ChannelError } from '../../src/errors';
import type { ConversationRef } from '../../src/types/conversation';
import { SLACK_CHUNK_CHARS } from '../../channels/slack/slack-format';
import { startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app';

describe('SlackChannel.send through the Web API', () => {
  let t: SlackTestApp;
  const dm: ConversationRef = { channel: 'slack', conversationId: 'D0ALICEDM', userId: 'U0ALICE' };
  const thread: ConversationRef = { channel: 'slack', conversationId: 'C0GENERAL', userId: 'U0BOB', threadId: '1700000100.000200' };
  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  let dmCount = 0;
  /** A DM of its own per test: Slack's pace (about a post a second per channel, short bursts) is per channel. */
  const freshDm = (): ConversationRef => ({ ...dm, conversationId: `D0ALICE${++dmCount}` });
  beforeEach(() => {
    t.api.calls.length = 0;
  });

  const sendError = async (ref: ConversationRef, id: number): Promise<ChannelError> => {
    try {
      await t.channel.send(ref, { kind: 'text', text: 'hello' }, id);
    } catch (error) {
      return error as ChannelError;
    }
    throw new Error('send did not fail');
  };

  it('posts Markdown as mrkdwn, in the thread when the conversation has one', async () => {
    // Act
    await t.channel.send(thread, { kind: 'text', text: 'See **this** [guide](https://kb.acme.test/vpn) & retry' }, 10);
    // Assert
    const [post] = t.api.callsOf('chat.postMessage');
    expect(post.args).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1700000100.000200', text: 'See *this* <https://kb.acme.test/vpn|guide> &amp; retry' });
    expect(post.token).toBe('xoxb-test-token');
  });

  it('splits a message over the limit into several posts, in order, none over the limit', async () => {
    // Arrange
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Step ${i + 1}: ${'word '.repeat(120).trim()}`);
    // Act
    await t.channel.send(freshDm(), { kind: 'text', text: paragraphs.join('\n\n') }, 11);
    // Assert
    const texts = t.api.callsOf('chat.postMessage').map((c) => String(c.args.text));
    expect(texts.length).toBeGreaterThan(2);
    expect(texts.every((text) => text.length <= SLACK_CHUNK_CHARS)).toBe(true);
    expect(texts.join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it.each([
    ['channel_not_found', true],
    ['not_in_channel', true],
    ['is_archived', true],
    ['invalid_auth', true],
    ['ratelimited', false],
    ['internal_error', false],
  ])('maps Slack error %s to a ChannelError (permanent: %s)', async (code, permanent) => {
    // Arrange
    t.api.failNext('chat.postMessage', { error: code });
    // Act
    const error = await sendError(freshDm(), 20);
    // Assert
    expect(error).toBeInstanceOf(ChannelError);
    expect(error.permanent).toBe(permanent);
    expect(error.message).toContain(code);
  });

  it.each([[429, false], [503, false], [500, false]])('treats HTTP %s from Slack as transient', async (status, permanent) => {
    // Arrange
    t.api.failNext('chat.postMessage', { status });
    // Act
    const error = await sendError(freshDm(), 21);
    // Assert
    expect(error).toBeInstanceOf(ChannelError);
    expect(error.permanent).toBe(permanent);
  });

  it('a retried delivery resumes after the posts that already went out', async () => {
    // Arrange: a two-post message whose second post fails once (a transient Slack error; three calls fit Slack's burst).
    const text = ['a'.repeat(2500), 'b'.repeat(2500)].join('\n\n');
    t.api.failNext('chat.postMessage', { error: 'internal_error', skip: 1 });
    const firstLetters = () => t.api.callsOf('chat.postMessage').map((c) => String(c.args.text)[0]);
    const ref = freshDm();
    // Act: the dispatcher's first attempt fails, its retry (same delivery id) succeeds.
    await expect(t.channel.send(ref, { kind: 'text', text }, 31)).rejects.toThrow('internal_error');
    await t.channel.send(ref, { kind: 'text', text }, 31);
    // Assert: 'a' went out once; 'b' failed then went out.
    expect(firstLetters()).toEqual(['a', 'b', 'b']);
  });
});
