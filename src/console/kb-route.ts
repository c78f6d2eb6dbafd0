import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { HttpError, sendJson } from '../http/body';
import type { HttpRouter } from '../http/router';
import type { Article } from '../kb/article';
import type { KnowledgeBase } from '../kb/knowledge-base';
import type { ConsoleSession } from '../store/agent-store';
import type { Lang } from '../types/conversation';

/** One section of an article as the reply box takes it: its heading and its text (Markdown, links written out). */
export type KbSection = { heading: string; text: string };

/** An article found for the console's KB picker, with its public link and its sections. */
export type KbPick = { id: string; title: string; lang: Lang; url: string; sections: KbSection[] };

const Query = z.object({ q: z.string().trim().min(1).max(200), lang: z.enum(['en', 'zh']).default('en') });
const MAX_SECTION_CHARS = 2000;

/** The article's address for users: the page the bot links to, in the article's language. */
export function articleUrl(publicUrl: string, id: string, lang: Lang): string {
  return `${publicUrl.replace(/\/+$/, '')}/kb/${encodeURIComponent(id)}${lang === 'zh' ? '?lang=zh' : ''}`;
}

/**
 * The article's `##` sections (the text before the first one is the article's own introduction, under its
 * title). Links are written out as "label (address)", so the reply reads the same on every channel.
 */
export function articleSections(article: Pick<Article, 'title' | 'body'>, publicUrl: string): KbSection[] {
  const sections: KbSection[] = [];
  let heading = article.title;
  let lines: string[] = [];
  const flush = () => {
    const text = lines.join('\n').trim();
    if (text) sections.push({ heading, text: text.length > MAX_SECTION_CHARS ? `${text.slice(0, MAX_SECTION_CHARS - 1)}…` : text });
    lines = [];
  };
  for (const line of article.body.split('\n')) {
    const title = /^#{1,3}\s+(.+)$/.exec(line);
    if (!title) { lines.push(line); continue; }
    flush();
    heading = title[1].trim();
  }
  flush();
  return sections.map((s) => ({ heading: s.heading, text: writeLinks(s.text, publicUrl) }));
}

function writeLinks(text: string, publicUrl: string): string {
  return text.replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+|kb:([a-z0-9-]+)(?:\?lang=(en|zh))?)\)/g, (_m, label: string, url: string, slug?: string, lang?: string) =>
    `${label} (${slug ? articleUrl(publicUrl, slug, lang === 'zh' ? 'zh' : 'en') : url})`);
}

/** GET /console/api/kb?q=…&lang=en|zh: the best five articles in that language (else their other version), with sections. */
export function mountKbRoute(
  router: HttpRouter, deps: { auth: { require(req: IncomingMessage): Promise<ConsoleSession> }; kb: Pick<KnowledgeBase, 'search' | 'get'>; publicUrl: string },
): void {
  router.add('GET', '/console/api/kb', async (req, res) => {
    await deps.auth.require(req);
    const search = new URL(req.url ?? '/', 'http://x').searchParams;
    const parsed = Query.safeParse({ q: search.get('q') ?? '', lang: search.get('lang') ?? undefined });
    if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
    const { q, lang } = parsed.data;
    const picks: KbPick[] = [];
    for (const hit of deps.kb.search(q, { lang, limit: 5 })) {
      const article = deps.kb.get(hit.id, lang);
      if (!article) continue;
      picks.push({ id: article.id, title: article.title, lang: article.lang, url: articleUrl(deps.publicUrl, article.id, article.lang), sections: articleSections(article, deps.publicUrl) });
    }
    sendJson(res, 200, { articles: picks });
  });
}
