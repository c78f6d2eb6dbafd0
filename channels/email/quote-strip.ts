/** Where the quoted original starts in the reply formats of common mail clients. */
const QUOTE_HEADERS: RegExp[] = [
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|原始邮件|原始郵件|Forwarded message)\s*-{2,}\s*$/i,
  /^On\b.{0,300}\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird
  /^在.{0,200}(写道|寫道)\s*[:：]?\s*$/, // Gmail / Apple Mail in Chinese
  /^Le .{0,200}a écrit\s*:\s*$/i,
  /^Am .{0,200}schrieb .{0,200}:\s*$/i,
  /^Begin forwarded message:\s*$/i,
];
/** First line of an Outlook header block; it only counts when the next lines look like headers too. */
const OUTLOOK_FROM = /^\**(From|发件人|寄件者|寄件人|Von|De)\s*\**\s*[:：]/i;
const OUTLOOK_NEXT = /^\**(Sent|Date|To|Cc|Subject|发送时间|日期|收件人|抄送|主题|主旨|傳送時間|Gesendet|Betreff|Envoyé|Objet)\s*\**\s*[:：]/i;
const OUTLOOK_RULE = /^_{10,}\s*$/;
/** Signature openers: the RFC 3676 delimiter and mobile footers. */
const SIGNATURE: RegExp[] = [
  /^--\s?$/,
  /^Sent from my \w+/i,
  /^Sent from (Outlook|Mail) for/i,
  /^Get Outlook for (iOS|Android)/i,
  /^发自我的/,
  /^從我的 ?\w+ ?傳送/,
];

function isOutlookHeader(lines: string[], i: number): boolean {
  if (!OUTLOOK_FROM.test(lines[i])) return false;
  const next = lines.slice(i + 1, i + 5).map((l) => l.trim());
  return next.some((l) => OUTLOOK_NEXT.test(l));
}

/** Index of the first line that opens the quoted original, or -1. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const wrapped = `${line} ${(lines[i + 1] ?? '').trim()}`; // Gmail wraps "On …, X <x@y> wrote:" over two lines
    if (QUOTE_HEADERS.some((re) => re.test(line) || (/^(On|在)\b/.test(line) && re.test(wrapped)))) return i;
    if (OUTLOOK_RULE.test(line) && lines.slice(i + 1, i + 3).some((l, k) => isOutlookHeader(lines, i + 1 + k))) return i;
    if (isOutlookHeader(lines.map((l) => l.trim()), i)) return i;
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) return i;
  }
  return -1;
}

function signatureStart(lines: string[]): number {
  return lines.findIndex((l) => SIGNATURE.some((re) => re.test(l.trim())));
}

/** What the user wrote: the text above the quoted original (or between quotes, for bottom posting), no signature. */
export function stripQuoted(text: string): string {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');
  const quote = quoteStart(lines);
  if (quote >= 0) lines = lines.slice(0, quote);
  // Bottom-posted or interleaved replies: keep the lines that are not quoted.
  lines = lines.filter((l) => !l.trim().startsWith('>'));
  const signature = signatureStart(lines);
  if (signature >= 0) lines = lines.slice(0, signature);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** Only the signature removed (new mails keep forwarded content: it is often the point). */
export function stripSignature(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const signature = signatureStart(lines);
  return (signature >= 0 ? lines.slice(0, signature) : lines).join('\n').trim();
}
