import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { decodePage, tooLargeReason } from './decode-page';
import { htmlHealth } from './html-health';
import { htmlToMarkdown } from './html-to-markdown';
import { readMarkdownPage } from './markdown-page';

/** One export page read and converted, before it gets a slug and front matter. */
export type SourcePage = {
  kind: 'confluence' | 'sharepoint' | 'html' | 'markdown';
  title?: string;
  markdown: string;
  id?: string;
  category?: string;
  labels: string[];
  modified: string[];
  questions: string[];
  /** Things a person should know about this page's import (charset converted, images dropped, HTML repaired). */
  notes: string[];
  mtime: Date;
};

/** A page that cannot be imported, with the reason in words. */
export type PageProblem = { skip: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Read, decode and convert one page file; every failure is a reason, never a throw. */
export function readSourcePage(path: string, maxBytes: number): SourcePage | PageProblem {
  let bytes: Buffer;
  let mtime: Date;
  try {
    const stat = statSync(path);
    // Check the size before reading: a 500 MB "page" must not be loaded to be refused.
    if (stat.size > maxBytes) return { skip: tooLargeReason(stat.size, maxBytes) };
    bytes = readFileSync(path);
    mtime = stat.mtime;
  } catch (error) {
    return { skip: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  const decoded = decodePage(bytes, maxBytes);
  if (!decoded.ok) return { skip: decoded.reason };
  const notes = [...decoded.notes];
  if (/^\.(md|markdown)$/i.test(extname(path))) {
    const page = readMarkdownPage(decoded.text);
    return { kind: 'markdown', ...page, notes: [...notes, ...page.warnings], mtime };
  }
  const health = htmlHealth(decoded.text);
  if (health.fatal) return { skip: health.fatal };
  notes.push(...health.warnings);
  let html: ReturnType<typeof htmlToMarkdown>;
  try {
    html = htmlToMarkdown(decoded.text);
  } catch (error) {
    return { skip: `broken HTML: the page could not be converted (${(error as Error).message}); open and re-save it in a browser` };
  }
  if (html.imagesKept) notes.push(`${plural(html.imagesKept, 'image')} kept as links`);
  if (html.imagesDropped.length) {
    notes.push(`${plural(html.imagesDropped.length, 'image')} dropped (attachments or embedded; alt text kept): ${html.imagesDropped.slice(0, 5).join(', ')}${html.imagesDropped.length > 5 ? ', ...' : ''}`);
  }
  return { kind: html.kind, title: html.title, markdown: html.markdown, labels: html.labels, modified: html.modified, questions: [], notes, mtime };
}
