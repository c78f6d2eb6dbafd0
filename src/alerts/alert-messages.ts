import { fill } from '../render/fill';

/**
 * What people are told about an alert's incident. A broadcast and a major incident's resolution are one text
 * for every reader, so each carries both languages, English first.
 */
const ALERT_MESSAGES = {
  broadcast: {
    en: '{service} is not working: {summary}. We know and are working on it ({mi}); you do not need to report it.',
    zh: '{service} 出现故障：{summary}。我们已知晓并正在处理（{mi}），无需另行报告。',
  },
  followUp: {
    en: '{service} is working again ({mi}).',
    zh: '{service} 已恢复正常（{mi}）。',
  },
  resolution: {
    en: 'monitoring shows {service} working again',
    zh: '监控显示 {service} 已恢复正常',
  },
} as const;

/** The text `key` in English and Chinese, placeholders filled; `sep` between them. */
export function alertText(key: keyof typeof ALERT_MESSAGES, params: Record<string, string>, sep = '\n'): string {
  const cut = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.replace(/[.。\s]+$/, '').slice(0, 300)]));
  return `${fill(ALERT_MESSAGES[key].en, cut)}${sep}${fill(ALERT_MESSAGES[key].zh, cut)}`;
}
