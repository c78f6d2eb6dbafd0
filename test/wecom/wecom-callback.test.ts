import { tempDir } from '../helpers/test-app';
import { WECOM, USERS, WecomApiStandIn, encryptedCallback, platformCrypto, postCallback, settle, startWecomApp, textXml, until } from './helpers/wecom-test-app';

describe('the WeCom callback URL', () => {
  let api: WecomApiStandIn;
  let tmp: ReturnType<typeof tempDir>;
  let t: Awaited<ReturnType<typeof startWecomApp>>;

  beforeEach(async () => {
    api = await new WecomApiStandIn(USERS).start();
    tmp = tempDir('frontdesk-wecom-');
    t = await startWecomApp(tmp.dir, api);
  });
  afterEach(async () => {
    await t.app.stop();
    await api.stop();
    tmp.cleanup();
  });

  it('answers the set-up GET with the decrypted echostr, and 401 with no detail to a wrong signature', async () => {
    const crypto = platformCrypto();
    const echostr = crypto.encrypt('4218843307458195921');
    const signature = crypto.signature('1409659589', '263014780', echostr);
    const query = (sig: string) => `msg_signature=${sig}&timestamp=1409659589&nonce=263014780&echostr=${encodeURIComponent(echostr)}`;
    const ok = await fetch(`${t.url}/wecom/callback?${query(signature)}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('4218843307458195921');
    const bad = await fetch(`${t.url}/wecom/callback?${query(signature.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')))}`);
    expect(bad.status).toBe(401);
    expect(await bad.text()).not.toMatch(/signature|echostr|token/i);
  });

  it('acknowledges an encrypted text message with an empty 200 and replies through message/send (outbox), in Chinese', async () => {
    const answer = await postCallback(t.url, textXml('zhangsan', '你好'));
    expect(answer).toMatchObject({ status: 200, text: '' });
    await settle(t.app);
    const sent = api.sentTo('zhangsan');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]).toMatchObject({ msgtype: 'text', agentid: Number(WECOM.agentId) });
    expect(sent[0].text.content).toMatch(/[\u4e00-\u9fff]/);
    expect(api.refused).toEqual([]);
    // The profile came from user/get and department/get; the language defaults to Chinese.
    const user = await t.app.store.getUser((await t.app.store.findConversation({ channel: 'wecom', conversationId: 'zhangsan' }))!.userId);
    expect(user).toMatchObject({ name: '张三', email: 'zhangsan@acme.test', department: '广州研发中心', lang: 'zh' });
  });

  it('refuses a wrong msg_signature with 401, a body signed for another key with 403, malformed input with 400: nothing stored', async () => {
    const { query, body } = encryptedCallback(textXml('zhangsan', '打印机坏了'));
    const tampered = query.replace(/msg_signature=([0-9a-f])/, (_m, c: string) => `msg_signature=${c === '0' ? '1' : '0'}`);
    const post = (q: string, b: string) => fetch(`${t.url}/wecom/callback?${q}`, { method: 'POST', body: b });
    const bad = await post(tampered, body);
    expect(bad.status).toBe(401);
    expect(await bad.text()).not.toMatch(/signature|token|sha1/i);
    // Same token, another corp's key: the signature holds, the plaintext is not ours.
    const { WecomCrypto } = await import('../../channels/wecom/wecom-crypto');
    const foreign = encryptedCallback(textXml('zhangsan', 'x'), new WecomCrypto(WECOM.token, 'A'.repeat(43), 'wwother'));
    expect((await post(foreign.query, foreign.body)).status).toBe(403);
    expect((await post('timestamp=1&nonce=2', body)).status).toBe(400);
    expect((await post(query, '{"not":"xml"}')).status).toBe(400);
    await settle(t.app);
    expect(await t.app.store.findConversation({ channel: 'wecom', conversationId: 'zhangsan' })).toBeNull();
  });

  it('stores a redelivered callback once (same MsgId, even after a restart) and answers it once', async () => {
    const xml = textXml('lisi', '我的电脑蓝屏了', '8800000000000000001');
    expect((await postCallback(t.url, xml)).status).toBe(200);
    await settle(t.app);
    const replies = api.sentTo('lisi').length;
    expect(replies).toBeGreaterThan(0);
    // WeCom resends when it saw no answer within 5 seconds: three more times.
    for (let i = 0; i < 3; i++) expect((await postCallback(t.url, xml)).status).toBe(200);
    await t.app.stop();
    t = await startWecomApp(tmp.dir, api);
    expect((await postCallback(t.url, xml)).status).toBe(200);
    await settle(t.app);
    expect(api.sentTo('lisi').length).toBe(replies);
    const conversation = await t.app.store.findConversation({ channel: 'wecom', conversationId: 'lisi' });
    const inbound = (await t.app.store.transcript(conversation!.id)).filter((m) => m.direction === 'in');
    expect(inbound).toHaveLength(1);
  });

  it('fetches the access_token once for many messages', async () => {
    for (const user of ['zhangsan', 'lisi', 'wangwu']) await postCallback(t.url, textXml(user, '你好'));
    await settle(t.app);
    await until(() => api.sentTo('wangwu').length > 0, 'replies');
    expect(api.callsOf('gettoken')).toHaveLength(1);
    expect(api.callsOf('message/send').length).toBeGreaterThanOrEqual(3);
  });
});
