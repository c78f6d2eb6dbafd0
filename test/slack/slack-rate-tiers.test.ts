import { SlackPacer } from '../../channels/slack/slack-pacer';
import { dmEvent } from './helpers/fixtures';
import { postEvent } from './helpers/signed-request';
import { startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app';

describe('Slack per-method rate limits (SlackPacer, fake clock)', () => {
  let now = 1_000_000;
  const pacer = () => new SlackPacer(() => now);

  it('chat.postMessage: a short burst per channel, then about one a second; other channels are not held', () => {
    const p = pacer();
    expect([p.take('chat.postMessage', 'D1'), p.take('chat.postMessage', 'D1'), p.take('chat.postMessage', 'D1')]).toEqual([0, 0, 0]);
    expect(p.take('chat.postMessage', 'D1')).toBe(1000);
    expect(p.take('chat.postMessage', 'D2')).toBe(0);
    now += 1000;
    expect(p.take('chat.postMessage', 'D1')).toBe(0);
    expect(p.take('chat.postMessage', 'D1')).toBe(1000);
  });

  it('chat.update is Tier 3 for the whole workspace: 50 a minute after its burst, whatever the channel', () => {
    const p = pacer();
    const waits = Array.from({ length: 9 }, (_, i) => p.take('chat.update', `C${i}`));
    expect(waits.slice(0, 8)).toEqual(Array(8).fill(0));
    expect(waits[8]).toBe(1200);
  });

  it('a 429 holds every later call of that method (and channel) until its Retry-After, not only the refused one', () => {
    const p = pacer();
    p.limited('chat.postMessage', 'D1', 5000);
    p.limited('chat.update', 'C9', 3000);
    expect(p.take('chat.postMessage', 'D1')).toBe(5000);
    expect(p.take('chat.postMessage', 'D2')).toBe(0);
    expect(p.take('chat.update', 'C1')).toBe(3000);
    now += 5000;
    expect(p.take('chat.postMessage', 'D1')).toBe(0);
    expect(p.take('chat.update', 'C1')).toBe(0);
  });
});

describe('Slack per-method rate limits through the outbox and the Web API stand-in', () => {
  let t: SlackTestApp;
  afterEach(async () => {
    await t.stop();
  });

  it('seven replies queued for one DM at once go out in order, no faster than Slack allows per channel, all delivered', async () => {
    // Arrange: a conversation exists (Alice wrote once and was answered).
    t = await startSlackTestApp();
    await postEvent(t.baseUrl, dmEvent('My printer jams on every page', '1700009100.000001'));
    await t.api.waitFor(() => t.api.callsOf('chat.postMessage')[0]);
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();
    const conversation = (await t.app.store.findConversation({ channel: 'slack', conversationId: 'D0ALICEDM' }))!;
    const texts = Array.from({ length: 7 }, (_, i) => `Update ${i + 1}`);
    // Act: one turn queues seven messages for the same channel.
    await t.app.store.commitTurn({
      conversationId: conversation.id, expectedVersion: conversation.version, mode: conversation.mode, lang: 'en', state: conversation.state,
      tickets: [], events: [], outbound: texts.map((text) => ({ kind: 'text' as const, text })), now: new Date().toISOString(),
    });
    t.app.dispatcher.kick();
    const posts = await t.api.waitFor(() => {
      const sent = t.api.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D0ALICEDM');
      return sent.filter((c) => /^Update \d$/.test(String(c.args.text))).length === 7 && sent;
    }, 15_000);
    // Assert: in order; in any four consecutive posts to the channel, at least a second passes (burst of three, then 1/s).
    expect(posts.map((c) => String(c.args.text)).filter((x) => x.startsWith('Update'))).toEqual(texts);
    for (let i = 3; i < posts.length; i++) expect(posts[i].at - posts[i - 3].at).toBeGreaterThanOrEqual(950);
    // The last post's row is marked sent once Slack's answer is back: wait for that, then nothing is left pending.
    const deadline = Date.now() + 5_000;
    while ((await t.app.store.countOutbox('pending')) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await t.app.store.countOutbox('pending')).toBe(0);
    // A call held back before it reached Slack is no attempt: each row counts the one call that went out.
    const db = (t.app.store as unknown as { db: { prepare(sql: string): { all(): Array<{ attempts: number }> } } }).db;
    expect(db.prepare("SELECT attempts FROM outbox WHERE status = 'sent'").all().map((r) => r.attempts)).toEqual(Array(posts.length).fill(1));
  });
});
