import { detect } from 'chardet';
import iconv from 'iconv-lite';

/** Pages larger than this are skipped: a knowledge article is a few pages of text, not a 5 MB dump. */
export const DEFAULT_MAX_PAGE_BYTES = 5 * 1024 * 1024;

/** A page file turned into text, or the reason it cannot be. */
export type DecodedPage =
  | { ok: true; text: string; charset: string; notes: string[] }
  | { ok: false; reason: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });
// <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gb2312">.
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)/i;

function declaredCharset(bytes: Buffer): string | undefined {
  // The declaration must sit in the first 1024 bytes (HTML standard); reading it as latin1 is safe for ASCII.
  return META_CHARSET.exec(bytes.subarray(0, 1024).toString('latin1'))?.[1]?.toLowerCase();
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Why a page of `size` bytes is refused. */
export function tooLargeReason(size: number, maxBytes: number): string {
  return `page is ${megabytes(size)}, over the ${megabytes(maxBytes)} limit: split it into smaller pages or pass --max-mb`;
}

/**
 * Decode a page: UTF-8 when it is valid UTF-8 (with or without BOM), else the charset the page declares,
 * else the one chardet detects (GBK Chinese pages saved by old Windows browsers, Windows-1252 English ones).
 */
export function decodePage(bytes: Buffer, maxBytes = DEFAULT_MAX_PAGE_BYTES): DecodedPage {
  if (bytes.length > maxBytes) {
    return { ok: false, reason: tooLargeReason(bytes.length, maxBytes) };
  }
  if (bytes.length === 0) return { ok: false, reason: 'file is empty' };
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const charset = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return { ok: true, text: iconv.decode(bytes, charset), charset, notes: [`converted from ${charset.toUpperCase()}`] };
  }
  // Binary files renamed .html (a PDF, a zip) have NUL bytes; text pages in single- or multi-byte charsets do not.
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'not a text file (binary content): export the page as HTML or Markdown' };
  try {
    return { ok: true, text: UTF8.decode(bytes).replace(/^\uFEFF/, ''), charset: 'utf-8', notes: [] };
  } catch {
    // Not UTF-8: fall through to the declared or detected charset.
  }
  const declared = declaredCharset(bytes);
  const detected = detect(bytes)?.toLowerCase();
  const charset = [declared, detected].find((c) => c !== undefined && c !== 'utf-8' && iconv.encodingExists(c));
  if (!charset) return { ok: false, reason: `not UTF-8 and the character set could not be recognised (detected: ${detected ?? 'nothing'}): save the page as UTF-8` };
  const how = charset === declared ? 'declared by the page' : 'detected';
  return { ok: true, text: iconv.decode(bytes, charset), charset, notes: [`converted from ${charset.toUpperCase()} (${how})`] };
}
