// A salutation on a line of its own: "Hi,", "Dear IT team,", "Greetings", "你好，", "IT同事你好："。
const GREETING = /^(hi|hello|hey|dear|greetings|good (morning|afternoon|evening))((\s+[\p{L}.'’&-]+){0,3})[\s,，!！.。:：]*$|^[\w\u4e00-\u9fff ]{0,12}(你好|您好|们好)(啊|呀)?[\s,，!！。:：]*$/iu;

/** Whether a line is only a salutation ("Hello IT,", "IT同事你好："): a mail's frame, no content. */
export function isSalutation(line: string): boolean {
  return GREETING.test(line.trim());
}
const SIGN_OFF = /^(thanks|thank you|many thanks|thanks in advance|regards|best regards|kind regards|best|cheers|br|谢谢|多谢|感谢|此致|祝好)(\s*[,.!，。！]|\s*$)/i;

// "Subject: laptop keeps shutting down" / "主题：电脑老是自己关机" typed as the mail's first line, and a reply's or a
// forward's prefixes ("FW: RE: plotter again", "转发：回复：…"): the words, not the labels.
const SUBJECT_LABEL = /^(?:(?:subject|subj|re|fw|fwd|主题|标题|主旨|回复|答复|转发)\s*[:：]\s*)+/i;

/** The text without a "Subject:" / "主题：" label or "FW:" / "RE:" prefixes on its first line. */
export function withoutSubjectLabel(text: string): string {
  return text.trimStart().replace(SUBJECT_LABEL, '');
}

/**
 * A mail-like message without its greeting, its subject label and everything from the sign-off on (name,
 * signature, disclaimer), its lines joined into sentences. Chat messages pass through (one line, or lines joined).
 */
export function withoutMailFrame(text: string): string {
  const lines = withoutSubjectLabel(text).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const kept: string[] = [];
  for (const line of lines) {
    // A greeting on a line of its own, when more lines follow.
    if (isSalutation(line) && kept.length <= 1 && lines.length > 1) continue;
    // "Thanks, Alex" or "Thanks" followed by the name: the rest is the signature.
    if (kept.length > 0 && SIGN_OFF.test(line) && line.length <= 40) break;
    kept.push(line);
  }
  return kept
    .map((l, i) => (i < kept.length - 1 && !/[.!?。！？:：,，;；]$/.test(l) ? `${l}${/[\u3400-\u9fff]$/.test(l) ? '。' : '.'}` : l))
    .reduce((all, l) => (!all ? l : /[\u3400-\u9fff。！？，：；]$/.test(all) && /^[\u3400-\u9fff]/.test(l) ? `${all}${l}` : `${all} ${l}`), '');
}
