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

/** Legal disclaimers appended by mail gateways (English, German, Chinese): everything from here is boilerplate. */
const DISCLAIMER = [
  /^(CONFIDENTIALITY NOTICE|DISCLAIMER|LEGAL NOTICE)\b/i,
  /^(This (e-?mail|message)( and any (files|attachments)( transmitted with it)?)? (is|are|may be|contains?) (confidential|intended|privileged))/i,
  /^(Diese E-Mail enthält vertrauliche)/i,
  /^(本邮件及其附件|此邮件及其附件|本郵件及其附件|本邮件含有保密信息|免责声明)/,
];
/** Inline images Outlook leaves in the text part ("[cid:image001.png@01DB3F...]", "[Logo]"). */
const INLINE_IMAGE = /^\s*\[(cid:[^\]]+|image\d*\.(png|jpe?g|gif)|logo[^\]]*)\]\s*$/i;

/** The lines without inline-image placeholders and without a trailing legal disclaimer. */
function dropBoilerplate(lines: string[]): string[] {
  const kept = lines.filter((l) => !INLINE_IMAGE.test(l));
  const disclaimer = kept.findIndex((l, i) => i > 0 && DISCLAIMER.some((re) => re.test(l.trim())));
  return disclaimer > 0 ? kept.slice(0, disclaimer) : kept;
}

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

const QUOTED_NUMBER = /^>+\s*(\d{1,2})[.)]\s/;

/**
 * The unquoted lines of a ">"-quoted block, in order (interleaved and bottom-posted answers). An answer
 * right below a quoted numbered question gets that number, so "> 2. Which device?" + "My ThinkPad"
 * reads "2. My ThinkPad" and lands in the right field of a mail form.
 */
function answersBetweenQuotes(lines: string[]): string[] {
  const out: string[] = [];
  let number: string | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith('>')) {
      number = QUOTED_NUMBER.exec(line)?.[1] ?? (line.replace(/^>+/, '').trim() ? null : number);
      continue;
    }
    if (SIGNATURE.some((re) => re.test(line))) break;
    if (!line) {
      if (out.length && out[out.length - 1] !== '') out.push('');
      continue;
    }
    out.push(number && !/^\d{1,2}[.)]\s/.test(line) ? `${number}. ${raw.trim()}` : raw.trimEnd());
    number = null;
  }
  return out;
}

/**
 * What the user wrote: the text above the quoted original, plus the answers written between ">" quotes
 * (interleaved or bottom-posted, as Thunderbird and Apple Mail users do), without signature.
 */
export function stripQuoted(text: string): string {
  let lines = text.replace(/\r\n?/g, '\n').split('\n');
  const quote = quoteStart(lines);
  if (quote >= 0) {
    let rest = lines.slice(quote + 1);
    if (/(wrote|写道|寫道)\s*[:：]?\s*$/i.test(rest[0]?.trim() ?? '') && !/(wrote|写道|寫道)\s*[:：]?\s*$/i.test(lines[quote])) rest = rest.slice(1);
    // Only ">"-quoting interleaves; an Outlook header block is followed by the unquoted original.
    const quoted = rest.find((l) => l.trim())?.trim().startsWith('>') ?? false;
    const above = lines.slice(0, quote);
    lines = quoted ? [...above, ...answersBetweenQuotes(rest)] : above;
  } else {
    lines = answersBetweenQuotes(lines);
  }
  const signature = signatureStart(lines);
  if (signature >= 0) lines = lines.slice(0, signature);
  return dropBoilerplate(lines).join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const FORWARD = /^(-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|转发的邮件|轉寄的郵件|Message transféré)\s*-{2,}|Begin forwarded message:|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*原始邮件\s*-{2,})\s*$/i;

/**
 * Only the signature removed (new mails keep forwarded content: it is often the point). Gmail puts the
 * sender's signature above the forwarded block: the signature goes, the forwarded mail after it stays.
 */
export function stripSignature(text: string): string {
  const lines = dropBoilerplate(text.replace(/\r\n?/g, '\n').split('\n'));
  const signature = signatureStart(lines);
  if (signature < 0) return lines.join('\n').trim();
  const forward = lines.findIndex((l, i) => i > signature && FORWARD.test(l.trim()));
  const kept = forward >= 0 ? [...lines.slice(0, signature), '', ...lines.slice(forward)] : lines.slice(0, signature);
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
