import { fill } from '../render/fill';
import type { Lang } from '../types/conversation';

/** What the requester is told when the SLA monitor acts, in both languages. */
const SLA_MESSAGES = {
  breachEscalated: {
    en: 'Your ticket {ticket} is taking longer than planned; it has been escalated to a specialist.',
    zh: '您的工单 {ticket} 处理时间超出预期，已升级给专员处理。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** The sentence `key` in `lang` with its `{name}` placeholders filled. */
export function slaSay(lang: Lang, key: keyof typeof SLA_MESSAGES, params: Record<string, string> = {}): string {
  return fill(SLA_MESSAGES[key][lang], params);
}
