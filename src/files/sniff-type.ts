import path from 'node:path';

/** The types a name's extension claims; a file is accepted only when its content says the same. */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf', txt: 'text/plain', log: 'text/plain',
};

const startsWith = (bytes: Buffer, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);

/** What the first bytes say the content is (magic numbers); text is valid UTF-8 without NUL or other binary control bytes. */
export function sniffType(bytes: Buffer): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return isText(bytes) ? 'text/plain' : null;
}

function isText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  // Tab, line feed, form feed, carriage return and escape (coloured logs) are text; other C0 bytes are binary.
  for (const b of bytes) if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of an uploaded file when its name and its content agree (a `.png` that is a PNG), else null: a
 * renamed executable or an HTML page called `shot.png` is refused, whatever type the browser declared.
 */
export function checkedType(name: string, bytes: Buffer): string | null {
  const claimed = BY_EXTENSION[path.extname(name).slice(1).toLowerCase()];
  const actual = sniffType(bytes);
  return claimed && claimed === actual ? actual : null;
}
