import { basename } from 'node:path';
import { isStopWord } from '../tokenize';

const MAX_SLUG = 60;
const zhWords = new Intl.Segmenter('zh', { granularity: 'word' });
// Words that say nothing about a topic in a Chinese title ("如何", "怎么" ...): never a tag.
const ZH_FILLER = new Set(['如何', '怎么', '怎样', '什么', '为什么', '可以', '无法', '不能', '问题', '我们', '你的', '我的', '使用', '进行', '一个']);

/** A kebab-case slug of the ASCII words of a text, at most 60 characters; undefined when nothing is left. */
export function slugify(text: string): string | undefined {
  const slug = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (!slug) return undefined;
  if (slug.length <= MAX_SLUG) return slug;
  const cut = slug.slice(0, MAX_SLUG + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : MAX_SLUG).replace(/-+$/, '');
}

/** The page name of an export file: "VPN-Setup_65538.html" (Confluence) -> "VPN-Setup", "Wi-Fi.aspx.html" -> "Wi-Fi". */
export function pageName(file: string): string {
  return basename(file).replace(/(\.aspx)?\.(html?|md|markdown)$/i, '').replace(/_\d{3,}$/, '');
}

/**
 * The article's slug: from the title when it has real English words (an English page), else from the file
 * name (Chinese titles have no ASCII slug), else `page-<number>` from a Confluence page id.
 */
export function slugFor(title: string, file: string, lang: 'en' | 'zh'): string {
  const fromTitle = (title.match(/[A-Za-z]{3,}/g)?.length ?? 0) >= (lang === 'en' ? 1 : 2) ? slugify(title) : undefined;
  const name = pageName(file);
  const fromFile = /^\d+$/.test(name) ? `page-${name}` : slugify(name);
  const idOrHash = /_(\d{3,})\./.exec(basename(file))?.[1];
  return (lang === 'en' ? fromTitle ?? fromFile : fromFile ?? fromTitle) ?? `page-${idOrHash ?? Buffer.from(basename(file)).toString('hex').slice(0, 12)}`;
}

/** Tags: the page's own labels first, then the topic words of its title (English words, Chinese words). */
export function tagsFor(title: string, labels: readonly string[]): string[] {
  const words = (title.toLowerCase().match(/[a-z0-9][a-z0-9.+#-]*/g) ?? [])
    .filter((w) => (w.length >= 3 || /\d/.test(w)) && !isStopWord(w));
  const han = [...zhWords.segment(title)].map((s) => s.segment).filter((s) => /^[\u3400-\u9fff]{2,}$/.test(s) && !ZH_FILLER.has(s));
  const all = [...labels.map((l) => l.toLowerCase().trim()), ...words, ...han].filter(Boolean);
  return [...new Set(all)].slice(0, 10);
}

/** Questions the article answers: its title and its headings when they are phrased as questions. */
export function questionsFor(title: string, markdown: string): string[] {
  const headings = [...markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)].map((m) => m[1].replace(/[*_`]/g, '').trim());
  const asked = [title, ...headings].filter((q) => /[?？]$/.test(q));
  return [...new Set(asked)].slice(0, 10);
}
