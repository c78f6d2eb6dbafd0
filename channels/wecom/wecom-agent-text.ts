import { fill } from '../../src/render/fill';
import type { Lang } from '../../src/types/conversation';

/** What agents are told in the app's chat, in both languages (WECOM_LANG picks one). */
const TEXTS = {
  notAgent: {
    en: 'You are not a registered agent: ask an admin to add you (agent id = your WeCom UserID, or your e-mail before @).',
    zh: '您还不是已登记的客服人员：请管理员添加您（客服 ID = 企业微信 UserID，或邮箱 @ 前的部分）。',
  },
  askResolution: {
    en: 'Reply with what fixed {ticket}: the user reads it and is asked whether it is fixed.',
    zh: '请回复 {ticket} 的解决方法：用户会看到它，并被询问问题是否已解决。',
  },
  hint: {
    en: 'To write to a user, start with the ticket number, e.g. "{example} I have reset your password". Take over and Resolve are on the ticket card.',
    zh: '给用户留言请以工单号开头，例如“{example} 已为您重置密码”。接手和解决请点工单卡片上的按钮。',
  },
  failed: { en: 'Could not do that for {ticket}.', zh: '无法对 {ticket} 执行此操作。' },
} as const satisfies Record<string, Record<Lang, string>>;

/** An agent-facing sentence in `lang`, placeholders filled. */
export function agentText(lang: Lang, key: keyof typeof TEXTS, params: Record<string, string> = {}): string {
  return fill(TEXTS[key][lang], params);
}

const EMOJI: Record<string, string> = {
  speech_balloon: '💬', leftwards_arrow_with_hook: '↩️', white_check_mark: '✅', star: '⭐', raising_hand: '🙋',
  heavy_check_mark: '✔️', arrow_right_hook: '↪️', robot_face: '🤖', rotating_light: '🚨',
};

/** The tier-2 lines (channels/slack/slack-escalation-text.ts, in WECOM_LANG) use `:emoji:` codes WeCom would show as text: made Unicode. */
export function unicodeEmoji(text: string): string {
  return text.replace(/:([a-z_]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}
