/**
 * Text for WeCom application messages. A `text` message is plain text whose only markup is the A tag
 * (`<a href="…">label</a>` opens a page); WeCom documents no escape sequence for it, so a `<` that could
 * open a tag in text we did not write becomes the full-width `＜` (it reads the same and is never markup).
 * Our own links are the only A tags we write, with http(s) targets and no quotes.
 */
export function escapeWecomText(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, '＜');
}

const LINK = /\[([^\]\n]{1,200})\]\(([^)\s]{1,2000})\)/g;
const SAFE_URL = /^https?:\/\/[^\s"'<>]+$/i;

/** The engine's Markdown as WeCom text: emphasis and headings dropped, bullets kept, links as A tags. */
export function toWecomText(markdown: string): string {
  const links: string[] = [];
  const withMarks = markdown.replace(LINK, (_m, label: string, url: string) => {
    const plainLabel = escapeWecomText(stripEmphasis(label));
    links.push(SAFE_URL.test(url) ? `<a href="${url}">${plainLabel}</a>` : `${plainLabel} (${escapeWecomText(url)})`);
    return `\u0000${links.length - 1}\u0000`;
  });
  const plain = withMarks
    .split('\n')
    .map((line) => line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/^(\s*)[-*+]\s+/, '$1• ').replace(/^```\w*$/, ''))
    .join('\n');
  return escapeWecomText(stripEmphasis(plain)).replace(/\u0000(\d+)\u0000/g, (_m, i: string) => links[Number(i)]);
}

/** Markdown emphasis removed (`**x**`, `__x__`, `*x*`, `` `x` ``): WeCom text shows the marks literally. */
function stripEmphasis(text: string): string {
  return text.replace(/\*\*([^*\n]+)\*\*/g, '$1').replace(/__([^_\n]+)__/g, '$1').replace(/(^|[^*\w])\*([^*\n]+)\*(?!\w)/g, '$1$2').replace(/`([^`\n]+)`/g, '$1');
}

/** Plain text for template-card fields, which show no markup at all: emphasis and link syntax dropped, clipped to `max` characters. */
export function cardText(markdown: string, max: number): string {
  const plain = stripEmphasis(markdown.replace(LINK, '$1')).replace(/:[a-z_]+:\s?/g, '').replace(/\s+/g, ' ').trim();
  const chars = [...plain];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : plain;
}

/** WeCom counts a text message's 2,048-byte limit in UTF-8 bytes (a Chinese character is 3). */
export const TEXT_MAX_BYTES = 2048;

/** Split text into parts of at most `maxBytes` UTF-8 bytes, at line breaks where possible, never inside a character or an A tag. */
export function splitForWecom(text: string, maxBytes = TEXT_MAX_BYTES): string[] {
  const parts: string[] = [];
  let current = '';
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  for (const piece of text.split(/(?<=\n)|(?=<a href)|(?<=<\/a>)/)) {
    if (bytes(current) + bytes(piece) <= maxBytes) {
      current += piece;
      continue;
    }
    if (current) parts.push(current);
    current = '';
    for (const char of piece) {
      if (bytes(current) + bytes(char) > maxBytes) {
        parts.push(current);
        current = '';
      }
      current += char;
    }
  }
  if (current.trim() || parts.length === 0) parts.push(current);
  return parts.map((p) => p.replace(/\n+$/, '')).filter((p, i, all) => p !== '' || all.length === 1);
}
