import { basename } from 'node:path';
import { type Article, readArticleDir } from './article';

/** Slugs DESIGN.md requires (tests and outside evaluations refer to them). */
export const REQUIRED_SLUGS = [
  'password-reset', 'account-locked', 'mfa-setup', 'vpn-connect', 'wifi-connect', 'printer-offline', 'printer-add',
  'outlook-not-syncing', 'mailbox-full', 'shared-mailbox-access', 'shared-drive-access', 'software-install',
  'laptop-slow', 'disk-full', 'blue-screen', 'monitor-no-signal', 'teams-audio', 'phishing-report', 'lost-device',
  'file-restore', 'new-hire-setup', 'hardware-request', 'browser-certificate-error', 'os-update', 'keyboard-mouse',
  'calendar-sharing', 'database-access', 'virus-malware', 'remote-desktop',
] as const;

/** Slugs that must also exist in Chinese. */
export const REQUIRED_ZH_SLUGS = [
  'password-reset', 'account-locked', 'mfa-setup', 'vpn-connect', 'wifi-connect', 'printer-offline',
  'outlook-not-syncing', 'software-install', 'laptop-slow', 'phishing-report', 'file-restore', 'shared-drive-access',
] as const;

/** Problems found in an article folder; errors fail the lint, warnings do not. */
export type KbLintReport = { articles: number; errors: string[]; warnings: string[] };

const KB_LINK = /\]\(kb:([^)\s#]+)(?:#[^)]*)?\)/g;

function linkErrors(article: Article, known: Set<string>): string[] {
  const file = article.file ? basename(article.file) : `${article.id} (${article.lang})`;
  return [...article.body.matchAll(KB_LINK)]
    .map((m) => m[1])
    .filter((slug) => !known.has(slug))
    .map((slug) => `${file}: link to kb:${slug} points to no article; fix the slug or write kb-articles/${slug}.md`);
}

/** Check front matter, `kb:` links, required slugs and required Chinese translations. */
export function lintKb(dir: string): KbLintReport {
  const { articles, errors: readErrors } = readArticleDir(dir);
  const errors = readErrors.map((e) => e.message);
  const warnings: string[] = [];
  const versions = new Map<string, Map<string, Article>>();
  for (const article of articles) {
    const byLang = versions.get(article.id) ?? new Map<string, Article>();
    byLang.set(article.lang, article);
    versions.set(article.id, byLang);
  }
  const known = new Set(versions.keys());
  for (const article of articles) errors.push(...linkErrors(article, known));
  for (const slug of REQUIRED_SLUGS) {
    if (!versions.get(slug)?.has('en')) errors.push(`${slug}.md: required article missing; write kb-articles/${slug}.md`);
  }
  for (const slug of REQUIRED_ZH_SLUGS) {
    if (!versions.get(slug)?.has('zh')) errors.push(`${slug}.zh.md: required Chinese translation missing; write kb-articles/${slug}.zh.md`);
  }
  for (const [id, byLang] of versions) {
    const en = byLang.get('en');
    const zh = byLang.get('zh');
    if (!en) warnings.push(`${id}.zh.md: no English version; English users will never see it`);
    if (en && zh && en.category !== zh.category) {
      errors.push(`${id}.zh.md: category "${zh.category}" differs from ${id}.md "${en.category}"; make them equal`);
    }
  }
  return { articles: articles.length, errors, warnings };
}
