import { basename } from 'node:path';
import type { Lang } from '../types/conversation';
import { type Article, readArticleDir } from './article';

/** Slugs DESIGN.md requires (tests and outside evaluations refer to them). */
export const REQUIRED_SLUGS = [
  'password-reset', 'account-locked', 'mfa-setup', 'vpn-connect', 'wifi-connect', 'printer-offline', 'printer-add',
  'outlook-not-syncing', 'mailbox-full', 'shared-mailbox-access', 'shared-drive-access', 'software-install',
  'laptop-slow', 'disk-full', 'blue-screen', 'monitor-no-signal', 'teams-audio', 'phishing-report', 'lost-device',
  'file-restore', 'new-hire-setup', 'hardware-request', 'browser-certificate-error', 'os-update', 'keyboard-mouse',
  'calendar-sharing', 'database-access', 'virus-malware', 'remote-desktop',
] as const;

/** Problems found in an article folder; errors fail the lint, warnings do not. */
export type KbLintReport = { articles: number; errors: string[]; warnings: string[] };

// `kb:slug` opens the English version (the /kb/:id page's default); `kb:slug?lang=zh` the Chinese one.
const KB_LINK = /\]\(kb:([^)\s#?]+)(\?[^)\s#]*)?(?:#[^)]*)?\)/g;

const fileOf = (article: Article) => (article.file ? basename(article.file) : `${article.id} (${article.lang})`);
const fileName = (slug: string, lang: Lang) => (lang === 'zh' ? `${slug}.zh.md` : `${slug}.md`);

function linkErrors(article: Article, versions: Map<string, Map<Lang, Article>>): string[] {
  const file = fileOf(article);
  const errors: string[] = [];
  for (const [, slug, query] of article.body.matchAll(KB_LINK)) {
    const target: Lang = /(?:^\?|&)lang=zh(?:&|$)/.test(query ?? '') ? 'zh' : 'en';
    const found = versions.get(slug);
    if (!found) {
      errors.push(`${file}: link to kb:${slug} points to no article; fix the slug or write kb-articles/${slug}.md`);
    } else if (target !== article.lang) {
      const want = article.lang === 'zh' ? `kb:${slug}?lang=zh` : `kb:${slug}`;
      const langName = target === 'zh' ? 'Chinese' : 'English';
      errors.push(`${file}: link to kb:${slug}${query ?? ''} opens the ${langName} version; write (${want})`);
    } else if (!found.has(target)) {
      errors.push(`${file}: link to kb:${slug}${query ?? ''} points to no article; write kb-articles/${fileName(slug, target)}`);
    }
  }
  return errors;
}

/** Check front matter, `kb:` links (each in the article's own language), required slugs and that every article exists in both languages. */
export function lintKb(dir: string): KbLintReport {
  const { articles, errors: readErrors } = readArticleDir(dir);
  const errors = readErrors.map((e) => e.message);
  const warnings: string[] = [];
  const versions = new Map<string, Map<Lang, Article>>();
  for (const article of articles) {
    const byLang = versions.get(article.id) ?? new Map<Lang, Article>();
    byLang.set(article.lang, article);
    versions.set(article.id, byLang);
  }
  for (const article of articles) errors.push(...linkErrors(article, versions));
  for (const slug of REQUIRED_SLUGS) {
    if (!versions.has(slug)) errors.push(`${slug}.md: required article missing; write kb-articles/${slug}.md`);
  }
  for (const [id, byLang] of versions) {
    const en = byLang.get('en');
    const zh = byLang.get('zh');
    if (!zh) errors.push(`${id}.zh.md: Chinese translation missing; Chinese users would get the English article: write kb-articles/${id}.zh.md`);
    if (!en) errors.push(`${id}.md: English version missing; English users would never see ${id}.zh.md: write kb-articles/${id}.md`);
    if (en && zh && en.category !== zh.category) {
      errors.push(`${id}.zh.md: category "${zh.category}" differs from ${id}.md "${en.category}"; make them equal`);
    }
  }
  return { articles: articles.length, errors, warnings };
}
