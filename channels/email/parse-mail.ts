import { createHash } from 'node:crypto';
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
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    inReplyTo: ids(mail.inReplyTo),
    references: ids(mail.references),
    text: (mail.text ?? '').replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').trim(),
    headers: headerMap(mail.headerLines),
    attachments: mail.attachments,
    date: mail.date,
  };
}
