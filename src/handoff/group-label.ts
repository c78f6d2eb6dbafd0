import type { Lang } from '../types/conversation';

// The built-in groups in words; a group only configured (ROUTING_GROUPS) shows as its own name in both languages.
const LABELS: Record<string, Record<Lang, string>> = {
  'service-desk': { en: 'the service desk team', zh: '服务台团队' },
  network: { en: 'the network team', zh: '网络团队' },
  security: { en: 'the security team', zh: '安全团队' },
  identity: { en: 'the accounts and access team', zh: '账号与权限团队' },
  'field-services': { en: 'the on-site support team', zh: '现场支持团队' },
  applications: { en: 'the applications team', zh: '应用团队' },
  messaging: { en: 'the email and collaboration team', zh: '邮件与协作团队' },
  data: { en: 'the data and storage team', zh: '数据与存储团队' },
};

/** A tier-2 group as the user reads it ("the network team", "网络团队"), never a raw id inside a sentence. */
export function groupLabel(group: string, lang: Lang): string {
  return LABELS[group]?.[lang] ?? (lang === 'zh' ? `${group} 团队` : `the ${group} team`);
}
