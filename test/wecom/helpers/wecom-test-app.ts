import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApp, type App } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import { dialogEntries } from '../../../dialogs';
import { WecomCrypto } from '../../../channels/wecom/wecom-crypto';
import { wecomExtension } from '../../../channels/wecom/wecom-agents';
import { createWecomChannel, wecomConfigFrom, type WecomChannel } from '../../../channels/wecom/wecom.channel';
import type { AppOptions } from '../../../src/app';
import { WecomApiStandIn, type WecomUser } from './wecom-api-stand-in';

/** The app's callback settings in these tests (Token and EncodingAESKey as the admin console issues them). */
export const WECOM = { corpId: 'wwcorp0001', agentId: '1000002', secret: 'app-secret-0001', token: 'QDG6eKtoken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };

/** People in the stand-in's directory: a requester, a colleague, and two tier-2 agents. */
export const USERS: WecomUser[] = [
  { userid: 'zhangsan', name: '张三', email: 'zhangsan@acme.test' },
  { userid: 'lisi', name: '李四', email: 'lisi@acme.test' },
  { userid: 'wangwu', name: '王五', email: 'wangwu@acme.test' },
  { userid: 'zhaoliu', name: '赵六', email: 'zhaoliu@acme.test' },
];

/** The callback's crypto as WeCom's side has it. */
export const platformCrypto = () => new WecomCrypto(WECOM.token, WECOM.encodingAesKey, WECOM.corpId);

/** An app with the WeCom channel on a temp SQLite file, listening on loopback; env adds or overrides settings. */
export async function startWecomApp(dir: string, api: WecomApiStandIn, env: Record<string, string> = {}, options: AppOptions = {}) {
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', DATABASE_PATH: path.join(dir, 'test.db'), DISPATCH_BASE_DELAY_MS: '20',
    WECOM_CORP_ID: WECOM.corpId, WECOM_AGENT_ID: WECOM.agentId, WECOM_SECRET: WECOM.secret, WECOM_TOKEN: WECOM.token,
    WECOM_ENCODING_AES_KEY: WECOM.encodingAesKey, WECOM_API_URL: api.url, ...env,
  });
  const channel = createWecomChannel(wecomConfigFrom(config));
  const app = await createApp(config, { channels: [channel], dialogs: dialogEntries, extensions: [wecomExtension], ...options });
  const port = (await app.start()) as number;
  return { app, channel: channel as WecomChannel, url: `http://127.0.0.1:${port}` };
}

let counter = 0;

/** The inner XML of a text message from `user`, as WeCom sends it to a self-built app. */
export function textXml(user: string, content: string, msgId = String(7_000_000_000_000_000_000n + BigInt(++counter))): string {
  const time = Math.floor(Date.now() / 1000);
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName><CreateTime>${time}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`;
}

/** The inner XML of a template_card_event (a button click). */
export function cardEventXml(user: string, taskId: string, key: string, responseCode: string): string {
  const time = Math.floor(Date.now() / 1000) + ++counter;
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName><CreateTime>${time}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${key}]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[${responseCode}]]></ResponseCode><AgentID>${WECOM.agentId}</AgentID></xml>`;
}

/** The encrypted envelope and signed query WeCom posts for `innerXml`. */
export function encryptedCallback(innerXml: string, crypto = platformCrypto()): { query: string; body: string } {
  const encrypted = crypto.encrypt(innerXml);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(randomBytes(4).readUInt32BE(0));
  const signature = crypto.signature(timestamp, nonce, encrypted);
  const body = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${WECOM.agentId}]]></AgentID></xml>`;
  return { query: `msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, body };
}

/** POST a callback to the app; returns the status and body text. */
export async function postCallback(baseUrl: string, innerXml: string): Promise<{ status: number; text: string; ms: number }> {
  const { query, body } = encryptedCallback(innerXml);
  const started = performance.now();
  const res = await fetch(`${baseUrl}/wecom/callback?${query}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
  return { status: res.status, text: await res.text(), ms: performance.now() - started };
}

/** Wait until `check` holds (turns and the outbox run in the background). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Settle the app: turns done, mirrors queued, the outbox drained. */
export async function settle(app: App): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await app.engine.idle();
    await new Promise((r) => setTimeout(r, 30));
    await app.dispatcher.drainDue();
  }
}

export { WecomApiStandIn };
