import type Mail from 'nodemailer/lib/mailer';
import { detectLang } from '../../src/lang';
import { toPlainText } from '../../src/render/plain-text';
import type { ConversationRef, Lang, OutboundMessage } from '../../src/types/conversation';
import { baseSubject, subjectTag } from './inbound-map';
import { ourMessageId } from './thread-token';

/** Who we are when we write. */
export type Sender = { address: string; name: string; domain: string; threadSecret: string };

const TICKET = /\b(INC|REQ)-\d{6}\b/;
const HINTS: Record<Lang, { choice: string; footer: string; subject: string }> = {
  en: { choice: 'Reply with the number of your choice.', footer: 'Reply to this mail to add information to your request.', subject: 'Your IT request' },
  zh: { choice: '请回复选项编号。', footer: '直接回复此邮件即可补充信息。', subject: '您的 IT 请求' },
};

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

/** Plain text as simple HTML: paragraphs, line breaks, **bold**, links, and numbered or bulleted lists. */
export function textToHtml(text: string, lang: Lang): string {
  const blocks = text.split(/\n{2,}/).map((block) => {
    // Runs of list lines become real lists wherever they start: a card's title and a section heading
    // may come first ("**Steps: Windows**" then "1. …"), and numbered steps must stay one list.
    const html: string[] = [];
    let para: string[] = [];
    let list: { tag: 'ol' | 'ul'; start: number; items: string[] } | undefined;
    const flush = () => {
      if (para.length > 0) html.push(`<p>${para.map(inlineHtml).join('<br>')}</p>`);
      if (list) html.push(`<${list.tag}${list.start > 1 ? ` start="${list.start}"` : ''}>${list.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</${list.tag}>`);
      para = [];
      list = undefined;
    };
    for (const line of block.split('\n')) {
      const item = /^(\d+)\.\s+(.*)$/.exec(line) ?? /^[-*]\s+(.*)$/.exec(line);
      const tag = item && item.length === 3 ? 'ol' : 'ul';
      if (!item) {
        if (list) flush();
        para.push(line);
        continue;
      }
      if (list && list.tag !== tag) flush();
      if (!list) {
        if (para.length > 0) html.push(`<p>${para.map(inlineHtml).join('<br>')}</p>`);
        para = [];
        list = { tag, start: tag === 'ol' ? Number(item[1]) : 1, items: [] };
      }
      list.items.push(item[item.length - 1]);
    }
    flush();
    return html.join('\n');
  });
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><body style="font-family:Arial,'Microsoft YaHei',sans-serif;font-size:14px">\n${blocks.join('\n')}\n</body></html>`;
}

/**
 * The message as mail text. A form whose text already lists its questions (the dialogs' mail form does)
 * is sent as that text alone; otherwise toPlainText numbers the fields after the text.
 */
export function mailText(message: OutboundMessage): string {
  if (message.kind === 'form' && (message.text.match(/^\s*\d+\.\s/gm)?.length ?? 0) >= message.fields.length) return message.text;
  return toPlainText(message);
}

/** "Re: <subject> [INC-000123]": one Re:, the tag once. */
export function replySubject(original: string | undefined, ticket: string | null, lang: Lang): string {
  const base = baseSubject(original ?? '') || HINTS[lang].subject;
  return `Re: ${base}${ticket ? ` [${ticket}]` : ''}`;
}

/**
 * A proper reply in the thread: Re: subject with the ticket tag, In-Reply-To/References, a signed
 * Message-ID, text + HTML in the user's language, and the headers that keep auto-responders quiet.
 */
export function composeReply(ref: ConversationRef, message: OutboundMessage, deliveryId: number, sender: Sender): Mail.Options {
  const body = mailText(message);
  const lang = detectLang(body);
  const hint = message.kind === 'choice' || (message.kind === 'card' && message.choices.length > 0) ? `\n\n${HINTS[lang].choice}` : '';
  const text = `${body}${hint}\n\n--\n${HINTS[lang].footer}`;
  // Markdown bold stays bold only in the HTML part; a Markdown link reads as "label <address>" in plain text.
  const plain = text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '$1 <$2>');
  const extra = ref.extra ?? {};
  const ticket = TICKET.exec(body)?.[0] ?? subjectTag(extra.subject ?? '');
  const inReplyTo = extra.messageId;
  const references = [...(extra.references ?? '').split(/\s+/).filter(Boolean), ...(inReplyTo ? [inReplyTo] : [])]
    .filter((v, i, all) => all.indexOf(v) === i).slice(-10);
  const cc = (extra.cc ?? '').split(',').map((a) => a.trim()).filter((a) => a && a !== sender.address);
  return {
    from: { name: sender.name, address: sender.address },
    to: ref.userId,
    ...(cc.length ? { cc } : {}),
    subject: replySubject(extra.subject, ticket, lang),
    messageId: ourMessageId(sender.threadSecret, ref.conversationId, deliveryId, sender.domain),
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references.length ? { references } : {}),
    text: plain,
    html: textToHtml(text.replace(/\n--\n/, '\n\n'), lang),
    headers: {
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      'X-Loop': sender.address,
      'Content-Language': lang === 'zh' ? 'zh-CN' : 'en',
    },
  };
}
