import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApp, type App } from '../../../src/app';
import { parseConfig } from '../../../src/config';
import { dialogEntries } from '../../../dialogs';
import { createLogger } from '../../../src/log';
import { createFeishuChannel, FEISHU_EVENTS_PATH, type FeishuChannel, type FeishuChannelConfig } from '../../../channels/feishu/feishu.channel';
import { feishuAgentsExtension } from '../../../channels/feishu/feishu-agents';
import { encryptEvent, larkSignature } from '../../../channels/feishu/feishu-crypto';
import { OpenPlatformStandIn, type ContactPerson } from './open-platform-stand-in';
import { fixture } from './fixtures';

/** The verification token and encrypt key of the test app's event subscription. */
export const TOKEN = 'rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV';
export const ENCRYPT_KEY = 'test-encrypt-key-0123456789';
export const BOT_OPEN_ID = 'ou_bot0000000000000000000000000001';
export const TIER2_CHAT = 'oc_tier2agents000000000000000001';

/** People of the test tenant. */
export const PEOPLE: ContactPerson[] = [
  { openId: 'ou_wangfang00000000000000000000001', name: '王芳', email: 'wangfang@acme.test', departmentId: 'od-finance' },
  { openId: 'ou_lilei0000000000000000000000002', name: '李雷', email: 'lilei@acme.test', departmentId: 'od-sales' },
  { openId: 'ou_tina00000000000000000000000003', name: 'Tina Agent', email: 'tina@acme.test', departmentId: 'od-it' },
  { openId: 'ou_emma00000000000000000000000004', name: 'Emma Stone', email: 'emma@acme.test', departmentId: 'od-sales', locale: 'en_us' },
  { openId: 'ou_alexwu000000000000000000000005', name: 'Alex Wu', email: 'alexwu@acme.test', departmentId: 'od-it' },
];
export const DEPARTMENTS = { 'od-finance': '财务部', 'od-sales': '销售部', 'od-it': 'IT 支持' };

/** A running Frontdesk with only the Feishu channel (and its agents' chat), and the Open Platform stand-in. */
export type FeishuTestApp = {
  app: App; channel: FeishuChannel; api: OpenPlatformStandIn; baseUrl: string; dbFile: string;
  /** Deliver an event as Feishu does: signed and encrypted when `encrypted` (the default), plain otherwise. */
  deliver(payload: unknown, options?: DeliverOptions): Promise<Response>;
  stop(keepDatabase?: boolean): Promise<void>;
};
export type DeliverOptions = { encrypted?: boolean; badSignature?: boolean; unsigned?: boolean };

/** Start the service with a temp (or given) database, the stand-in, and the channel in HTTP mode. */
export async function startFeishuTestApp(options: { encryptKey?: string | null; overrides?: Partial<FeishuChannelConfig>; env?: Record<string, string>; dbFile?: string; api?: OpenPlatformStandIn } = {}): Promise<FeishuTestApp> {
  const api = options.api ?? await new OpenPlatformStandIn(PEOPLE, DEPARTMENTS).start();
  const dbFile = options.dbFile ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-feishu-')), 'test.db');
  const encryptKey = options.encryptKey === null ? undefined : options.encryptKey ?? ENCRYPT_KEY;
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', DATABASE_PATH: dbFile, DISPATCH_BASE_DELAY_MS: '20',
    FEISHU_APP_ID: api.appId, FEISHU_APP_SECRET: api.appSecret, FEISHU_VERIFICATION_TOKEN: TOKEN, FEISHU_DOMAIN: api.url,
    ...(encryptKey ? { FEISHU_ENCRYPT_KEY: encryptKey } : {}), ...options.env,
  });
  const channel = createFeishuChannel({
    appId: api.appId, appSecret: api.appSecret, verificationToken: TOKEN, encryptKey, domain: api.url, mode: 'http', defaultLang: 'zh', ...options.overrides,
  });
  const app = await createApp(config, { channels: [channel], dialogs: dialogEntries, extensions: [feishuAgentsExtension], log: createLogger({ level: 'silent' }) });
  const port = await app.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app, channel, api, baseUrl, dbFile,
    deliver: (payload, deliverOptions = {}) => deliver(baseUrl, payload, encryptKey, deliverOptions),
    async stop(keepDatabase = false) {
      await app.stop();
      if (!options.api) await api.stop();
      if (!keepDatabase) fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
    },
  };
}

/** POST an event to the events URL the way Feishu does. */
export async function deliver(baseUrl: string, payload: unknown, encryptKey: string | undefined, options: DeliverOptions = {}): Promise<Response> {
  const plain = JSON.stringify(payload);
  const encrypted = options.encrypted ?? Boolean(encryptKey);
  const body = encrypted && encryptKey ? JSON.stringify({ encrypt: encryptEvent(encryptKey, plain) }) : plain;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (encryptKey && !options.unsigned) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    let signature = larkSignature(encryptKey, timestamp, nonce, body);
    if (options.badSignature) signature = signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    Object.assign(headers, { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature });
  }
  return fetch(`${baseUrl}${FEISHU_EVENTS_PATH}`, { method: 'POST', headers, body });
}

let counter = 0;

/** An im.message.receive_v1 event from `person` (p2p unless `group` names a chat; then it @-mentions the bot). */
export function messageEvent(person: ContactPerson, text: string, options: { group?: string; rootId?: string; messageId?: string; eventId?: string } = {}) {
  const n = ++counter;
  const event = fixture(options.group ? 'im-message-receive-group-mention' : 'im-message-receive-p2p');
  event.header.event_id = options.eventId ?? `evt${n}${randomBytes(6).toString('hex')}`;
  event.header.token = TOKEN;
  event.event.sender.sender_id.open_id = person.openId;
  const message = event.event.message;
  message.message_id = options.messageId ?? `om_test${n}${randomBytes(6).toString('hex')}`;
  message.create_time = String(Date.now());
  if (options.group) {
    message.chat_id = options.group;
    message.root_id = options.rootId ?? '';
    message.content = JSON.stringify({ text: `@_user_1 ${text}` });
  } else {
    message.chat_id = `oc_p2p_${person.openId.slice(3, 20)}`;
    message.content = JSON.stringify({ text });
  }
  return event;
}

/** A card.action.trigger event: `person` clicked a button with `value` on card `messageId` in `chatId`. */
export function clickEvent(person: ContactPerson, value: unknown, messageId: string, chatId: string, formValue?: Record<string, string>) {
  const event = fixture('card-action-trigger');
  event.header.event_id = `evtclick${++counter}${randomBytes(6).toString('hex')}`;
  event.header.token = TOKEN;
  event.event.operator.open_id = person.openId;
  event.event.action = { value, tag: 'button', ...(formValue ? { form_value: formValue, name: 'fd_resolve' } : {}) };
  event.event.context = { open_message_id: messageId, open_chat_id: chatId };
  return event;
}
