import { randomInt } from 'node:crypto';
import type { CliCommand } from '../../src/cli/command';
import { loadConfig } from '../../src/config';
import { WECOM_CALLBACK_PATH } from './wecom.channel';

/** The WeCom settings, which exist only once the app is created in the admin console. */
const WECOM_SETTINGS = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY', 'WECOM_AGENT_USERS', 'WECOM_API_URL'] as const;

/** Letters and digits only, as the admin console accepts for Token (≤32) and EncodingAESKey (43). */
function randomAlnum(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  // randomInt is uniform: the EncodingAESKey is the AES key itself, so no character may be likelier than another.
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/**
 * `frontdesk manifest wecom`: what to set up for a self-built app in the WeCom admin console (work.weixin.qq.com):
 * the callback URL for PUBLIC_URL, a fresh Token and EncodingAESKey to paste there and into the environment,
 * the trusted IP, the API permissions the channel calls, and the variables to set.
 */
export const runWecomManifestCommand: CliCommand = async (_args, io) => {
  const config = loadConfig({ ...io.env, ...Object.fromEntries(WECOM_SETTINGS.map((key) => [key, ''])) }, io.cwd);
  const callback = `${config.PUBLIC_URL.replace(/\/$/, '')}${WECOM_CALLBACK_PATH}`;
  const lines = [
    'WeCom self-built app (企业微信 → 应用管理 → 自建 → 创建应用)',
    '',
    `1. 接收消息 → 设置API接收 (Receive messages → Set API reception)`,
    `   URL:            ${callback}`,
    `   Token:          ${randomAlnum(32)}`,
    `   EncodingAESKey: ${randomAlnum(43)}`,
    '   Frontdesk must be running with these values when you press Save: WeCom checks the URL (echostr).',
    '2. 企业可信IP (Trusted IPs): add the public IP address Frontdesk calls qyapi.weixin.qq.com from (errcode 60020 otherwise).',
    '3. 可见范围 (Visible range): the people and departments who may use the service desk, and the tier-2 agents.',
    '4. API calls the channel makes: gettoken, message/send (text, template_card), message/update_template_card,',
    '   user/get and department/get (通讯录读取: name, e-mail, department; grant them in the visible range).',
    '5. Environment:',
    '   WECOM_CORP_ID=<我的企业 → 企业ID>',
    '   WECOM_AGENT_ID=<the app\'s AgentId>',
    '   WECOM_SECRET=<the app\'s Secret>',
    '   WECOM_TOKEN=<the Token above>',
    '   WECOM_ENCODING_AES_KEY=<the EncodingAESKey above>',
    '   WECOM_AGENT_USERS=<UserIDs of tier-2 agents, comma separated (optional)>',
  ];
  if (!callback.startsWith('https://')) io.stderr.write(`warning: PUBLIC_URL ${config.PUBLIC_URL} is not https; WeCom callbacks need a public http(s) URL on a domain of your company\n`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
};
