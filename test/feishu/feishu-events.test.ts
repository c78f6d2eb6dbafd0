import { waitFor } from '../helpers/test-app';
import { storedInbound } from '../slack/helpers/slack-test-app';
import { OpenPlatformStandIn } from './helpers/open-platform-stand-in';
import { fixture } from './helpers/fixtures';
import { BOT_OPEN_ID, PEOPLE, TOKEN, messageEvent, startFeishuTestApp, type FeishuTestApp } from './helpers/feishu-test-app';

const [wang, li] = PEOPLE;

describe('Feishu event subscription over HTTP', () => {
  let t: FeishuTestApp;
  afterEach(async () => t?.stop());

  test('url_verification: the challenge is echoed (encrypted), a wrong token gets a bare 403', async () => {
    // Arrange
    t = await startFeishuTestApp();
    const challenge = fixture('url-verification');

    // Act
    const ok = await t.deliver(challenge, { unsigned: true });
    const wrong = await t.deliver({ ...challenge, token: 'not-the-token' }, { unsigned: true });

    // Assert
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: 'ajls384kdjx98XX' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toBe('');
  });

  test('plain delivery (no encrypt key): a p2p message is stored, acknowledged, answered in Chinese as a reply to it', async () => {
    // Arrange
    t = await startFeishuTestApp({ encryptKey: null });
    const event = messageEvent(wang, '打印机显示脱机，整个财务部都打印不了');

    // Act
    const res = await t.deliver(event);
    const reply = await waitFor(() => t.api.sent()[0], 10_000, 'a reply');

    // Assert
    expect(res.status).toBe(200);
    expect(reply.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/reply`);
    expect(reply.body.msg_type).toBe('interactive');
    expect(reply.body.reply_in_thread).toBeUndefined();
    expect(OpenPlatformStandIn.text(reply)).toMatch(/[\u4e00-\u9fff]/);
    expect(OpenPlatformStandIn.text(reply)).toMatch(/INC-\d{6}/);
  });

  test('encrypted and signed delivery: decrypted, checked, stored and answered; profile from the contact API', async () => {
    // Arrange
    t = await startFeishuTestApp();

    // Act
    const res = await t.deliver(messageEvent(li, 'VPN 连不上，错误 809'));
    await waitFor(() => t.api.sent()[0], 10_000, 'a reply');

    // Assert
    expect(res.status).toBe(200);
    const user = await t.app.store.findConversation({ channel: 'feishu', conversationId: `oc_p2p_${li.openId.slice(3, 20)}` })
      .then((c) => (c ? t.app.store.getUser(c.userId) : null));
    expect(user).toMatchObject({ name: '李雷', email: 'lilei@acme.test', department: '销售部', lang: 'zh' });
    expect(t.api.calls.some((c) => c.path.startsWith('/open-apis/contact/v3/users/'))).toBe(true);
  });

  test('a bad signature gets a bare 401, an unsigned event 401, a wrong token 403, garbage 400; nothing is stored', async () => {
    // Arrange
    t = await startFeishuTestApp();
    const wrongToken = messageEvent(wang, '你好');
    wrongToken.header.token = 'forged';

    // Act
    const bad = await t.deliver(messageEvent(wang, '你好'), { badSignature: true });
    const unsigned = await t.deliver(messageEvent(wang, '你好'), { unsigned: true });
    const forged = await t.deliver(wrongToken);
    const plainWhileEncrypted = await t.deliver(messageEvent(wang, '你好'), { encrypted: false });
    const garbage = await fetch(`${t.baseUrl}/feishu/events`, { method: 'POST', body: 'not json' });

    // Assert
    expect([bad.status, unsigned.status, forged.status, plainWhileEncrypted.status, garbage.status]).toEqual([401, 401, 403, 401, 400]);
    expect(await bad.text()).toBe('');
    expect(await forged.text()).toBe('');
    expect(storedInbound(t.app)).toBe(0);
  });

  test('a redelivered event is dropped, also after a restart on the same database: one stored message, one reply', async () => {
    // Arrange
    t = await startFeishuTestApp();
    const event = messageEvent(wang, '电脑蓝屏了，错误代码 0x0000007B');
    await t.deliver(event);
    await waitFor(() => t.api.sent().length >= 1, 10_000, 'the first reply');
    await t.app.dispatcher.drainDue();
    const repliesBefore = t.api.sent().length;

    // Act: Feishu resends the event (same event_id), then again to a restarted server.
    const again = await t.deliver(event);
    await t.app.engine.idle();
    const api = t.api;
    await t.stop(true);
    t = await startFeishuTestApp({ dbFile: t.dbFile, api });
    const afterRestart = await t.deliver(event);
    await t.app.engine.idle();
    await t.app.dispatcher.drainDue();

    // Assert
    expect([again.status, afterRestart.status]).toEqual([200, 200]);
    expect(storedInbound(t.app)).toBe(1);
    expect(api.sent().length).toBe(repliesBefore);
    await api.stop();
  });

  test('a group @-mention: the mention is stripped, the reply goes into the thread; a group message without it is ignored', async () => {
    // Arrange
    t = await startFeishuTestApp();
    const group = 'oc_a0553eda9014c201e6969b478895c230';
    const mention = messageEvent(wang, '邮箱收不到邮件', { group });
    const chatter = messageEvent(li, '大家中午吃什么', { group });
    chatter.event.message.mentions = [];
    chatter.event.message.content = JSON.stringify({ text: '大家中午吃什么' });

    // Act
    await t.deliver(mention);
    await t.deliver(chatter);
    const reply = await waitFor(() => t.api.sent()[0], 10_000, 'a reply');
    await t.app.engine.idle();

    // Assert
    expect(reply.path).toBe(`/open-apis/im/v1/messages/${mention.event.message.message_id}/reply`);
    expect(reply.body.reply_in_thread).toBe(true);
    expect(storedInbound(t.app)).toBe(1);
    const conversation = await t.app.store.findConversation({ channel: 'feishu', conversationId: group, threadId: mention.event.message.message_id });
    const transcript = conversation ? await t.app.store.transcript(conversation.id) : [];
    expect(transcript[0].text).toBe('邮箱收不到邮件');
    expect(BOT_OPEN_ID).toBe(fixture('bot-info').bot.open_id);
    expect(TOKEN).toBe(fixture('url-verification').token);
  });
});
