import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ValidationError } from '../errors';
import { Category } from '../types/ticket';
import type { Lang } from '../types/conversation';

/** Front matter of one article file, as agreed with the article writers. */
export const ArticleFrontMatter = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use a kebab-case slug such as `vpn-connect`'),
  title: z.string().trim().min(1, 'give the article a title'),
  category: Category,
  tags: z.array(z.string().trim().min(1)).default([]),
  questions: z.array(z.string().trim().min(1)).default([]),
  // YAML 1.1 readers turn 2024-05-01 into a Date; accept both and keep the plain date text.
  updated: z.preprocess(
    (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD'),
  ),
});
export type ArticleFrontMatter = z.infer<typeof ArticleFrontMatter>;

/** One article in one language, ready to index. */
export type Article = ArticleFrontMatter & { lang: Lang; body: string; file?: string };

/** Split `kb-articles/<slug>.md` / `<slug>.zh.md` into slug and language. */
export function slugOf(file: string): { slug: string; lang: Lang } {
  const name = basename(file);
  if (name.endsWith('.zh.md')) return { slug: name.slice(0, -'.zh.md'.length), lang: 'zh' };
  return { slug: name.replace(/\.md$/, ''), lang: 'en' };
}

/** Parse one article file's text; throws a ValidationError naming the file and the field. */
export function parseArticle(text: string, file: string): Article {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) throw new ValidationError(`${file}: front matter missing: start the file with a \`---\` block`);
  let data: unknown;
  try {
    data = parseYaml(match[1]);
  } catch (error) {
    throw new ValidationError(`${file}: front matter is not valid YAML: ${(error as Error).message}`, error);
  }
  const parsed = ArticleFrontMatter.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || '(root)';
    throw new ValidationError(`${file}: front matter field \`${field}\`: ${issue.message}`, parsed.error);
  }
  const { slug, lang } = slugOf(file);
  if (parsed.data.id !== slug) {
    throw new ValidationError(`${file}: front matter field \`id\`: is "${parsed.data.id}" but must equal the file slug "${slug}"`);
  }
  return { ...parsed.data, lang, body: text.slice(match[0].length).trim(), file };
}

/** Article files of a folder, sorted so loading is deterministic. */
export function articleFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && !name.startsWith('.') && name.toLowerCase() !== 'readme.md')
    .sort()
    .map((name) => join(dir, name));
}

/** Read every article of a folder, collecting errors instead of stopping at the first. */
export function readArticleDir(dir: string): { articles: Article[]; errors: Error[] } {
  const articles: Article[] = [];
  const errors: Error[] = [];
  for (const file of articleFiles(dir)) {
    try {
      articles.push(parseArticle(readFileSync(file, 'utf8'), file));
    } catch (error) {
      errors.push(error as Error);
    }
  }
  return { articles, errors };
}

/** Read every article of a folder; the first bad one throws (start-up must stop on it). */
export function loadArticles(dir: string): Article[] {
  const { articles, errors } = readArticleDir(dir);
  if (errors.length > 0) throw errors[0];
  return articles;
}
