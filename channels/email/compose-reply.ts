import type Mail from 'nodemailer/lib/mailer';
import { detectLang } from '../../src/lang';
import { toPlainText } from '../../src/render/plain-text';
import type { ConversationRef, Lang, OutboundMessage } from '../../src/types/conversation';
import { baseSubject, subjectTag } from './inbound-map';
import { removeLinks } from './sender-auth';
import { ourMessageId } from './thread-token';

/** Who we are when we write. */
export type Sender = { address: string; name: string; domain: string; threadSecret: string };

const TICKET = /\b(INC|REQ)-\d{6}\b/g;
const HINTS: Record<Lang, { choice: string; footer: string; subject: string; notCopied: (n: number) => string; linkRemoved: string; refused: (files: string, limit: string) => string; filesKept: (files: string) => string }> = {
  en: {
    choice: 'Reply with the number of your choice.', footer: 'Reply to this mail to add information to your request.', subject: 'Your IT request',
    notCopied: (n) => `${n} other recipient${n === 1 ? '' : 's'} of your mail ${n === 1 ? 'was' : 'were'} not copied on this reply (only internal addresses are copied).`,
    linkRemoved: '[link removed]',
    refused: (files, limit) => `These attachments were not accepted (more than ${limit} each, or too many files): ${files}. Please share them by another way, e.g. a link to a file share.`,
    filesKept: (files) => `We have your attachment${files.includes(',') ? 's' : ''} (${files}) and keep ${files.includes(',') ? 'them' : 'it'} with your request; your mail had no text to go with ${files.includes(',') ? 'them' : 'it'}.`,
  },
  zh: {
    choice: '请回复选项编号。', footer: '直接回复此邮件即可补充信息。', subject: '您的 IT 请求',
    notCopied: (n) => `您邮件中的其他 ${n} 位收件人未被抄送此回复（仅抄送内部地址）。`,
    linkRemoved: '[链接已删除]',
    refused: (files, limit) => `以下附件未被接收（单个超过 ${limit} 或文件过多）：${files}。请通过其他方式（例如共享链接）提供。`,
    filesKept: (files) => `我们已收到您的附件（${files}），并已保存在您的请求中；您的邮件中没有文字说明。`,
  },
};

/**
 * Whether a person wrote this: agents' replies reach the outbox as "**Agent Name**: text"
 * (src/handoff/agent-actions.ts). Only the bot's own mail is marked Auto-Submitted (RFC 3834).
 */
export function isAgentWritten(message: OutboundMessage): boolean {
  return message.kind === 'text' && /^\*\*[^*\n]{1,200}\*\*: \S/.test(message.text);
}

