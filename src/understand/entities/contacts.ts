// The lookbehind starts a match only at the beginning of a run, which keeps long runs linear.
const EMAIL_G = /(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}\b/gi;
const PHONE_G = /(?<![\w+@.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){1,4}(?![\w@-])/g;
const DATE_LIKE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/;

/** E-mail addresses in the text, lower-cased, first mention first. */
export function findEmails(text: string): string[] {
  return [...new Set([...text.slice(0, 20_000).matchAll(EMAIL_G)].map((m) => m[0].toLowerCase()))];
}

/** Phone numbers: 7 to 15 digits, not dates, codes or ticket numbers ("+86 138 0013 8000", "555-0142"). */
export function findPhones(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, 20_000).matchAll(PHONE_G)) {
    const raw = m[0].trim();
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15 || DATE_LIKE.test(raw)) continue;
    // Plain long runs are serials or error numbers unless they look like a mobile (CN 1xx xxxx xxxx) or have separators.
    if (/^\d+$/.test(raw) && !/^1[3-9]\d{9}$/.test(raw) && !/(?:phone|call|tel|mobile|电话|手机|联系)\D{0,12}$/i.test(text.slice(Math.max(0, m.index! - 20), m.index))) continue;
    if (!out.includes(raw)) out.push(raw);
  }
  return out;
}
