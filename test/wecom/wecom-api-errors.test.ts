import { RateLimitedError } from '../../src/errors';
import { WecomApi } from '../../channels/wecom/wecom-api';
import { tempDir } from '../helpers/test-app';
import { WECOM, USERS, WecomApiStandIn, cardEventXml, postCallback, settle, startWecomApp, textXml } from './helpers/wecom-test-app';

describe('the WeCom API client: access_token and error codes', () => {
  let api: WecomApiStandIn;
  beforeEach(async () => {
    api = await new WecomApiStandIn(USERS).start();
  });
  afterEach(() => api.stop());

  const client = (now = Date.now) => new WecomApi({ corpId: WECOM.corpId, secret: WECOM.secret, baseUrl: api.url, now });

  it('fetches one token for concurrent calls and keeps it until shortly before expires_in', async () => {
    let now = 1_000_000;
    const wecom = client(() => now);
    await Promise.all(Array.from({ length: 20 }, () => wecom.get('user/get', { userid: 'zhangsan' })));
    expect(api.callsOf('gettoken')).toHaveLength(1);
    now += 7200_000 - 400_000;
    await wecom.get('user/get', { userid: 'zhangsan' });
    expect(api.callsOf('gettoken')).toHaveLength(1);
    now += 200_000; // within the last five minutes of the token's two hours
    await wecom.get('user/get', { userid: 'zhangsan' });
    expect(api.callsOf('gettoken')).toHaveLength(2);
  });

  it('refreshes once on 42001 and repeats the call; a second 42001 is an error, not a loop', async () => {
    const wecom = client();
    await wecom.get('user/get', { userid: 'zhangsan' });
    api.expireTokens();
    await expect(wecom.get('user/get', { userid: 'zhangsan' })).resolves.toMatchObject({ name: '张三' });
    expect(api.callsOf('gettoken')).toHaveLength(2);
    api.failNext('user/get', 42001, 2);
    await expect(wecom.get('user/get', { userid: 'zhangsan' })).rejects.toThrow('errcode 42001');
    expect(api.callsOf('gettoken')).toHaveLength(3);
  });

  it('turns 45009 into a rate limit to wait out, an unknown user into a permanent failure, a wrong secret into a message with the fix', async () => {
    const wecom = client();
    api.failNext('message/send', 45009);
    const limited = await wecom.post('message/send', { touser: 'zhangsan', msgtype: 'text', agentid: 1, text: { content: 'x' } }).catch((e) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.retryAfterMs).toBe(60_000);
    const missing = await wecom.get('user/get', { userid: 'nobody' }).catch((e) => e);
    expect(missing).toMatchObject({ permanent: true });
    const wrong = await new WecomApi({ corpId: WECOM.corpId, secret: 'wrong', baseUrl: api.url }).get('user/get', { userid: 'x' }).catch((e) => e);
    expect(wrong.message).toMatch(/WECOM_SECRET/);
  });
});

describe('WeCom replies under token expiry and rate limits, and clicks by the wrong person', () => {
  let api: WecomApiStandIn;
  let tmp: ReturnType<typeof tempDir>;
  let t: Awaited<ReturnType<typeof startWecomApp>>;
  let now: number;

  beforeEach(async () => {
    api = await new WecomApiStandIn(USERS).start();
    tmp = tempDir('frontdesk-wecom-errors-');
    now = Date.now();
    t = await startWecomApp(tmp.dir, api, {}, { clock: () => new Date(now) });
  });
  afterEach(async () => {
    await t.app.stop();
    await api.stop();
    tmp.cleanup();
  });

  it('a token that expires mid-conversation is fetched again once, and the reply still arrives', async () => {
    await postCallback(t.url, textXml('zhangsan', '打印机卡纸了'));
    await settle(t.app);
    const before = api.sentTo('zhangsan').length;
    expect(api.callsOf('gettoken')).toHaveLength(1);
    api.expireTokens();
    await postCallback(t.url, textXml('zhangsan', '三楼的那台'));
    await settle(t.app);
    expect(api.sentTo('zhangsan').length).toBeGreaterThan(before);
    expect(api.callsOf('gettoken')).toHaveLength(2);
  });

  it('45009 keeps the reply in the outbox and sends it after the wait; a rate limit never fails the message', async () => {
    api.failNext('message/send', 45009, 3);
    await postCallback(t.url, textXml('lisi', '邮箱登录不了'));
    await settle(t.app);
    expect(api.sentTo('lisi')).toEqual([]);
    const pending = t.app.sqliteStore().db.prepare("SELECT attempts, next_attempt_at, last_error FROM outbox WHERE status = 'pending'").all() as any[];
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0].last_error).toMatch(/45009/);
    expect(Date.parse(pending[0].next_attempt_at) - now).toBeGreaterThanOrEqual(60_000);
    now += 70_000;
    await settle(t.app);
    now += 70_000;
    await settle(t.app);
    now += 70_000;
    await settle(t.app);
    expect(api.sentTo('lisi').length).toBeGreaterThan(0);
    expect(t.app.sqliteStore().db.prepare("SELECT count(*) AS n FROM outbox WHERE status != 'sent'").get()).toEqual({ n: 0 });
  });

  it('a card clicked by someone other than the person it was sent to changes nothing; they are told politely', async () => {
    await postCallback(t.url, textXml('zhangsan', 'VPN连不上，一直提示超时'));
    await settle(t.app);
    const card = [...api.sentTo('zhangsan')].reverse().find((b) => b.msgtype === 'template_card').template_card;
    const conversation = (await t.app.store.findConversation({ channel: 'wecom', conversationId: 'zhangsan' }))!;
    const updatesBefore = api.callsOf('message/update_template_card').length;
    expect((await postCallback(t.url, cardEventXml('lisi', card.task_id, card.button_list[1].key, api.issueResponseCode()))).status).toBe(200);
    await settle(t.app);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.sentTo('lisi').map((b) => b.text?.content)).toEqual(['只有 张三 可以回答这个问题。']);
    expect((await t.app.store.getConversation(conversation.id))!.version).toBe(conversation.version);
    expect(api.callsOf('message/update_template_card')).toHaveLength(updatesBefore);
    // The requester's own click answers it and marks the card.
    expect((await postCallback(t.url, cardEventXml('zhangsan', card.task_id, card.button_list[1].key, api.issueResponseCode()))).status).toBe(200);
    await settle(t.app);
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.app.store.getConversation(conversation.id))!.version).toBeGreaterThan(conversation.version);
    expect(api.callsOf('message/update_template_card').map((c) => c.body.button)).toContainEqual({ replace_name: `✓ ${'没有，仍需帮助'}` });
  });
});
