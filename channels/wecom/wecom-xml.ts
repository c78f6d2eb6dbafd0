/** Largest callback body read: WeCom's callbacks are a few KB (a text message is at most 2,048 bytes). */
export const MAX_XML_CHARS = 64 * 1024;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const CHILD = /<([A-Za-z][A-Za-z0-9_]{0,63})>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g;

/**
 * The child elements of WeCom's flat `<xml>…</xml>` callbacks as name → text (CDATA or entity-decoded
 * text).
 * Nested elements (SelectedItems of a vote card) surface as their innermost children. WeCom's
 * XML has no attributes, namespaces or DTDs, so a small reader suffices and has none of a full parser's
 * entity-expansion risks. Returns null when the text is not such a document.
 */
export function parseWecomXml(text: string): Record<string, string> | null {
  if (text.length > MAX_XML_CHARS) return null;
  const body = /^\s*(?:<\?xml[^>]{0,200}\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(text);
  if (!body) return null;
  const fields: Record<string, string> = Object.create(null);
  for (const match of body[1].matchAll(CHILD)) {
    const [, name, cdata, plain] = match;
    // The first occurrence wins: a repeated element cannot overwrite the one we checked.
    if (!(name in fields)) fields[name] = cdata ?? decodeEntities(plain ?? '');
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
