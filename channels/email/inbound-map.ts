import { timeZoneOfMailDate } from './mail-time-zone';
import { timeZoneField } from '../../src/types/time-zone';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MAX_TEXT_LENGTH, type InboundMessage } from '../../src/types/conversation';
import { attachmentLines, formatSize, mailFolder, storeAttachments, type AttachmentLimits } from './attachments';
import { parseCommand } from '../../src/dialog/commands';
import { autoReplyReason, type AutoReplyReason } from './auto-reply';
import { isAttachmentOnly } from './attachment-only';
import { isInternal, selectCopies, SENDER_ONLY, type CopyPolicy } from './copy-policy';
import { noiseReason, type NoiseReason } from './noise';
import type { ParsedEmail } from './parse-mail';
import { stripQuoted, stripSignature } from './quote-strip';
import { linkHosts, removeLinks, senderAuth, type SenderAuth } from './sender-auth';
import type { LookupThreadOwner, ThreadOwner } from './thread-owner';
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
  /** The requester of a known thread, so mail from anyone else on it is their comment, never a takeover. */
  lookupThreadOwner?: LookupThreadOwner;
  attachments: AttachmentLimits;
  copyPolicy?: CopyPolicy;
  /** Our receiving server's name in Authentication-Results; without it a DMARC "pass" is not trusted. */
  authservId?: string;
};

/** How a mail found its conversation: a subject tag, one of our Message-IDs, or none (a new thread). */
export type ThreadedBy = 'tag' | 'reference' | 'new';

/** A mail for the engine, or the reason it is ignored. */
export type MapResult =
  | { kind: 'message'; message: InboundMessage; threadedBy: ThreadedBy; before?: InboundMessage[] }
  | { kind: 'ignored'; reason: NoiseReason | AutoReplyReason };

