import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { simpleParser, type AddressObject, type Attachment } from 'mailparser';
import type { HeaderMap } from './noise';

/** What the channel needs from one raw mail. */
export type ParsedEmail = {
  /** Message-ID with angle brackets, or a hash of headers and body when the mail has none. */
  messageId: string;
  hasMessageId: boolean;
  from: string;
  fromName?: string;
  to: string[];
  cc: string[];
  subject: string;
  inReplyTo: string[];
  references: string[];
  /** Plain text body; generated from the HTML part when the mail has no text part. */
  text: string;
  headers: HeaderMap;
  attachments: Attachment[];
  date?: Date;
};

function addresses(value: AddressObject | AddressObject[] | undefined): { address: string; name?: string }[] {
  const list = value ? (Array.isArray(value) ? value : [value]) : [];
  return list.flatMap((a) => a.value).flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => a.address).map((a) => ({ address: a.address!.toLowerCase(), name: a.name || undefined }));
}

function ids(value: string | string[] | undefined): string[] {
  const raw = Array.isArray(value) ? value.join(' ') : value ?? '';
  return raw.match(/<[^<>\s]+>/g) ?? [];
}

function headerMap(lines: ReadonlyArray<{ key: string; line: string }>): HeaderMap {
  const map = new Map<string, string>();
  for (const { key, line } of lines) {
    if (map.has(key)) continue; // the first occurrence is the one added by the receiving MTA
    map.set(key, line.slice(line.indexOf(':') + 1).replace(/\s+/g, ' ').trim());
  }
  return map;
}

/** Charsets a mail's own declarations may name, widened to the superset mail clients decode them as. */
function superset(charset: string): string {
  const c = charset.toLowerCase();
  if (c === 'gb2312' || c === 'gbk' || c === 'x-gbk' || c === 'cp936') return 'gb18030';
  if (c === 'big5') return 'big5-hkscs';
  return c;
}

/**
 * The Subject as raw 8-bit bytes when a client sent it undeclared (no =?charset?= encoding), decoded the
 * way mail clients do: by the charset the mail declares for its body, else by detection. Null when the
 * header is ASCII or valid UTF-8 (mailparser then has it right).
 */
export function undeclaredSubject(raw: Buffer): string | null {
  const latin = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = latin.search(/\r?\n\r?\n/);
  const head = end >= 0 ? latin.slice(0, end) : latin;
  const match = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(head);
  if (!match || !/[\x80-\xff]/.test(match[1])) return null;
  const bytes = Buffer.from(match[1].replace(/\r?\n[ \t]/g, ' '), 'latin1');
  if (isUtf8(bytes)) return null;
  const declared = /charset\s*=\s*"?([\w.-]+)/i.exec(latin)?.[1];
  const charset = [declared, chardet.detect(bytes) ?? undefined].map((c) => c && superset(c)).find((c) => c && c !== 'us-ascii' && iconv.encodingExists(c));
  return charset ? iconv.decode(bytes, charset).replace(/\s+/g, ' ').trim() : null;
}

/** Parse a raw RFC 5322 mail: charsets (GBK, ISO-8859-1...) decoded, HTML-only bodies turned into text. */
export async function parseMail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const from = addresses(mail.from)[0];
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 40);
  return {
    messageId: mail.messageId ?? `<h.${hash}@no-message-id>`,
    hasMessageId: Boolean(mail.messageId),
    from: from?.address ?? '',
    fromName: from?.name,
    to: addresses(mail.to).map((a) => a.address),
    cc: addresses(mail.cc).map((a) => a.address),
    subject: undeclaredSubject(raw) ?? (mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    inReplyTo: ids(mail.inReplyTo),
    references: ids(mail.references),
    text: (mail.text ?? '').replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').trim(),
    headers: headerMap(mail.headerLines),
    attachments: mail.attachments,
    date: mail.date,
  };
}
