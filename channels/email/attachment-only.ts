import path from 'node:path';

/** A line that closes a mail ("Kind regards,", "Thanks", "此致"): what follows is the sender's name block. */
const CLOSING = /^(?:(?:kind|best|warm|many|with)?\s*(?:regards|wishes)|thanks(?: and regards)?|thank you|thx|cheers|br|best|sincerely|yours|mit freundlichen gr(?:ü|ue)(?:ß|ss)en|viele gr(?:ü|ue)(?:ß|ss)e|mfg|cordialement|saludos|此致|敬礼|谢谢|多谢|祝好|顺祝商祺|顺颂商祺|祝工作顺利)\s*[,.!，。！]?$/i;

/** Subjects that only say "here is a file": a screenshot, a log, Windows' "Emailing: <file>". */
const GENERIC_SUBJECT = /^(?:(?:emailing|sending|sent|send|mailing)\s*:.*|(?:a |the |my )?(?:screenshots?|screen ?shots?|screen captures?|snips?|pictures?|images?|photos?|scans?|attachments?|files?|logs?|log files?|documents?|see attached|as attached|attached)|截图|截屏|屏幕截图|图片|照片|附件|文件|日志|扫描件|见附件|请看附件)[\s.!?。！？]*$/i;

/** Whether the text the user wrote is empty or only a closing and a name block (no more than 8 lines). */
export function isSignatureOnly(body: string): boolean {
  const lines = body.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length === 0 || (lines.length <= 8 && CLOSING.test(lines[0]));
}

/** Whether a subject says nothing beyond the attached files: empty, generic, or the file's own name. */
export function isFileSubject(subject: string, fileNames: readonly string[]): boolean {
  const s = subject.trim().toLowerCase();
  if (!s || GENERIC_SUBJECT.test(s)) return true;
  return fileNames.some((name) => {
    const n = name.toLowerCase();
    return s === n || s === path.basename(n, path.extname(n));
  });
}

/**
 * A mail that is only files: no words of its own besides a signature, and a subject that says nothing more.
 * Its file names are not a description (issue #19: "What happens: [attachment: …]", "since when" read from
 * "2026-12-01_error.log"), so the bot asks what the problem is and the files stay on the conversation.
 */
export function isAttachmentOnly(body: string, subject: string, fileNames: readonly string[]): boolean {
  return fileNames.length > 0 && isSignatureOnly(body) && isFileSubject(subject, fileNames);
}