/** Ticket numbers a text mentions, in order. */
export function ticketNumbers(text: string): string[] {
  return [...new Set(text.match(TICKET) ?? [])];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One line's Markdown as HTML: **bold**, `code`, [label](https://…) and bare web addresses as links. */
function inlineHtml(line: string): string {
  const kept: string[] = [];
  const keep = (html: string) => `\u0000${kept.push(html) - 1}\u0000`;
  const linked = line
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => keep(`<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`))
    .replace(/https?:\/\/[^\s<>"*)]+/g, (url) => keep(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`));
  return escapeHtml(linked)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\u0000(\d+)\u0000/g, (_m, i: string) => kept[Number(i)]);
}

/**
 * Plain text as simple HTML: paragraphs, line breaks, **bold**, `code` and links. Numbered lines keep their
 * numbers as text (no <ol>): a list split by a blank line restarted at 1 in HTML, so the two parts numbered a
 * form differently and answers by number landed in the wrong fields.
 */
export function textToHtml(text: string, lang: Lang): string {
  const blocks = text.split(/\n{2,}/).map((block) => `<p>${block.split('\n').map(inlineHtml).join('<br>\n')}</p>`);
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><body style="font-family:Arial,'Microsoft YaHei',sans-serif;font-size:14px">\n${blocks.join('\n')}\n</body></html>`;
}

/**
 * The message as mail text. A form whose text already lists its questions (the dialogs' mail form does)
 * is sent as that text alone; otherwise toPlainText numbers the fields after the text.
 */
export function mailText(message: OutboundMessage): string {
  if (message.kind === 'form' && (message.text.match(/^\s*\d+\.\s/gm)?.length ?? 0) >= message.fields.length) return message.text;
  // One numbering per mail: when the answer is a numbered choice, a numbered list in the text (the KB
  // offer's articles) becomes bullets, so "the number of your choice" can only mean a choice.
  const choices = message.kind === 'choice' || (message.kind === 'card' && message.choices.length > 0);
  if (choices) return toPlainText({ ...message, text: message.text.replace(/^(\s*)\d{1,2}[.)]\s+/gm, '$1• ') });
  return toPlainText(message);
}

/** "Re: <subject> [INC-000123]": one Re:, the tag once. */
export function replySubject(original: string | undefined, ticket: string | null, lang: Lang): string {
  const base = baseSubject(original ?? '') || HINTS[lang].subject;
  return `Re: ${base}${ticket ? ` [${ticket}]` : ''}`;
}

/**
 * What the channel resolved for one reply: the ticket tag it may carry (null: none), whether this reply is
 * the first to the mail that left out copies or refused files (the notices go out once), and the file limit.
 */
export type ReplyOptions = { ticket?: string | null; notices?: boolean; attachmentLimit?: string };

/**
 * A proper reply in the thread: Re: subject with the ticket tag, In-Reply-To/References, a signed
 * Message-ID, text + HTML in the user's language, and the headers that keep auto-responders quiet.
 * Links to hosts an unauthenticated sender mentioned are removed; left-out copies are mentioned.
 */
export function composeReply(ref: ConversationRef, message: OutboundMessage, deliveryId: number, sender: Sender, options: ReplyOptions = {}): Mail.Options {
  const extra = ref.extra ?? {};
  const noEcho = (extra.noEcho ?? '').split(',').filter(Boolean);
  const body = mailText(message);
  const lang = detectLang(body);
  const hints = HINTS[lang];
  const hint = message.kind === 'choice' || (message.kind === 'card' && message.choices.length > 0) ? `\n\n${hints.choice}` : '';
  const left = options.notices === false ? 0 : Number(extra.copiesLeft ?? 0);
  const refused = options.notices === false ? '' : extra.refusedFiles ?? '';
  const filesKept = options.notices === false ? '' : extra.filesOnly ?? '';
  const notice = (filesKept ? `\n\n${hints.filesKept(filesKept)}` : '') + (left > 0 ? `\n\n${hints.notCopied(left)}` : '')
    + (refused ? `\n\n${hints.refused(refused, options.attachmentLimit ?? '10 MB')}` : '');
  const main = removeLinks(`${body}${hint}${notice}`, noEcho, hints.linkRemoved);
  // "-- " with its trailing space: the RFC 3676 separator that mail clients recognise and fold away.
  const text = `${main}\n\n-- \n${hints.footer}`;
  // Markdown bold stays bold only in the HTML part; a Markdown link reads as "label <address>" in plain text.
  const plain = text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '$1 <$2>');
  const ticket = options.ticket !== undefined ? options.ticket : (ticketNumbers(body)[0] ?? subjectTag(extra.subject ?? ''));
  const inReplyTo = extra.messageId;
  const references = [...(extra.references ?? '').split(/\s+/).filter(Boolean), ...(inReplyTo ? [inReplyTo] : [])]
    .filter((v, i, all) => all.indexOf(v) === i).slice(-10);
  const cc = (extra.cc ?? '').split(',').map((a) => a.trim()).filter((a) => a && a !== sender.address && a !== ref.userId);
  return {
    from: { name: sender.name, address: sender.address },
    to: ref.userId,
    ...(cc.length ? { cc } : {}),
    subject: removeLinks(replySubject(extra.subject, ticket, lang), noEcho, hints.linkRemoved),
    messageId: ourMessageId(sender.threadSecret, ref.conversationId, deliveryId, sender.domain),
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references.length ? { references } : {}),
    text: plain,
    html: textToHtml(main, lang).replace('</body>', `<p style="color:#666">-- <br>\n${escapeHtml(hints.footer)}</p>\n</body>`),
    headers: {
      ...(isAgentWritten(message) ? {} : { 'Auto-Submitted': 'auto-replied' }),
      'X-Auto-Response-Suppress': 'All',
      'X-Loop': sender.address,
      'Content-Language': lang === 'zh' ? 'zh-CN' : 'en',
    },
  };
}
