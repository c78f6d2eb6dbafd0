/** The numbers that open lines ("1. ", "2) "), in order: what a user answers by. */
export function numberingOf(text: string): number[] {
  return [...text.matchAll(/^\s*(\d{1,2})[.)]\s/gm)].map((m) => Number(m[1]));
}

/** The visible text of an HTML part as a mail client lays it out, list items numbered as clients number them. */
export function htmlAsText(html: string): string {
  let out = '';
  const lists: number[] = [];
  for (const token of html.replace(/\r?\n/g, '').split(/(<[^>]+>)/)) {
    const tag = /^<\s*(\/?)\s*([a-z0-9]+)([^>]*)>$/i.exec(token);
    if (!tag) {
      out += token.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
      continue;
    }
    const [, close, name] = tag;
    const lower = name.toLowerCase();
    if (lower === 'ol' && !close) lists.push(Number(/start="?(\d+)/i.exec(tag[3])?.[1] ?? 1));
    else if (lower === 'ol' && close) lists.pop();
    else if (lower === 'li' && !close) out += `\n${lists.length ? `${lists[lists.length - 1]++}. ` : '- '}`;
    else if (lower === 'br' || (close && ['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3'].includes(lower))) out += '\n';
  }
  return out;
}
