import { PassThrough } from 'node:stream';
import { commands } from '../../channels';
import { decryptEvent, encryptEvent, larkSignature } from '../../channels/feishu/feishu-crypto';
import { openEnvelope } from '../../channels/feishu/feishu-envelope';
import { escapeLarkMd, toLarkMd } from '../../channels/feishu/feishu-format';
import { toChannelError } from '../../channels/feishu/feishu-errors';
import { mapMessageEvent } from '../../channels/feishu/feishu-inbound';
import { buildDispatcher, larkEventOfDispatched } from '../../channels/feishu/feishu-ws';
import { feishuConfigFrom } from '../../channels/feishu/feishu.channel';
import { ChannelError, ChannelUnavailableError, RateLimitedError } from '../../src/errors';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import type { LarkEvent } from '../../channels/feishu/feishu-envelope';
import { fixture } from './helpers/fixtures';

const KEY = 'test key';
const TOKEN = 'rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV';

function signed(body: string, key = KEY) {
  const headers = { 'x-lark-request-timestamp': '1700000000', 'x-lark-request-nonce': 'abc', 'x-lark-signature': larkSignature(key, '1700000000', 'abc', body) };
  return { raw: Buffer.from(body), headers };
}

describe('Feishu event security (feishu-crypto, feishu-envelope)', () => {
  test('the documented decryption example: key "test key" gives "hello world"', () => {
    // Arrange: the example of Feishu's "Encrypt Key" guide (AES-256-CBC, key sha256("test key"), iv first 16 bytes).
    const encrypted = 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=';
    // Act / Assert
    expect(decryptEvent(KEY, encrypted)).toBe('hello world');
    expect(decryptEvent(KEY, encryptEvent(KEY, '你好，飞书'))).toBe('你好，飞书');
    expect(decryptEvent('another key', encrypted)).toBeNull();
  });

  test('the signature is sha256(timestamp + nonce + encryptKey + body) over the raw body', () => {
    const body = '{"encrypt":"abc"}';
    expect(larkSignature(KEY, '1', '2', body)).toBe(require('node:crypto').createHash('sha256').update(`12${KEY}${body}`).digest('hex'));
  });

  test('an encrypted event with a good signature and token opens; a changed byte, a wrong token or a plain body does not', () => {
    // Arrange
    const event = fixture('im-message-receive-p2p');
    const body = JSON.stringify({ encrypt: encryptEvent(KEY, JSON.stringify(event)) });
    const good = signed(body);
    const wrongToken = signed(JSON.stringify({ encrypt: encryptEvent(KEY, JSON.stringify({ ...event, header: { ...event.header, token: 'x' } })) }));
    // Act
    const opened = openEnvelope(good.raw, good.headers, { verificationToken: TOKEN, encryptKey: KEY });
    const tampered = openEnvelope(Buffer.from(body.replace('"}', ' "}')), good.headers, { verificationToken: TOKEN, encryptKey: KEY });
    const forged = openEnvelope(wrongToken.raw, wrongToken.headers, { verificationToken: TOKEN, encryptKey: KEY });
    const plain = openEnvelope(signed(JSON.stringify(event)).raw, signed(JSON.stringify(event)).headers, { verificationToken: TOKEN, encryptKey: KEY });
    // Assert
    expect(opened).toMatchObject({ kind: 'event', event: { eventId: '5e3702a84e847582be8db7fb73283c02', eventType: 'im.message.receive_v1' } });
    expect(tampered).toMatchObject({ kind: 'refused', status: 401 });
    expect(forged).toMatchObject({ kind: 'refused', status: 403 });
    expect(plain).toMatchObject({ kind: 'refused', status: 401 });
  });

  test('without an encrypt key: plain events checked by token; an encrypted one cannot be read (400)', () => {
    const event = fixture('im-message-receive-p2p');
    expect(openEnvelope(Buffer.from(JSON.stringify(event)), {}, { verificationToken: TOKEN })).toMatchObject({ kind: 'event' });
    expect(openEnvelope(Buffer.from(JSON.stringify({ ...event, header: { ...event.header, token: 'no' } })), {}, { verificationToken: TOKEN })).toMatchObject({ status: 403 });
    expect(openEnvelope(Buffer.from('{"encrypt":"x"}'), {}, { verificationToken: TOKEN })).toMatchObject({ status: 400 });
    expect(openEnvelope(Buffer.from(JSON.stringify(fixture('url-verification'))), {}, { verificationToken: TOKEN })).toEqual({ kind: 'challenge', challenge: 'ajls384kdjx98XX' });
  });
});

