import TurndownService from 'turndown';
import {
  contentRootRank, type DomNode, exportKind, isChrome, labelCandidates, modifiedCandidate, titleCandidate,
} from './page-chrome';

/** An HTML page converted to Markdown, with what the page itself says about its title, date and labels. */
export type ConvertedHtml = {
  kind: 'confluence' | 'sharepoint' | 'html';
  title?: string;
  markdown: string;
  /** Raw "last modified" texts found in the page, best first. */
  modified: string[];
  labels: string[];
  imagesKept: number;
  /** Images that cannot travel with the article (attachments, embedded data), by their alt text or file name. */
  imagesDropped: string[];
};

const attr = (node: DomNode, name: string) => node.getAttribute?.(name) ?? '';
const ABSOLUTE = /^(?:https?:|mailto:|tel:)/i;
const BRUSH = /brush:\s*([\w+#-]+)/;
const MACRO_LABEL: Record<string, string> = { note: 'Note', warning: 'Warning', tip: 'Tip', information: 'Info' };

/** First table row: it becomes the Markdown header row (GFM tables need one). */
function isFirstRow(row: DomNode): boolean {
  let table: DomNode | null = row.parentNode;
  while (table && table.nodeName !== 'TABLE') table = table.parentNode;
  return table?.getElementsByTagName?.('tr')[0] === row;
}

function cellCount(row: DomNode): number {
  return Array.from(row.childNodes ?? []).filter((c) => c.nodeName === 'TD' || c.nodeName === 'TH').length;
}

/** Turndown configured for knowledge articles: ATX headings, dash lists, fenced code, GFM tables, no chrome. */
function service(out: ConvertedHtml, captures: { rank: number; content: string }[], titles: { rank: number; text: string }[]): TurndownService {
  const td = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', fence: '```', emDelimiter: '*', hr: '---' });
  td.addRule('tableSection', { filter: ['thead', 'tbody', 'tfoot'], replacement: (content) => content });
  td.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content, node) => {
      const first = (node as unknown as DomNode).parentNode?.childNodes?.[0] === (node as unknown as DomNode) ? '| ' : ' ';
      return `${first}${content.replace(/\s*\n+\s*/g, ' ').replace(/\|/g, '\\|').trim()} |`;
    },
  });
  td.addRule('tableRow', {
    filter: 'tr',
    replacement: (content, node) => {
      const row = node as unknown as DomNode;
      const line = `\n${content.trim().startsWith('|') ? content.trim() : `| ${content.trim()}`}`;
      return isFirstRow(row) ? `${line}\n|${' --- |'.repeat(Math.max(1, cellCount(row)))}` : line;
    },
  });
  td.addRule('table', { filter: 'table', replacement: (content) => `\n\n${content.trim()}\n\n` });
  // Confluence's code macro and SharePoint's snippets are <pre> without <code>: fence them, keep the language.
  td.addRule('bareCode', {
    filter: (node) => node.nodeName === 'PRE' && node.firstChild?.nodeName !== 'CODE',
    replacement: (_content, node) => {
      const lang = BRUSH.exec(attr(node as unknown as DomNode, 'data-syntaxhighlighter-params'))?.[1] ?? '';
      return `\n\n\`\`\`${lang}\n${(node.textContent ?? '').replace(/\n+$/, '')}\n\`\`\`\n\n`;
    },
  });
  // Confluence info/note/warning panels: a quoted paragraph that says what it is.
  td.addRule('panel', {
    filter: (node) => /\bconfluence-information-macro-(note|warning|tip|information)\b/.test(attr(node as unknown as DomNode, 'class')),
    replacement: (content, node) => {
      const kind = /confluence-information-macro-(\w+)/.exec(attr(node as unknown as DomNode, 'class'))?.[1] ?? 'information';
      return `\n\n${`**${MACRO_LABEL[kind] ?? 'Note'}:** ${content.trim()}`.split('\n').map((l) => `> ${l}`).join('\n')}\n\n`;
    },
  });
  td.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const el = node as unknown as DomNode;
      const alt = attr(el, 'alt').replace(/[[\]()*]/g, '').trim();
      const src = attr(el, 'src').trim();
      if (/\bemoticon\b/.test(attr(el, 'class'))) return alt;
      if (ABSOLUTE.test(src)) return `[Image: ${alt || src.split('/').pop()}](${src.replace(/[()]/g, encodeURIComponent)})`;
      // Attachments and embedded data cannot travel with the article: keep what the picture showed, in words.
      const name = alt || (src.startsWith('data:') ? 'embedded image' : src.split(/[?#]/)[0].split('/').pop() || 'image');
      return `*(image: ${name.replace(/[()]/g, '')})*`;
    },
  });
  td.addRule('link', {
    filter: (node) => node.nodeName === 'A' && attr(node as unknown as DomNode, 'href') !== '',
    replacement: (content, node) => {
      const href = attr(node as unknown as DomNode, 'href').trim();
      if (!content.trim() || href.startsWith('#') || /^javascript:/i.test(href)) return content;
      if (ABSOLUTE.test(href)) return `[${content}](${href.replace(/[()]/g, encodeURIComponent)})`;
      // Another page of the export: the importer points it at that page's kb: slug once all slugs are known.
      return `[${content}](import:${encodeURI(href)})`;
    },
  });
  td.addRule('chrome', { filter: (node) => isChrome(node as unknown as DomNode), replacement: () => '' });
  // A content area is kept even when it wears a chrome class (Confluence's index page uses pageSection).
  td.addRule('contentRoot', {
    filter: (node) => contentRootRank(node as unknown as DomNode) !== undefined,
    replacement: (content, node) => {
      captures.push({ rank: contentRootRank(node as unknown as DomNode) as number, content });
      return `\n\n${content}\n\n`;
    },
  });
  // Added last, so asked first for every element (turndown looks at an element before its children):
  // it only reads the page's title, date and labels, wherever they sit, and never claims the element.
  td.addRule('inspect', {
    filter: (node) => {
      const el = node as unknown as DomNode;
      const title = titleCandidate(el);
      if (title) titles.push(title);
      const modified = modifiedCandidate(el);
      if (modified) out.modified.push(modified);
      out.labels.push(...labelCandidates(el).map((l) => l.trim()).filter(Boolean));
      return false;
    },
  });
  return td;
}

/** Convert an exported page: the article area only (Confluence/SharePoint content, else main/body), chrome stripped. */
export function htmlToMarkdown(html: string): ConvertedHtml {
  const out: ConvertedHtml = { kind: exportKind(html), markdown: '', modified: [], labels: [], imagesKept: 0, imagesDropped: [] };
  const captures: { rank: number; content: string }[] = [];
  const titles: { rank: number; text: string }[] = [];
  const whole = service(out, captures, titles).turndown(html);
  const best = Math.min(...captures.map((c) => c.rank));
  const markdown = captures.length ? captures.filter((c) => c.rank === best).map((c) => c.content.trim()).join('\n\n') : whole;
  out.markdown = markdown.replace(/\n{3,}/g, '\n\n').trim();
  // Counted on the final text: images in stripped chrome (icons of an attachment list) are not the article's.
  out.imagesKept = out.markdown.match(/\[Image: [^\]]*\]\(/g)?.length ?? 0;
  out.imagesDropped = [...out.markdown.matchAll(/\*\(image: ([^)]*)\)\*/g)].map((m) => m[1]);
  out.title = titles.sort((a, b) => a.rank - b.rank)[0]?.text;
  return out;
}
