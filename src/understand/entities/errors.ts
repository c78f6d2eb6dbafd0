const HEX_G = /\b0x[0-9a-f]{4,8}\b/gi;
const EN_CODE_G = /\b(?:error|err|code|error code)\s*(?:code\s*)?[:#]?\s*([a-z]{0,4}[-_]?\d{2,6})\b/gi;
const HTTP_CODE_G = /\b([45]\d\d)\s+(?:error|not found|forbidden|unauthori[sz]ed|bad gateway|service unavailable)\b/gi;
const ZH_CODE_G = /(?:错误|报错|代码|错误码|错误代码|错误号)\s*[:：#]?\s*(?:代码|码)?\s*[:：]?\s*([a-z]{0,4}[-_]?\d{2,6})/gi;
const NAMED_CODE_G = /\b(AADSTS\d{5,6}|ERR_[A-Z_]{3,40}|BSOD|E\d{3,4}|[A-Z]{2,6}-\d{3,5})\b/g;
const QUOTED = /[“"「『‘]([^“”"「」『』‘’\n]{3,200})[”"」』’]/;
// Single quotes double as apostrophes, so they only count after a word that introduces a message.
const SINGLE_QUOTED = /\b(?:says|said|saying|shows|showing|reads|displays|pops up with|message|error)\b[:\s]*'([^'\n]{3,120})'/i;
// "it says access denied, …": the words after "says" up to the end of the clause.
const EN_SAYS = /\b(?:it says|says|saying|error says|message says)\s*:?\s+(?!that\b|it\b|i\b|to\b)([a-z0-9][^,.;!?\n'"“”]{2,60}?)(?=\s*(?:[,.;!?\n]|$|\bwhen\b|\bon startup\b|\bevery\b))/i;
const ZH_SAYS = /(?:提示|报错说|弹出|显示错误)[:：]?\s*([\u3400-\u9fffA-Za-z0-9 ]{2,40}?)(?=[，。！？,.!?\n]|$)/;
// A screen that demands something instead of a message ("a blue BitLocker screen asking for a 48 digit recovery key").
const SCREEN_ASKS = /\b(?:screen|prompt|window|dialog|pop-?up)\s+(?:asking (?:for|me for)|wants|demanding)\s+(?:a |an |the |my )?([^,.;!?\n]{3,60}?)(?=\s*(?:[,.;!?\n]|$|\band\b))/i;
const TICKETS = /^(?:INC|REQ)-/i;

/** Error codes in the text: 0x80070005, "error 809", 错误代码 809, "404 not found", AADSTS50076; first mention first. */
export function findErrorCodes(text: string): string[] {
  const t = text.slice(0, 20_000);
  const found = new Set<string>();
  for (const m of t.matchAll(HEX_G)) found.add(`0x${m[0].slice(2).toUpperCase()}`);
  for (const re of [EN_CODE_G, ZH_CODE_G, HTTP_CODE_G]) {
    for (const m of t.matchAll(re)) {
      // Four-digit years ("error since 2024") are not codes.
      if (!/^(19|20)\d\d$/.test(m[1])) found.add(`error ${m[1].toUpperCase()}`);
    }
  }
  for (const m of t.matchAll(NAMED_CODE_G)) if (!TICKETS.test(m[1])) found.add(m[1]);
  return [...found];
}

/** The error message the user quotes ("Cannot connect to server", 提示：密码错误). */
export function findErrorText(text: string, codes: string[] = findErrorCodes(text)): string | undefined {
  const t = text.slice(0, 20_000);
  const quoted = (QUOTED.exec(t) ?? SINGLE_QUOTED.exec(t) ?? ZH_SAYS.exec(t) ?? EN_SAYS.exec(t) ?? SCREEN_ASKS.exec(t))?.[1]?.trim();
  if (!quoted) return undefined;
  // "提示错误代码 0x..." names the code, not a message.
  const first = codes[0]?.replace(/^error /, '').toUpperCase();
  return first && quoted.toUpperCase().includes(first) ? undefined : quoted;
}

/** Code and message joined the way the error slot stores them: 0x80070005 "Access is denied". */
export function describeError(text: string): string | undefined {
  const codes = findErrorCodes(text);
  // The slot keeps the code written first in the message, as before.
  const code = firstCode(text, codes);
  const message = findErrorText(text, codes);
  const quoted = message ? `"${message}"` : undefined;
  if (code && quoted) return `${code} ${quoted}`;
  return code ?? quoted;
}

function firstCode(text: string, codes: string[]): string | undefined {
  const hex = codes.find((c) => c.startsWith('0x'));
  if (hex) return hex;
  return codes.find((c) => c.startsWith('error '));
}
