/** Lines where a mail client starts the quoted original or a signature; everything from there is dropped. */
const CUT = [
  /^>/,
  /^On\b.{0,300}\bwrote:\s*$/i,
  /^-{2,}\s*(Original Message|Forwarded message|原始邮件|转发的邮件)\s*-{2,}/i,
  /^_{5,}\s*$/,
  /^(From|发件人|寄件者)\s*[:：]/i,
  /^在.{0,200}写道\s*[:：]?\s*$/,
  /^--\s*$/,
  /^Sent from my\b/i,
  /^发自我的/,
];

/** The part of a mail reply the user wrote: above the quoted original, without the signature. */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    // Gmail wraps a long "On <date>, <name> wrote:" over two lines.
    const joined = `${line} ${(lines[i + 1] ?? '').trim()}`;
    if (CUT.some((re) => re.test(line)) || (/^On\b/.test(line) && /\bwrote:\s*$/.test(joined) && !/wrote:/.test(line))) break;
    kept.push(lines[i]);
  }
  return kept.join('\n').trim();
}
