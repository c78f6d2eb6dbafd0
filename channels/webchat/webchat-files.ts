import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { typeAllowed } from '../../src/files/fetched-file';
import { formatSize, sanitizeFileName } from '../../src/files/file-names';
import { checkedType } from '../../src/files/sniff-type';
import { attachmentPath, sendAttachment, writeAttachment } from '../../src/files/attachment-files';
import { HttpError, readBody, sendJson } from '../../src/http/body';
import type { Logger } from '../../src/log';
import { OutboundFile } from '../../src/types/conversation';
import { CLIENT_MESSAGE_ID, checkChatPage } from './webchat-request';

/** Limits of web chat uploads: WEBCHAT_MAX_FILE_MB and WEBCHAT_FILE_TYPES, under the attachments folder. */
export type WebchatFilesOptions = { dir: string; maxBytes: number; types: string[] };

/** Files one message may carry. */
export const MAX_FILES_PER_MESSAGE = 5;
const FILE_ID = /^[a-f0-9]{24}$/;
const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);

/**
 * Files a web chat user attaches: uploaded first (`POST /api/chat/files`, the raw bytes, the name in
 * `x-file-name` and the message's idempotency key in `x-client-message-id`), then named by id in the message.
 * The id is derived from the session, the key and the file's place in the message, so a retried upload
 * overwrites the same file and a retried message names it again: stored once. A session's files live in
 * its own folder (named by a hash of the session id), which is what lets that session, and only it, fetch
 * them back; agents fetch them through the console, which checks the ticket.
 */
export class WebchatFiles {
  constructor(private readonly o: WebchatFilesOptions, private readonly log: Logger) {}

  /** What the page needs to check a file before sending it. */
  get limits(): { maxBytes: number; types: string[] } {
    return { maxBytes: this.o.maxBytes, types: this.o.types };
  }

  /** Store one upload; 400 malformed, 413 too big, 415 a type not accepted or a content that does not match its name. */
  async upload(req: IncomingMessage, res: ServerResponse, session: string): Promise<void> {
    checkChatPage(req);
    const clientMessageId = String(req.headers['x-client-message-id'] ?? '');
    if (!CLIENT_MESSAGE_ID.test(clientMessageId)) throw new HttpError(400, 'x-client-message-id: 1-64 letters, digits, - or _');
    const index = Number(req.headers['x-file-index'] ?? 0);
    if (!Number.isInteger(index) || index < 0 || index >= MAX_FILES_PER_MESSAGE) throw new HttpError(400, `x-file-index: 0 to ${MAX_FILES_PER_MESSAGE - 1}`);
    const name = sanitizeFileName(decodedName(req.headers['x-file-name']), '');
    if (!name) throw new HttpError(400, 'x-file-name: the file name, URI-encoded');
    const bytes = await readBody(req, this.o.maxBytes).catch((error: unknown) => {
      if (error instanceof HttpError && error.status === 413) throw new HttpError(413, `the file is over the ${formatSize(this.o.maxBytes)} limit`);
      throw error;
    });
    if (bytes.length === 0) throw new HttpError(400, 'the file is empty');
    const type = checkedType(name, bytes);
    if (!type || !typeAllowed(this.o.types, type)) throw new HttpError(415, `file type not accepted (allowed: ${this.o.types.join(', ')}), or its content does not match its name`);
    const id = hash(session, clientMessageId, String(index));
    const file: OutboundFile = { name, size: bytes.length, type, key: `webchat/${sessionFolder(session)}/${id}/${name}` };
    await writeAttachment(this.o.dir, file.key, bytes);
    // The description beside the file, written last: an id resolves only once its file is complete.
    await writeAttachment(this.o.dir, metaKey(session, id), Buffer.from(JSON.stringify(file)));
    this.log.info({ channel: 'webchat', size: file.size, type }, 'web chat file stored');
    sendJson(res, 201, { file: { id, name, size: file.size, type } });
  }

  /** The files a message names, each uploaded by this session for this message; 400 for any other id. */
  async resolve(session: string, clientMessageId: string, ids: string[]): Promise<OutboundFile[]> {
    const allowed = new Set(Array.from({ length: MAX_FILES_PER_MESSAGE }, (_, i) => hash(session, clientMessageId, String(i))));
    const files: OutboundFile[] = [];
    for (const id of new Set(ids)) {
      const file = allowed.has(id) ? await this.described(session, id) : null;
      if (!file) throw new HttpError(400, 'files: an id not uploaded for this message (POST /api/chat/files first)');
      files.push(file);
    }
    return files;
  }

  /** `GET /api/chat/files/:id`: only the session that uploaded a file gets it back. */
  async download(res: ServerResponse, session: string, id: string): Promise<void> {
    const file = FILE_ID.test(id) ? await this.described(session, id) : null;
    // Another session's id looks the same as one never issued: nothing tells whether it exists.
    if (!file) throw new HttpError(403, 'not a file of this chat');
    await sendAttachment(res, this.o.dir, file);
  }

  private async described(session: string, id: string): Promise<OutboundFile | null> {
    const text = await fs.readFile(attachmentPath(this.o.dir, metaKey(session, id)), 'utf8').catch(() => null);
    const parsed = text === null ? null : OutboundFile.safeParse(JSON.parse(text));
    return parsed?.success ? parsed.data : null;
  }
}

/** A session's folder: a hash, so the session id (the cookie's secret) is not written to disk. */
function sessionFolder(session: string): string {
  return hash('webchat-session', session);
}

function metaKey(session: string, id: string): string {
  return `webchat/${sessionFolder(session)}/${id}.json`;
}

function decodedName(header: string | string[] | undefined): string {
  try {
    return decodeURIComponent(String(header ?? '')).slice(0, 300);
  } catch {
    throw new HttpError(400, 'x-file-name is not URI-encoded');
  }
}

/** The `files` field of a posted message: ids returned by the upload route. */
export const PostedFileIds = z.array(z.string().regex(FILE_ID, 'files: ids returned by POST /api/chat/files')).max(MAX_FILES_PER_MESSAGE);

/** A stored file as the chat page names it: its id (the folder in its key) for `GET /api/chat/files/:id`, name, size and type. */
export function pageFileOf(file: OutboundFile): { id: string; name: string; size: number; type?: string } {
  return { id: file.key.split('/')[2] ?? '', name: file.name, size: file.size, type: file.type };
}