describe('Feishu text and mapping', () => {
  test('escapeLarkMd makes tags and entities literal; toLarkMd keeps bold and http(s) links only', () => {
    expect(escapeLarkMd('<at id=all></at> & &lt;')).toBe('&lt;at id=all&gt;&lt;/at&gt; &amp; &amp;lt;');
    expect(toLarkMd('## 步骤\n- **重启** [说明](https://kb.test/a?b=1&c=<2>) [x](javascript:alert(1))')).toBe('**步骤**\n• **重启** [说明](https://kb.test/a?b=1&c=%3C2%3E) x (javascript:alert(1))');
  });

  test('a group message: the bot\'s mention is removed, other mentions become @name, the thread is the root message', () => {
    // Arrange
    const event = fixture('im-message-receive-group-mention').event;
    event.message.content = JSON.stringify({ text: '@_user_1 请帮 @_user_2 重置密码' });
    event.message.mentions.push({ key: '@_user_2', id: { open_id: 'ou_colleague' }, name: '李雷', tenant_key: 'x' });
    event.message.root_id = 'om_root1';
    // Act
    const mapped = mapMessageEvent(event, 'ou_bot0000000000000000000000000001');
    // Assert
    expect(mapped).toMatchObject({ kind: 'message', message: { text: '请帮 @李雷 重置密码', ref: { threadId: 'om_root1', extra: { chatType: 'group', replyTo: event.message.message_id } } } });
    expect(mapMessageEvent(event, 'ou_someone_else')).toEqual({ kind: 'drop', reason: 'group message without our @-mention' });
  });

  test('a post (rich text) message is read as its text runs', () => {
    const event = fixture('im-message-receive-p2p').event;
    event.message.message_type = 'post';
    event.message.content = JSON.stringify({ title: '打印机', content: [[{ tag: 'text', text: '三楼的打印机' }, { tag: 'a', text: '链接', href: 'https://x' }], [{ tag: 'text', text: '一直脱机' }]] });
    expect(mapMessageEvent(event, undefined)).toMatchObject({ kind: 'message', message: { text: '打印机 三楼的打印机链接 一直脱机' } });
  });

  test('platform errors: 99991400 and 230020 wait, 5xx and network errors retry, refusals are permanent', () => {
    const axiosError = (status: number, code: number, headers: Record<string, string> = {}) => ({ response: { status, data: { code, msg: 'm' }, headers } });
    const limited = toChannelError(axiosError(429, 99991400, { 'x-ogw-ratelimit-reset': '12' }), 'im.message.reply');
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(12_000);
    expect(toChannelError(axiosError(400, 230020), 'm')).toBeInstanceOf(RateLimitedError);
    expect(toChannelError(axiosError(503, 0), 'm')).toMatchObject({ permanent: false });
    expect(toChannelError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'm')).toBeInstanceOf(ChannelUnavailableError);
    const refused = toChannelError(axiosError(400, 230002), 'm');
    expect(refused).toBeInstanceOf(ChannelError);
    expect(refused).toMatchObject({ permanent: true });
    expect(refused.message).toContain('add it to the group');
  });
});

describe('Feishu long connection (the SDK\'s WSClient) and configuration', () => {
  test('the SDK\'s EventDispatcher hands our handler the same event as the HTTP path', async () => {
    // Arrange: what WSClient does with a pushed frame: dispatcher.invoke(data, { needCheck: false }).
    const seen: LarkEvent[] = [];
    const dispatcher = buildDispatcher(async (event) => {
      seen.push(event);
      return event.eventType === 'card.action.trigger' ? { toast: { type: 'info', content: 'ok' } } : undefined;
    }, createLogger({ level: 'silent' }));
    const message = fixture('im-message-receive-p2p');
    const click = fixture('card-action-trigger');
    // Act
    await dispatcher.invoke(message, { needCheck: false });
    const answer = await dispatcher.invoke(click, { needCheck: false });
    // Assert
    const viaHttp = openEnvelope(Buffer.from(JSON.stringify(message)), {}, { verificationToken: TOKEN });
    expect(viaHttp.kind === 'event' && viaHttp.event).toEqual(seen[0]);
    expect(seen[1]).toMatchObject({ eventId: 'f7984f25108f8137722bb63cee927e66', eventType: 'card.action.trigger', event: { operator: click.event.operator, context: click.event.context } });
    expect(answer).toEqual({ toast: { type: 'info', content: 'ok' } });
    expect(larkEventOfDispatched({ event_type: 'x' })).toBeNull();
  });

  test('FEISHU_MODE=websocket needs no verification token; http does; Lark by FEISHU_DOMAIN', () => {
    const base = { FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 's' };
    const ws = parseConfig({ ...base, FEISHU_MODE: 'websocket', FEISHU_DOMAIN: 'lark' });
    expect(ws.channels.feishu).toBe(true);
    expect(feishuConfigFrom(ws)).toMatchObject({ mode: 'websocket', domain: 'lark', defaultLang: 'zh' });
    expect(() => require('../../channels/feishu/feishu.channel').createFeishuChannel(feishuConfigFrom(parseConfig(base)))).toThrow(/FEISHU_VERIFICATION_TOKEN/);
    expect(() => parseConfig({ FEISHU_APP_ID: 'cli_x' })).toThrow(/FEISHU_APP_SECRET/);
    expect(() => parseConfig({ ...base, FEISHU_DOMAIN: 'ftp://x' })).toThrow(/FEISHU_DOMAIN/);
    expect(parseConfig({ ...base, FEISHU_ENCRYPT_KEY: 'k' }).secrets).toEqual(expect.arrayContaining(['s', 'k']));
  });

  test('frontdesk manifest feishu prints scopes, the event, the callback and the request URL', async () => {
    // Arrange
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c) => (out += c));
    // Act
    const code = await commands.manifest(['feishu'], { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: { PUBLIC_URL: 'https://desk.acme.test/' }, cwd: '/nonexistent-dir-without-env' });
    // Assert
    expect(code).toBe(0);
    const manifest = JSON.parse(out);
    expect(manifest.delivery).toMatchObject({ mode: 'http', request_url: 'https://desk.acme.test/feishu/events' });
    expect(manifest.events).toEqual(['im.message.receive_v1']);
    expect(manifest.callbacks).toEqual(['card.action.trigger']);
    expect(Object.keys(manifest.scopes)).toEqual(expect.arrayContaining(['im:message.p2p_msg:readonly', 'im:message.group_at_msg:readonly', 'contact:user.email:readonly']));
    expect(manifest.delivery.callback_url).toBe('https://desk.acme.test/feishu/events');
    expect(manifest.console).toBe('https://open.feishu.cn/app');
  });
});
