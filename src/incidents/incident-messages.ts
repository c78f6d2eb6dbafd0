import { detectLang } from '../lang';
import { fill } from '../render/fill';
import type { Lang } from '../types/conversation';

/** What reporters of a major incident are told, in both languages. */
const INCIDENT_MESSAGES = {
  linked: {
    en: 'This is a known problem affecting several people ({mi}). Your ticket {ticket} is linked to it; we will update you here.',
    zh: '这是一个已知问题，正在影响多位用户（{mi}）。您的工单 {ticket} 已关联到该问题，我们会在这里通知您进展。',
  },
  // {about}: " (title)" / "（title）" and {resolution}: ": note" / "：note", each empty when not in the reader's language.
  resolvedAsk: {
    en: 'The known problem {mi}{about} has been fixed{resolution}. Your ticket {ticket} is resolved with it. Is it working for you again?',
    zh: '已知问题 {mi}{about}已修复{resolution}。您的工单 {ticket} 随之解决。您这边恢复正常了吗？',
  },
  resolvedNote: {
    en: 'The known problem {mi}{about} has been fixed{resolution}. Your ticket {ticket} is resolved with it. If it comes back, write "status {ticket}" or describe it again.',
    zh: '已知问题 {mi}{about}已修复{resolution}。您的工单 {ticket} 随之解决。如问题再次出现，请输入“状态 {ticket}”或重新描述。',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** The sentence `key` in `lang` with its `{name}` placeholders filled. */
export function incidentSay(lang: Lang, key: keyof typeof INCIDENT_MESSAGES, params: Record<string, string> = {}): string {
  return fill(INCIDENT_MESSAGES[key][lang], params);
}

/**
 * The part of an agent's text written in `lang`: a bilingual "中文 / English" title gives its half, a text
 * wholly in the other language gives nothing (a Chinese reader is not handed an English note).
 */
export function inLanguage(text: string, lang: Lang): string | undefined {
  const parts = text.split(/\s+\/\s+/).map((p) => p.trim()).filter(Boolean);
  return parts.find((p) => detectLang(p) === lang);
}

/** The headline of a major incident's title: "Scanners cannot reach the WMS: since 06:40 … next update 08:30" names it before the colon. */
export function incidentHeadline(title: string): string {
  return title.split(/[:：]/)[0].trim();
}

/** The title and resolution of a fixed major incident as the resolved sentences quote them, in the reader's language. */
export function resolvedParams(lang: Lang, title: string, resolution: string): { about: string; resolution: string } {
  // The fixed notice names the incident; its old status text ("investigating; next update 08:30") is no longer true.
  const inLang = inLanguage(title, lang);
  const t = inLang && incidentHeadline(inLang);
  const r = inLanguage(resolution.replace(/[.。]+$/, ''), lang);
  return {
    about: t ? (lang === 'zh' ? `（${t}）` : ` (${t})`) : lang === 'zh' ? ' ' : '',
    resolution: r ? (lang === 'zh' ? `：${r}` : `: ${r}`) : '',
  };
}
