/**
 * Markdown (what the engine writes) to Slack mrkdwn, and splitting for Slack's size limits.
 *
 * Limit chosen: 3,000 characters per chunk. A section block's text may hold at most 3,000 characters,
 * and Slack advises keeping plain `text` under 4,000 (it truncates at 40,000), so one chunk size serves
 * both plain messages and blocks. A longer reply becomes several messages, in order.
 */
export const SLACK_CHUNK_CHARS = 3000;

/**
 * Escape the three characters Slack reserves for its own markup. This is the one place user text enters
 * Slack formatting: toMrkdwn applies it to prose, inline code and code blocks alike (Slack reads `<@U…>`,
 * `<!channel>` and `<url|label>` even inside code), so only the bot's own markup is ever live.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Convert the engine's Markdown to Slack mrkdwn; code spans and fences keep their text (escaped only). */
export function toMrkdwn(markdown: string): string {
  // Odd indices are fenced code blocks: Slack renders ``` itself, but would still read <…> inside them.
  return markdown
    .split(/(```[\s\S]*?```)/g)
    .map((part, i) => (i % 2 === 1 ? escapeMrkdwn(part) : convertProse(part)))
    .join('');
}

/** Link targets that become Slack links; `[x](!channel)` or `[x](@U0…)` would become a broadcast or a mention. */
const LINKABLE = /^(?:https?:\/\/|mailto:)/i;

function convertProse(text: string): string {
  return text
    .split('\n')
    .map((line) => convertLine(line))
    .join('\n');
}

function convertLine(line: string): string {
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  if (heading) return `*${convertInline(heading[1]).replace(/\*/g, '')}*`;
  const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
  if (bullet) return `${bullet[1]}• ${convertInline(bullet[2])}`;
  const quote = /^\s*>\s?(.*)$/.exec(line);
  if (quote) return `>${convertInline(quote[1])}`;
  if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) return '───';
  return convertInline(line);
}

/** Inline markup of one line; inline code is kept verbatim (escaped only). */
function convertInline(line: string): string {
  return line
    .split(/(`[^`]+`)/g)
    .map((part, i) => (i % 2 === 1 ? escapeMrkdwn(part) : convertSpans(part)))
    .join('');
}

function convertSpans(text: string): string {
  const tokens: string[] = [];
  // Links are turned into placeholders first so that their URLs are not touched by the emphasis rules.
  const keep = (value: string) => `\u0000${tokens.push(value) - 1}\u0000`;
  let out = text
    .replace(/!?\[([^\]]*)\]\((\S+?)(?:\s+"[^"]*")?\)/g, (match: string, label: string, url: string) => {
      if (!LINKABLE.test(url)) return match;
      return keep(label.trim() ? `<${escapeUrl(url)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>` : `<${escapeUrl(url)}>`);
    })
    .replace(/<(https?:\/\/[^\s>]+)>/g, (_m, url: string) => keep(`<${escapeUrl(url)}>`));
  out = escapeMrkdwn(out)
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, (_m, _d, inner: string) => keep(`*${inner}*`))
    .replace(/(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g, (_m, inner: string) => `_${inner}_`)
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, (_m, inner: string) => `~${inner}~`);
  return out.replace(/\u0000(\d+)\u0000/g, (_m, index: string) => tokens[Number(index)]);
}

function escapeUrl(url: string): string {
  return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

/**
 * Split text into chunks of at most `limit` characters, preferring paragraph, then line, then word
 * boundaries, and never cutting inside a `<url|label>` link or an `&amp;` entity.
 */
export function splitForSlack(text: string, limit = SLACK_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim() || chunks.length === 0) chunks.push(rest);
  return chunks.filter((c, i) => c.length > 0 || i === 0);
}

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit);
  const minimum = Math.floor(limit / 2);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at >= minimum) return safeCut(text, at + separator.length);
  }
  return safeCut(text, limit);
}

/** Move a cut back before an unclosed `<…>` link or `&…;` entity. */
function safeCut(text: string, cut: number): number {
  const head = text.slice(0, cut);
  const open = head.lastIndexOf('<');
  if (open > head.lastIndexOf('>') && open > 0) return open;
  const amp = head.lastIndexOf('&');
  if (amp > head.lastIndexOf(';') && cut - amp < 6 && amp > 0) return amp;
  return cut;
}
