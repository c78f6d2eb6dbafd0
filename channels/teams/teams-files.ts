import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { typeAllowed, type FetchedFile } from '../../src/files/fetched-file';
import { sanitizeFileName } from '../../src/files/file-names';

/** The content type of a file a person sent the bot in a personal chat (the manifest's `supportsFiles`). */
export const TEAMS_FILE_DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';

/** A Teams file attachment as the activity carries it (the fields we read). */
export type TeamsFileAttachment = { contentType?: string; name?: string; content?: { downloadUrl?: string; uniqueId?: string; fileType?: string } };

/** Settings of the fetcher: the same limits as Slack's files (TEAMS_MAX_FILE_MB, TEAMS_FILE_TYPES). */
export type TeamsFilesOptions = {
  dir: string;
  maxBytes: number;
  types: string[];
  /** Hosts downloadUrl may point at (SharePoint / OneDrive); nothing else is fetched. */
  hosts?: string[];
  /** A plain-http host allowed too (the local stand-in of tests). */
  plainHttpHost?: string;
  timeoutMs?: number;
  maxCount?: number;
};

// Teams names the type by extension only (content.fileType): the MIME type the limits are written in.
const MIME: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', txt: 'text/plain', log: 'text/plain',
  csv: 'text/csv', zip: 'application/zip', json: 'application/json', eml: 'message/rfc822', doc: 'application/msword', xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const HOSTS = ['sharepoint.com', 'sharepoint.us', 'sharepoint-mil.us', 'sharepoint.cn', 'sharepoint.de'];

/** The file attachments of an activity (not its cards or its HTML copy of the text). */
export function teamsFilesOf(attachments: unknown): TeamsFileAttachment[] {
  return Array.isArray(attachments) ? (attachments as TeamsFileAttachment[]).filter((a) => a?.contentType === TEAMS_FILE_DOWNLOAD) : [];
}

/**
 * Files people send the bot in Teams: `content.downloadUrl` is a short-lived pre-authenticated link to the
 * user's OneDrive, fetched when its type is allowed and its size within the limit (checked while reading: Teams
 * does not say the size), written under the attachments folder and listed on the ticket like Slack's files.
 * Where a virus scanner would look at the bytes before they are written.
 */
export class TeamsFiles {
  constructor(private readonly o: TeamsFilesOptions) {}

  /** Fetch what may be fetched of an activity's file attachments. */
  async fetch(files: TeamsFileAttachment[]): Promise<FetchedFile[]> {
    const out: FetchedFile[] = [];
    for (const [i, file] of files.slice(0, 20).entries()) {
      const name = sanitizeFileName(file.name, `file-${i + 1}`);
      const ext = (file.content?.fileType ?? path.extname(name).slice(1)).toLowerCase();
      const url = file.content?.downloadUrl;
      if (!typeAllowed(this.o.types, MIME[ext])) out.push({ name, size: 0, stored: false, reason: 'type' });
      else if (!url || !this.hostAllowed(url) || out.filter((f) => f.stored).length >= (this.o.maxCount ?? 10)) out.push({ name, size: 0, stored: false, reason: 'failed' });
      else out.push(await this.download(file.content?.uniqueId ?? url, name, url));
    }
    return out;
  }

  private async download(id: string, name: string, url: string): Promise<FetchedFile> {
    try {
      const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000) });
      if (!res.ok || !res.body) return { name, size: 0, stored: false, reason: 'failed' };
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > this.o.maxBytes) {
        await res.body.cancel();
        return { name, size: declared, stored: false, reason: 'size' };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        // A link that lies about its length is cut off at the limit, not read to the end.
        if (size > this.o.maxBytes) return { name, size, stored: false, reason: 'size' };
        chunks.push(Buffer.from(chunk));
      }
      // Named after the file's unique id: a redelivered activity overwrites, never duplicates.
      const key = path.join('teams', createHash('sha256').update(id).digest('hex').slice(0, 24), name);
      const file = path.join(this.o.dir, key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, Buffer.concat(chunks), { mode: 0o600 });
      return { name, size, stored: true, file, key };
    } catch {
      return { name, size: 0, stored: false, reason: 'failed' };
    }
  }

  private hostAllowed(url: string): boolean {
    try {
      const { protocol, hostname } = new URL(url);
      const secure = protocol === 'https:' || (protocol === 'http:' && hostname === this.o.plainHttpHost);
      return secure && (this.o.hosts ?? HOSTS).some((host) => hostname === host || hostname.endsWith(`.${host}`));
    } catch {
      return false;
    }
  }
}
