import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sanitizeFileName } from '../../src/files/file-names';
import { fetchedFileLines, typeAllowed, type FetchedFile } from '../../src/files/fetched-file';

/** The fields of a Slack file object (in a `file_share` message event) we read. */
export type SlackFile = { id?: string; name?: string; title?: string; mimetype?: string; size?: number; url_private?: string; url_private_download?: string; mode?: string };

/** What became of one shared file (shared with the Teams fetcher). */
export type { FetchedFile };

/** Settings of the file fetcher. */
export type SlackFilesOptions = {
  botToken: string;
  /** Folder the files are written to (one sub-folder per Slack file id). */
  dir: string;
  maxBytes: number;
  /** MIME types fetched; `image/*` and `application/vnd.openxmlformats-officedocument.*` style wildcards. */
  types: string[];
  /** Hosts the bot token may be sent to: Slack's file hosts and the Web API's own host. */
  hosts: string[];
  /** The Web API's host when SLACK_API_URL is plain http (a local stand-in): the only host reached without TLS. */
  plainHttpHost?: string;
  /** Longest wait for one download: the event's acknowledgement waits for it (Slack allows 3 s). */
  timeoutMs?: number;
  /** Most files fetched from one message; the rest are listed. */
  maxCount?: number;
};

/**
 * Files people share with the bot: fetched from `url_private_download` with the bot token (scope
 * `files:read`) when their type is allowed and their size within the limit, written under the attachments
 * folder, and described in one transcript line each, so agents see them on the ticket. A file refused by
 * type or size, or whose download failed, is still listed with the reason. This is where a virus scanner
 * would look at the bytes before they are written.
 */
export class SlackFiles {
  constructor(private readonly o: SlackFilesOptions) {}

  /** Fetch what may be fetched of a message's files. */
  async fetch(files: SlackFile[]): Promise<FetchedFile[]> {
    const out: FetchedFile[] = [];
    for (const [i, file] of files.slice(0, 20).entries()) {
      const name = sanitizeFileName(file.name ?? file.title, `file-${i + 1}`);
      const size = typeof file.size === 'number' && file.size >= 0 ? file.size : 0;
      // Files from other workspaces or Google Drive (mode external / tombstone) have nothing to fetch.
      const url = file.url_private_download ?? file.url_private;
      if (!this.o.dir) out.push({ name, size, stored: false, reason: 'failed' });
      else if (!this.typeAllowed(file.mimetype)) out.push({ name, size, stored: false, reason: 'type' });
      else if (size > this.o.maxBytes) out.push({ name, size, stored: false, reason: 'size' });
      else if (!file.id || !url || !this.hostAllowed(url) || out.filter((f) => f.stored).length >= (this.o.maxCount ?? 10)) out.push({ name, size, stored: false, reason: 'failed' });
      else out.push(await this.download(file.id, name, url, size));
    }
    return out;
  }

  /** One transcript line per file: "[attachment: name (size)]", or why it was not kept. */
  static lines(files: FetchedFile[]): string[] {
    return fetchedFileLines(files);
  }

  /** The stored file of `key` (from an outbound message), or null when it is outside the folder or gone. */
  async read(key: string): Promise<Buffer | null> {
    const root = path.resolve(this.o.dir);
    const file = path.resolve(root, key);
    if (!this.o.dir || !file.startsWith(`${root}${path.sep}`)) return null;
    return fs.readFile(file).catch(() => null);
  }

  private async download(id: string, name: string, url: string, declared: number): Promise<FetchedFile> {
    try {
      const res = await fetch(url, { headers: { authorization: `Bearer ${this.o.botToken}` }, redirect: 'error', signal: AbortSignal.timeout(this.o.timeoutMs ?? 2000) });
      if (!res.ok || !res.body) return { name, size: declared, stored: false, reason: 'failed' };
      // Slack answers a file the token may not read with its HTML login page, not an error status.
      if ((res.headers.get('content-type') ?? '').startsWith('text/html')) return { name, size: declared, stored: false, reason: 'failed' };
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.length > this.o.maxBytes) return { name, size: bytes.length, stored: false, reason: 'size' };
      // The folder is named after the Slack file id: a redelivered event overwrites, never duplicates.
      const key = path.join('slack', createHash('sha256').update(id).digest('hex').slice(0, 24), name);
      const file = path.join(this.o.dir, key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, bytes, { mode: 0o600 });
      return { name, size: bytes.length, stored: true, file, key };
    } catch {
      return { name, size: declared, stored: false, reason: 'failed' };
    }
  }

  private typeAllowed(mimetype: string | undefined): boolean {
    return typeAllowed(this.o.types, mimetype);
  }

  private hostAllowed(url: string): boolean {
    try {
      const { protocol, hostname } = new URL(url);
      const secure = protocol === 'https:' || (protocol === 'http:' && hostname === this.o.plainHttpHost);
      return secure && this.o.hosts.some((host) => hostname === host || hostname.endsWith(`.${host}`));
    } catch {
      return false;
    }
  }
}
