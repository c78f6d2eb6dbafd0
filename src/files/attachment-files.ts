import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { Config } from '../config';
import { HttpError, SECURITY_HEADERS } from '../http/body';
import type { OutboundFile } from '../types/conversation';

/** The attachments folder beside the database, where every channel keeps the files people and agents share. */
export function attachmentsDirOf(config: Pick<Config, 'DATABASE_PATH'>): string {
  return path.join(path.dirname(config.DATABASE_PATH), 'attachments');
}

/** The file a key names, refused when it would leave the attachments folder. */
export function attachmentPath(dir: string, key: string): string {
  const root = path.resolve(dir);
  const file = path.resolve(root, key);
  if (!file.startsWith(root + path.sep)) throw new HttpError(400, 'not a path inside the attachments folder');
  return file;
}

/** Write a file under the attachments folder in one step (temporary file, then rename): a reader never sees half of it. */
export async function writeAttachment(dir: string, key: string, bytes: Buffer): Promise<void> {
  const file = attachmentPath(dir, key);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${Date.now()}.part`;
  await fs.writeFile(temporary, bytes, { mode: 0o600 });
  await fs.rename(temporary, file);
}

// Only these are shown in the page (thumbnails); anything else is downloaded, never rendered by the browser.
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** Send a stored file: images inline, anything else as a download; 404 when it is gone (retention, a moved folder). */
export async function sendAttachment(res: ServerResponse, dir: string, file: OutboundFile): Promise<void> {
  const full = attachmentPath(dir, file.key);
  const stat = await fs.stat(full).catch(() => null);
  if (!stat?.isFile()) throw new HttpError(404, 'the file is no longer stored');
  const inline = INLINE.has(file.type ?? '');
  const encoded = encodeURIComponent(file.name);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': inline ? file.type! : 'application/octet-stream',
    'content-length': stat.size,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${encoded}"; filename*=UTF-8''${encoded}`,
    // A file is never a page: nothing in it runs, even opened on its own.
    'content-security-policy': "default-src 'none'; img-src 'self'; sandbox",
    'cache-control': 'private, max-age=3600',
  });
  await new Promise<void>((resolve, reject) => createReadStream(full).on('error', reject).on('end', resolve).pipe(res));
}
