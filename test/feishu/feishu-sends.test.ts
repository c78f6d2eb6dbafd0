import { RateLimitedError } from '../../src/errors';
import { waitFor } from '../helpers/test-app';
import { storedInbound } from '../slack/helpers/slack-test-app';
import { OpenPlatformStandIn, type Call } from './helpers/open-platform-stand-in';
import { PEOPLE, clickEvent, messageEvent, startFeishuTestApp, type FeishuTestApp } from './helpers/feishu-test-app';

const [wang, li, , emma, alex] = PEOPLE;
const GROUP = 'oc_a0553eda9014c201e6969b478895c230';
const buttonsOf = (call: Call) => OpenPlatformStandIn.card(call).elements.flatMap((e: any) => (e.tag === 'action' ? e.actions : []));

describe('Feishu replies through the outbox', () => {
  let t: FeishuTestApp;
  afterEach(async () => t?.stop());
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await t.app.engine.idle();
      await t.app.dispatcher.drainDue();
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  test('99991400 (HTTP 429): the reply waits x-ogw-ratelimit-reset and is then sent once, nothing lost or doubled', async () => {
    // Arrange: the next two message calls are rate limited, with a 1 s reset.
    t = await startFeishuTestApp();
    t.api.rateLimitNext(2, 1);

    // Act
    await t.deliver(messageEvent(wang, '打印机显示脱机，打印不了'));
    await waitFor(() => t.api.sent().length >= 2, 15_000, 'both answers after the rate limit');
    await settle();

    // Assert: two refused calls, then every answer once; the retry came no earlier than the reset.
    const messageCalls = t.api.calls.filter((c) => c.path.startsWith('/open-apis/im/v1/messages'));
    const limited = messageCalls.filter((c) => c.status === 429);
    expect(limited).toHaveLength(2);
    const firstSuccess = t.api.sent()[0];
    expect(firstSuccess.at - limited[0].at).toBeGreaterThanOrEqual(900);
    const uuids = t.api.sent().map((c) => c.body.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    const rows = (t.app.store as any).db.prepare("SELECT status FROM outbox").all().map((r: any) => r.status);
    expect(rows.every((s: string) => s === 'sent')).toBe(true);
  });

  test('the rate limit becomes the dispatcher\'s RateLimitedError with the reset as its wait', async () => {
    // Arrange
    t = await startFeishuTestApp();
    t.api.rateLimitNext(1, 7);
    const ref = { channel: 'feishu' as const, conversationId: 'oc_p2p_x', userId: wang.openId };

    // Act
    const error = await t.channel.send(ref, { kind: 'text', text: '测试' }, 4242).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
  });

  test('tenant_access_token: one request for a burst of sends, and one refresh when Feishu calls it invalid, not one per send', async () => {
    // Arrange: the start-up call (bot/v3/info) fetched the first token.
    t = await startFeishuTestApp();
    const send = (i: number) => t.channel.send({ channel: 'feishu', conversationId: `oc_p2p_${i}`, userId: wang.openId }, { kind: 'text', text: `通知 ${i}` }, 500 + i);
    await Promise.all(Array.from({ length: 20 }, (_, i) => send(i)));
    const before = t.api.tokensIssued;

    // Act: Feishu invalidates the token; 20 sends go out at once.
    t.api.expireTokens();
    await Promise.all(Array.from({ length: 20 }, (_, i) => send(20 + i)));

    // Assert
    expect(before).toBe(1);
    expect(t.api.tokensIssued).toBe(2);
    expect(t.api.sent()).toHaveLength(40);
  });

  test('a card click by someone other than the requester gets a polite toast; nothing is stored or answered', async () => {
    // Arrange: Wang asks in a group thread; the article card has Yes / No buttons.
    t = await startFeishuTestApp();
    const ask = messageEvent(wang, '打印机显示脱机，打印不了', { group: GROUP });
    await t.deliver(ask);
    await waitFor(() => t.api.sent().find((c) => buttonsOf(c).length > 0), 10_000, 'the article card');
    await settle();
    const card = t.api.sent().find((c) => buttonsOf(c).length > 0)!;
    const no = buttonsOf(card).find((b: any) => /没有/.test(b.text.content));
    const stored = storedInbound(t.app);
    const replies = t.api.sent().length;

    // Act: Li clicks Wang's button, then Wang does.
    const foreign = await t.deliver(clickEvent(li, no.value, t.api.messageIdOf(card), GROUP));
    const foreignAnswer = await foreign.json();
    await settle();
    const storedAfterForeign = storedInbound(t.app);
    const repliesAfterForeign = t.api.sent().length;
    const own = await t.deliver(clickEvent(wang, no.value, t.api.messageIdOf(card), GROUP));
    await settle();

    // Assert
    expect(foreignAnswer).toEqual({ toast: { type: 'info', content: '只有 王芳 可以回答这个问题。' } });
    expect([storedAfterForeign, repliesAfterForeign]).toEqual([stored, replies]);
    expect(await own.json()).toEqual({ toast: { type: 'success', content: '✓ 没有，仍需帮助' } });
    expect(storedInbound(t.app)).toBe(stored + 1);
    // Every answer stays in Wang's thread.
    expect(t.api.sent().slice(replies).every((c) => c.body.reply_in_thread === true)).toBe(true);
  });

  test('outbound text is escaped for lark_md: no mention of everyone, no smuggled tags or app links', async () => {
    // Arrange
    t = await startFeishuTestApp();
    const ref = { channel: 'feishu' as const, conversationId: 'oc_p2p_x', userId: wang.openId };

    // Act
    await t.channel.send(ref, { kind: 'choice', text: '<at id=all></at> <font color="red">紧急</font> [点我](lark://applink.feishu.cn/x) [手册](https://kb.test/a)', choices: [{ value: 'a', label: '<b>好</b>' }] }, 77);

    // Assert
    const sent = t.api.sent()[0];
    const text = OpenPlatformStandIn.text(sent);
    expect(text).toBe('&lt;at id=all&gt;&lt;/at&gt; &lt;font color="red"&gt;紧急&lt;/font&gt; 点我 (lark://applink.feishu.cn/x) [手册](https://kb.test/a)');
    expect(buttonsOf(sent)[0].text).toEqual({ tag: 'plain_text', content: '<b>好</b>' });
  });

  test('a notice long after the person\'s last message is a new message in their chat (proactive), not a quote', async () => {
    // Arrange
    t = await startFeishuTestApp();
    const old = String(Date.now() - 3 * 3_600_000);
    const ref = { channel: 'feishu' as const, conversationId: 'oc_p2p_wang', userId: wang.openId, extra: { chatType: 'p2p', replyTo: 'om_old', replyAt: old } };

    // Act
    await t.channel.send(ref, { kind: 'text', text: '**通知**：邮件服务已恢复。' }, 91);

    // Assert
    const sent = t.api.sent()[0];
    expect(sent.path).toBe('/open-apis/im/v1/messages');
    expect(sent.query).toEqual({ receive_id_type: 'chat_id' });
    expect(sent.body).toMatchObject({ receive_id: 'oc_p2p_wang', msg_type: 'interactive', uuid: 'fd-91-0' });
  });

  test('language: Chinese by default for Feishu users (even with a Latin name); a profile locale naming English gets English', async () => {
    // Arrange
    t = await startFeishuTestApp();

    // Act: both send only an emoji (nothing to tell the language from).
    const fromWang = messageEvent(alex, '🙂');
    const fromEmma = messageEvent(emma, '🙂');
    await t.deliver(fromWang);
    await t.deliver(fromEmma);
    await waitFor(() => t.api.sent().length >= 2, 10_000, 'two greetings');
    await settle();

    // Assert
    const answerTo = (event: typeof fromWang) => OpenPlatformStandIn.text(t.api.sent().find((c) => c.path.includes(event.event.message.message_id))!);
    const users = (t.app.store as any).db.prepare("SELECT name, lang FROM users WHERE channel = 'feishu' ORDER BY id").all();
    expect(users).toEqual([{ name: 'Alex Wu', lang: 'zh' }, { name: 'Emma Stone', lang: 'en' }]);
    expect(answerTo(fromWang)).toMatch(/[\u4e00-\u9fff]/);
    expect(answerTo(fromEmma)).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
