import type { Config } from '../../src/config';
import { FEISHU_EVENTS_PATH } from './feishu.channel';

/** What a Feishu / Lark self-built app needs, for the developer console (there is no manifest import there). */
export type FeishuManifest = {
  console: string;
  capabilities: string[];
  /** Scope → why the channel needs it. */
  scopes: Record<string, string>;
  events: string[];
  callbacks: string[];
  delivery: { mode: 'http'; request_url: string; callback_url: string; encrypt_key: string; verification_token: string } | { mode: 'websocket'; note: string };
  environment: string[];
};

/** The scopes, events and callback the channel uses, for PUBLIC_URL and the configured domain and mode. */
export function feishuManifest(config: Pick<Config, 'PUBLIC_URL' | 'FEISHU_DOMAIN' | 'FEISHU_MODE' | 'FEISHU_TIER2_CHAT'>): FeishuManifest {
  const lark = config.FEISHU_DOMAIN === 'lark';
  const scopes = [
    { scope: 'im:message.p2p_msg:readonly', why: 'read what users write to the bot in one-to-one chats' },
    { scope: 'im:message.group_at_msg:readonly', why: 'read group messages that @-mention the bot' },
    { scope: 'im:message:send_as_bot', why: 'reply and send cards as the bot' },
    { scope: 'im:message', why: 'reply in threads and update the escalation card in place' },
    { scope: 'contact:contact.base:readonly', why: 'look up the person who writes' },
    { scope: 'contact:user.base:readonly', why: 'their name' },
    { scope: 'contact:user.email:readonly', why: 'their e-mail (ticket requester, agent matching)' },
    { scope: 'contact:user.department:readonly', why: 'their department id' },
    { scope: 'contact:department.base:readonly', why: 'the department\'s name' },
    ...(config.FEISHU_TIER2_CHAT ? [{ scope: 'im:message.group_msg', why: 'read agents\' replies in the escalation threads of the agents\' chat (FEISHU_TIER2_CHAT)' }] : []),
  ];
  const url = `${config.PUBLIC_URL.replace(/\/$/, '')}${FEISHU_EVENTS_PATH}`;
  return {
    console: lark ? 'https://open.larksuite.com/app' : 'https://open.feishu.cn/app',
    capabilities: ['bot'],
    scopes: Object.fromEntries(scopes.map((s) => [s.scope, s.why])),
    events: ['im.message.receive_v1'],
    callbacks: ['card.action.trigger'],
    delivery: config.FEISHU_MODE === 'websocket'
      ? { mode: 'websocket', note: 'Events and Callbacks → subscription mode "Receive events/callbacks through persistent connection"; no public URL' }
      : { mode: 'http', request_url: url, callback_url: url, encrypt_key: 'set one and copy it to FEISHU_ENCRYPT_KEY', verification_token: 'copy it to FEISHU_VERIFICATION_TOKEN' },
    environment: ['FEISHU_APP_ID', 'FEISHU_APP_SECRET', ...(config.FEISHU_MODE === 'http' ? ['FEISHU_VERIFICATION_TOKEN', 'FEISHU_ENCRYPT_KEY'] : []), ...(lark ? ['FEISHU_DOMAIN=lark'] : [])],
  };
}
