import { fill } from '../render/fill';
import type { Lang } from '../types/conversation';

/** What the requester is told when the SLA monitor acts, in both languages. */
const SLA_MESSAGES = {
  breachTold: {
    en: 'Sorry, we missed our {target} target for {ticket}. It is now with {owner}, at the top of their list; new expected {what}: by {dueAt}.',
    zh: '抱歉，{ticket} 已超出承诺的{target}时间。现由{owner}负责，并已优先处理；新的预计{what}时间：{dueAt} 前。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** The sentence `key` in `lang` with its `{name}` placeholders filled. */
export function slaSay(lang: Lang, key: keyof typeof SLA_MESSAGES, params: Record<string, string> = {}): string {
  return fill(SLA_MESSAGES[key][lang], params);
}

const WORDS = {
  response: { en: { target: 'first-response', what: 'response' }, zh: { target: '首次响应', what: '响应' } },
  resolve: { en: { target: 'resolution', what: 'fix' }, zh: { target: '解决', what: '解决' } },
} as const;

/** "first-response" / "response" and their Chinese words for a breached clock. */
export function clockWords(kind: 'response' | 'resolve', lang: Lang): { target: string; what: string } {
  return WORDS[kind][lang];
}
