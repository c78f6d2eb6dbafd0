/**
 * Text for Feishu cards. Card text is `lark_md`, which reads `<at id=all></at>` (a mention of everyone),
 * `<font>`, `<a>` and `<text_tag>` tags, HTML entities and a Markdown subset (bold, italic, strikethrough,
 * links). This is the one place any text enters Feishu markup: escapeLarkMd makes `<`, `>` and `&` literal
 * everywhere, so only the bot's own Markdown (bold, http(s)/mailto links) stays live.
 */

/** Characters a card's lark_md text holds at most per element; longer text is split over several cards. */
export const FEISHU_CHUNK_CHARS = 4000;

/** Make `<`, `>` and `&` literal in lark_md: no tag (mention, font, link) and no entity can be smuggled in. */
export function escapeLarkMd(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Link targets that stay links; anything else (lark:// app links, javascript:) is shown as text. */
const LINKABLE = /^(?:https?:\/\/|mailto:)/i;

/** The engine's Markdown as lark_md: escaped, headings as bold lines, links only to http(s)/mailto. */
export function toLarkMd(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (heading) return `**${convertInline(heading[1]).replace(/\*\*/g, '')}**`;
      const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
      if (bullet) return `${bullet[1]}• ${convertInline(bullet[2])}`;
      return convertInline(line);
    })
    .join('\n');
}

function convertInline(line: string): string {
  const links: string[] = [];
  // Links become placeholders first, so their URLs are escaped once and not read as emphasis.
  const kept = line.replace(/\[([^\]]*)\]\((\S+?)\)/g, (match: string, label: string, url: string) => {
    if (!LINKABLE.test(url)) return `${label} (${url})`;
    links.push(`[${escapeLarkMd(label).replace(/[[\]]/g, '')}](${url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`);
    return `\u0000${links.length - 1}\u0000`;
  });
  return escapeLarkMd(kept).replace(/\u0000(\d+)\u0000/g, (_m, i: string) => links[Number(i)]);
}

/** Split text into chunks of at most `limit` characters, at paragraph, line or word boundaries when possible. */
export function splitText(text: string, limit = FEISHU_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    let cut = limit;
    for (const separator of ['\n\n', '\n', ' ']) {
      const at = window.lastIndexOf(separator);
      if (at >= limit / 2) {
        cut = at + separator.length;
        break;
      }
    }
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim() || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** A plain_text field (button, header) within Feishu's length limits. */
export function plain(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
