import fs from 'node:fs/promises';
import path from 'node:path';
import { MAX_TEXT_LENGTH, type InboundMessage } from '../../src/types/conversation';
import { attachmentLines, mailFolder, storeAttachments, type AttachmentLimits } from './attachments';
import { noiseReason, type NoiseReason } from './noise';
import type { ParsedEmail } from './parse-mail';
import { stripQuoted, stripSignature } from './quote-strip';
import { rootThreadKey, threadFromReferences } from './thread-token';

/** What a subject tag points at, as the store knows it. */
export type TicketThread = { conversationId: string; requesterEmail: string; cc: string[] };

/** Resolves a ticket number ("INC-000123") to its conversation and the people allowed to write to it. */
export type LookupTicketThread = (ticketNumber: string) => Promise<TicketThread | null>;

/** What mapping needs besides the mail. */
export type MapDeps = {
  ourAddresses: string[];
  threadSecret: string;
  lookupTicketThread?: LookupTicketThread;
  attachments: AttachmentLimits;
};

/** A mail for the engine, or the reason it is ignored. */
export type MapResult =
  | { kind: 'message'; message: InboundMessage; threadedBy: 'tag' | 'reference' | 'new' }
  | { kind: 'ignored'; reason: NoiseReason };

const TAG = /\[#?((?:INC|REQ)-\d{6})\]/i;
const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|wg|sv|回复|回覆|答复|转发|轉寄)\s*(\[\d+\])?\s*[:：]\s*)+/i;

/** The ticket number tagged in a subject ("[INC-000123]"), upper-cased. */
export function subjectTag(subject: string): string | null {
  return TAG.exec(subject)?.[1].toUpperCase() ?? null;
}

/** The subject without reply prefixes (Re:, AW:, 回复:) and without our tag. */
export function baseSubject(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').replace(TAG, '').replace(/\s+/g, ' ').trim();
}

/**
 * Find the thread: a subject tag counts only when the sender is the ticket's requester or on its CC
 * (numbers are guessable); then our signed Message-IDs in In-Reply-To/References; else a new thread.
 */
export async function resolveThread(mail: ParsedEmail, deps: MapDeps): Promise<{ conversationId: string; by: 'tag' | 'reference' | 'new' }> {
  const tag = subjectTag(mail.subject);
  if (tag && deps.lookupTicketThread) {
    const thread = await deps.lookupTicketThread(tag);
    const allowed = thread && [thread.requesterEmail, ...thread.cc].map((a) => a.toLowerCase()).includes(mail.from);
    if (thread && allowed) return { conversationId: thread.conversationId, by: 'tag' };
  }
  const referenced = threadFromReferences(deps.threadSecret, [...mail.references, ...mail.inReplyTo]);
  if (referenced) return { conversationId: referenced, by: 'reference' };
  return { conversationId: rootThreadKey(mail.hasMessageId ? mail.messageId : undefined, mail.messageId), by: 'new' };
}

function clip(value: string, max = 4000): string {
  return value.length > max ? value.slice(0, max) : value;
}

/** Map a parsed mail to an InboundMessage: noise filtered, thread resolved, quotes stripped, attachments stored. */
export async function mapInbound(mail: ParsedEmail, raw: Buffer, deps: MapDeps): Promise<MapResult> {
  const reason = noiseReason(mail.headers, mail.from, deps.ourAddresses);
  if (reason) return { kind: 'ignored', reason };
  const thread = await resolveThread(mail, deps);
  const isReply = thread.by !== 'new' || mail.inReplyTo.length > 0;
  const body = isReply ? stripQuoted(mail.text) : stripSignature(mail.text);
  const folder = mailFolder(deps.attachments.dir, mail.messageId);
  const stored = await storeAttachments(folder, mail.attachments, deps.attachments);
  const notes = attachmentLines(stored);
  if (body !== mail.text.trim()) {
    // The ticket shows what the user wrote; the untouched original stays on disk beside the attachments.
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'original.eml'), raw);
    notes.push(`[original mail: ${path.basename(folder)}/original.eml]`);
  }
  const subject = baseSubject(mail.subject);
  const head = thread.by === 'new' && subject && !body.startsWith(subject) ? `${subject}\n\n` : '';
  const noteText = notes.length ? `\n\n${notes.join('\n')}` : '';
  const text = `${head}${body}`.slice(0, MAX_TEXT_LENGTH - noteText.length - 1) + noteText;
  const references = [...mail.references, mail.messageId].filter((v, i, all) => all.indexOf(v) === i).slice(-10);
  const cc = [...mail.to, ...mail.cc].filter((a) => a !== mail.from && !deps.ourAddresses.includes(a));
  const message: InboundMessage = {
    ref: {
      channel: 'email',
      conversationId: thread.conversationId,
      userId: mail.from,
      extra: {
        // An unverified tag in a new thread is dropped, so our replies never echo a forged ticket number.
        subject: clip(thread.by === 'new' ? mail.subject.replace(TAG, '').replace(/\s+/g, ' ').trim() : mail.subject, 900),
        messageId: clip(mail.messageId, 900),
        references: clip(references.join(' ')),
        ...(cc.length ? { cc: clip([...new Set(cc)].slice(0, 20).join(', ')) } : {}),
      },
    },
    platformMessageId: mail.messageId.slice(0, 512),
    text: text.trim(),
    user: { email: mail.from, ...(mail.fromName ? { name: mail.fromName.slice(0, 200) } : {}) },
    ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { receivedAt: mail.date.toISOString() } : {}),
  };
  return { kind: 'message', message, threadedBy: thread.by };
}
