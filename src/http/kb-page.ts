import type { KnowledgeBase } from '../kb/knowledge-base';
import type { Lang } from '../types/conversation';
import { HttpError, sendHtml } from './body';
import type { HttpRouter } from './router';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Inline Markdown: **bold**, `code` and links (http(s), kb:slug and kb:slug?lang=zh only); everything else escaped. */
function inline(text: string): string {
  return escape(text)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+|kb:[a-z0-9-]+(?:\?lang=(?:en|zh))?)\)/g, (_m, label: string, url: string) =>
      `<a href="${url.startsWith('kb:') ? `/kb/${url.slice(3)}` : url}" rel="noopener">${label}</a>`);
}

/** The small Markdown subset articles use: headings, numbered and bulleted lists, paragraphs. */
export function renderArticleBody(markdown: string): string {
  const out: string[] = [];
  let list: 'ol' | 'ul' | null = null;
  const close = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const item = /^\s*(\d+\.|[-*])\s+(.*)$/.exec(line);
    if (heading) {
      close();
      out.push(`<h${heading[1].length + 1}>${inline(heading[2])}</h${heading[1].length + 1}>`);
    } else if (item) {
      const kind = /\d/.test(item[1]) ? 'ol' : 'ul';
      if (list !== kind) {
        close();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline(item[2])}</li>`);
    } else if (line.trim()) {
      close();
      out.push(`<p>${inline(line)}</p>`);
    } else close();
  }
  close();
  return out.join('\n');
}

/** Serve knowledge-base articles at /kb/:id?lang=en|zh, the links the bot sends. */
export function mountKbPages(router: HttpRouter, kb: KnowledgeBase): void {
  router.add('GET', '/kb/:id', (req, res, params) => {
    const lang: Lang = new URL(req.url ?? '/', 'http://x').searchParams.get('lang') === 'zh' ? 'zh' : 'en';
    const article = kb.get(params.id, lang);
    if (!article) throw new HttpError(404, `no article ${params.id}`);
    sendHtml(res, `<!doctype html><html lang="${article.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(article.title)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111827}</style>
</head><body><main><h1>${escape(article.title)}</h1>${renderArticleBody(article.body)}</main></body></html>`);
  });
}
