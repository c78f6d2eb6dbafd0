import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Attachment } from 'mailparser';

/** Limits for stored attachments. */
export type AttachmentLimits = { dir: string; maxBytes: number; maxCount: number };

/** One line per attachment for the ticket transcript. */
export type StoredAttachment = { name: string; size: number; stored: boolean; file?: string };

// Shared with the chat channels' file fetchers: moved to src/files/file-names.ts.
import { formatSize, sanitizeFileName } from '../../src/files/file-names';
export { formatSize, sanitizeFileName };

/** The folder of one mail: derived from its Message-ID, so processing a mail again overwrites, never duplicates. */
export function mailFolder(dir: string, messageId: string): string {
  return path.join(dir, createHash('sha256').update(messageId).digest('hex').slice(0, 24));
}

/** Store attachments within the limits; oversized or surplus ones are listed but not stored. */
export async function storeAttachments(folder: string, attachments: Attachment[], limits: AttachmentLimits): Promise<StoredAttachment[]> {
  const out: StoredAttachment[] = [];
  const used = new Set<string>();
  for (const [i, a] of attachments.entries()) {
    let name = sanitizeFileName(a.filename, `attachment-${i + 1}${extensionFor(a.contentType)}`);
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${path.basename(name, path.extname(name))}-${n}${path.extname(name)}`;
    used.add(name.toLowerCase());
    const size = a.size ?? a.content.length;
    if (size > limits.maxBytes || out.filter((s) => s.stored).length >= limits.maxCount) {
      out.push({ name, size, stored: false });
      continue;
    }
    await fs.mkdir(folder, { recursive: true });
    const file = path.join(folder, name);
    await fs.writeFile(file, a.content);
    out.push({ name, size, stored: true, file });
  }
  return out;
}

function extensionFor(contentType: unknown): string {
  // mailparser leaves contentType unset on some truncated parts (found by fuzzing): no type, `.bin`.
  const sub = (typeof contentType === 'string' ? contentType : '').split('/')[1]?.split(/[;+]/)[0] ?? '';
  return /^[a-z0-9]{1,8}$/.test(sub) && sub !== 'octet-stream' ? `.${sub}` : '.bin';
}

/** The transcript lines for the attachments: "[attachment: name (size)]". */
export function attachmentLines(stored: StoredAttachment[]): string[] {
  return stored.map((s) => (s.stored
    ? `[attachment: ${s.name} (${formatSize(s.size)})]`
    : `[attachment not stored, over the limit: ${s.name} (${formatSize(s.size)})]`));
}
