import { fill } from '../render/fill';
import type { Lang } from '../types/conversation';

/** What the life-cycle timer tells users, in both languages; `{name}` placeholders are filled by `lifecycleSay`. */
const LIFECYCLE_MESSAGES = {
  reminder: {
    en: 'A reminder about **{ticket}**: is it fixed now? If I do not hear from you, I will close it on {closesAt}.',
    zh: '提醒：工单 **{ticket}** 的问题解决了吗？如果没有收到您的回复，我们将于 {closesAt} 关闭该工单。',
  },
  autoClosed: {
    en: 'I closed **{ticket}** as I did not hear back, so I assume it is fixed. If the problem comes back, just describe it here.',
    zh: '由于未收到您的回复，工单 **{ticket}** 已自动关闭。如问题再次出现，请直接在此描述。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** Keys of the life-cycle sentences. */
export type LifecycleMessageKey = keyof typeof LIFECYCLE_MESSAGES;

/** The sentence `key` in `lang` with its placeholders filled. */
export function lifecycleSay(lang: Lang, key: LifecycleMessageKey, params: Record<string, string> = {}): string {
  return fill(LIFECYCLE_MESSAGES[key][lang], params);
}
