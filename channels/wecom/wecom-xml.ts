/** Largest callback body read: WeCom's callbacks are a few KB (a text message is at most 2,048 bytes). */
export const MAX_XML_CHARS = 64 * 1024;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /[A-Za-z][A-Za-z0-9_]{0,63}/y;

/**
 * The child elements of WeCom's flat `<xml>…</xml>` callbacks as name → text (CDATA or entity-decoded
 * text). Nested elements (SelectedItems of a vote card) surface as their innermost children. WeCom's XML has
 * no attributes, namespaces or DTDs, so a small reader suffices and has none of a full parser's
 * entity-expansion risks. One pass over the text (no backtracking regex: a hostile document costs linear
 * time). Returns null when the text is not such a document.
 */
export function parseWecomXml(text: string): Record<string, string> | null {
  if (text.length > MAX_XML_CHARS) return null;
  const body = /^\s*(?:<\?xml[^>]{0,200}\?>\s*)?<xml>/.exec(text);
  const end = text.lastIndexOf('</xml>');
  if (!body || end < body[0].length || text.slice(end + 6).trim() !== '') return null;
  const fields: Record<string, string> = Object.create(null);
  let cdataEnd = -2; // where the next "]]>" is, searched once per region (keeps unclosed CDATA linear)
  let pos = body[0].length;
  while (pos < end) {
    const open = text.indexOf('<', pos);
    if (open < 0 || open >= end) break;
    NAME.lastIndex = open + 1;
    const name = NAME.exec(text)?.[0];
    const afterName = open + 1 + (name?.length ?? 0);
    if (!name || text[afterName] !== '>') {
      pos = open + 1;
      continue;
    }
    const contentStart = afterName + 1;
    const close = `</${name}>`;
    let value: string | undefined;
    let next = contentStart;
    if (text.startsWith('<![CDATA[', contentStart)) {
      if (cdataEnd !== -1 && cdataEnd < contentStart + 9) cdataEnd = text.indexOf(']]>', contentStart + 9);
      if (cdataEnd >= 0 && cdataEnd < end && text.startsWith(close, cdataEnd + 3)) {
        value = text.slice(contentStart + 9, cdataEnd);
        next = cdataEnd + 3 + close.length;
      }
    } else {
      const lt = text.indexOf('<', contentStart);
      if (lt >= 0 && text.startsWith(close, lt)) {
        value = decodeEntities(text.slice(contentStart, lt));
        next = lt + close.length;
      }
    }
    // The first occurrence wins: a repeated element cannot overwrite the one we checked.
    if (value !== undefined && !(name in fields)) fields[name] = value;
    pos = next;
  }
  return fields;
}
function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name];
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }).trim();
}