/** Header verdicts that mean "a robot answered": kept on a known ticket, never answered. */
const AUTOMATIC: ReadonlySet<NoiseReason> = new Set(['auto_submitted', 'autoreply_header']);

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
export async function resolveThread(mail: ParsedEmail, deps: MapDeps, auth: SenderAuth = 'none'): Promise<{ conversationId: string; by: 'tag' | 'reference' | 'new' }> {
  const tag = subjectTag(mail.subject);
  // A sender whose domain failed DMARC may be anyone: its From proves nothing, so its tag opens nothing.
  if (tag && deps.lookupTicketThread && auth !== 'fail') {
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
  const noise = noiseReason(mail.headers, mail.from, deps.ourAddresses);
  if (noise && !AUTOMATIC.has(noise)) return { kind: 'ignored', reason: noise };
  const automatic = noise ?? autoReplyReason(mail.subject, mail.text, mail.headers, mail.attachments);
  const auth = senderAuth(mail.headers, deps.authservId);
  const thread = await resolveThread(mail, deps, auth);
  // An automatic mail with no ticket of ours to go on is not worth a ticket of its own.
  if (automatic && thread.by === 'new') return { kind: 'ignored', reason: automatic };
  const isReply = thread.by !== 'new' || mail.inReplyTo.length > 0;
  const body = isReply ? stripQuoted(mail.text) : stripSignature(mail.text);
  const folder = mailFolder(deps.attachments.dir, mail.messageId);
  const stored = await storeAttachments(folder, mail.attachments, deps.attachments);
  const notes = attachmentLines(stored);
  if (body !== mail.text.trim()) {
    // The ticket shows what the user wrote; the untouched original stays on disk beside the attachments, in
    // the folder derived from the Message-ID (stored with the message). That reference is internal: it stays
    // out of the text that becomes the ticket and is mailed back.
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'original.eml'), raw);
  }
  const subject = baseSubject(mail.subject);
  // A new mail that is only files: the turn gets no text (the bot asks what the problem is) and the file
  // lines are stored just before it, held, so they stay on the conversation without becoming its description.
  const filesOnly = thread.by === 'new' && !automatic && isAttachmentOnly(body, subject, stored.map((a) => a.name));
  const head = thread.by === 'new' && subject && !body.startsWith(subject) ? `${subject}\n\n` : '';
  const noteText = notes.length ? `\n\n${notes.join('\n')}` : '';
  const text = filesOnly ? '' : `${head}${body}`.slice(0, MAX_TEXT_LENGTH - noteText.length - 1) + noteText;
  const references = [...mail.references, mail.messageId].filter((v, i, all) => all.indexOf(v) === i).slice(-10);
  const policy = deps.copyPolicy ?? SENDER_ONLY;
  // Ticket details ("status") go to the requester alone, and a forged sender gets nobody copied.
  const noCopies = auth === 'fail' || parseCommand(body.split('\n')[0] ?? '')?.kind === 'status';
  const { copies, left } = selectCopies(noCopies ? [] : [...mail.to, ...mail.cc], [mail.from, ...deps.ourAddresses], policy);
  const refused = noCopies ? new Set([...mail.to, ...mail.cc].filter((a) => a !== mail.from && !deps.ourAddresses.includes(a))).size : left;
  // Links from a sender we cannot authenticate are never echoed back (subject, summaries): phishing relay.
  const noEcho = auth === 'pass' ? [] : linkHosts(`${mail.subject}\n${body}`);
  // An unverified tag in a new thread is dropped, so our replies never echo a forged ticket number.
  const replySubject = thread.by === 'new' ? mail.subject.replace(TAG, '').replace(/\s+/g, ' ').trim() : mail.subject;
  const message: InboundMessage = {
    ref: {
      channel: 'email',
      conversationId: thread.conversationId,
      userId: mail.from,
      extra: {
        subject: clip(removeLinks(replySubject, noEcho, '[link removed]'), 900),
        messageId: clip(mail.messageId, 900),
        // What our receiving server said about the sender (DMARC): account actions trust only "pass".
        senderAuth: auth,
        references: clip(references.join(' ')),
        ...(copies.length ? { cc: copies.join(', ') } : {}),
        ...(refused ? { copiesLeft: String(refused) } : {}),
        ...(noEcho.length ? { noEcho: clip(noEcho.join(',')) } : {}),
        // Told to the sender in the next reply: a file silently dropped is a file they think we have.
        ...(filesOnly ? { filesOnly: clip(stored.filter((a) => a.stored).map((a) => a.name).join(', '), 1000) } : {}),
        ...(stored.some((a) => !a.stored) ? { refusedFiles: clip(stored.filter((a) => !a.stored).map((a) => `${a.name} (${formatSize(a.size)})`).join(', '), 1000) } : {}),
      },
    },
    platformMessageId: mail.messageId.slice(0, 512),
    text: text.trim(),
    user: { email: mail.from, ...(mail.fromName ? { name: mail.fromName.slice(0, 200) } : {}), ...timeZoneField(timeZoneOfMailDate(mail.headers.get('date'))) },
    ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { receivedAt: mail.date.toISOString() } : {}),
  };
  const owner = thread.by === 'new' ? null : await deps.lookupThreadOwner?.(thread.conversationId);
  if (owner && owner.requester !== mail.from) return { kind: 'message', message: asThirdParty(message, owner, mail, policy, auth), threadedBy: thread.by };
  if (automatic) {
    // Kept on the ticket for agents; the thread's reference (subject, recipient) stays the requester's.
    const held: InboundMessage = { ...message, ref: owner?.ref ?? message.ref, hold: { reason: 'auto_reply', from: mail.from } };
    return { kind: 'message', message: held, threadedBy: thread.by };
  }
  if (filesOnly) {
    const files: InboundMessage = { ...message, platformMessageId: `${message.platformMessageId.slice(0, 490)}#files`, text: notes.join('\n'), hold: { reason: 'attachments', from: mail.from } };
    return { kind: 'message', message, threadedBy: thread.by, before: [files] };
  }
  return { kind: 'message', message, threadedBy: thread.by };
}

/**
 * Mail from someone other than the requester on a known thread: the thread's reference stays as it is (the
 * requester stays the recipient), the requester's profile is untouched, and the text is held as that
 * person's comment. With the 'watch' policy an internal colleague is copied on later replies.
 */
function asThirdParty(message: InboundMessage, owner: ThreadOwner, mail: ParsedEmail, policy: CopyPolicy, auth: SenderAuth): InboundMessage {
  const extra = { ...(owner.ref.extra ?? {}) };
  if (policy.thirdParty === 'watch' && auth !== 'fail' && isInternal(mail.from, policy)) {
    const current = (extra.cc ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    const { copies } = selectCopies([...current, mail.from], [owner.requester], policy);
    if (copies.length) extra.cc = copies.join(', ');
  }
  const { user: _ignored, ...rest } = message;
  return {
    ...rest,
    ref: { ...owner.ref, extra },
    hold: { reason: 'third_party', from: mail.from, ...(mail.fromName ? { name: mail.fromName.slice(0, 200) } : {}) },
  };
}
