import { formatSize } from './file-names';

/** What became of one file a person shared on a chat platform (Slack, Teams). */
export type FetchedFile = { name: string; size: number; stored: boolean; reason?: 'size' | 'type' | 'failed'; file?: string; /** The path inside the attachments folder. */ key?: string };

/** One transcript line per file: "[attachment: name (size)]", or why it was not kept (the same on every chat channel). */
export function fetchedFileLines(files: FetchedFile[]): string[] {
  const why = { size: 'over the size limit', type: 'file type not accepted', failed: 'could not be fetched' } as const;
  return files.map((f) => (f.stored ? `[attachment: ${f.name} (${formatSize(f.size)})]` : `[attachment not stored, ${why[f.reason ?? 'failed']}: ${f.name} (${formatSize(f.size)})]`));
}

/** Whether `mimetype` is one of `types` (`image/*` style wildcards allowed). */
export function typeAllowed(types: string[], mimetype: string | undefined): boolean {
  const type = (mimetype ?? '').toLowerCase();
  return types.some((allowed) => (allowed.endsWith('*') ? type.startsWith(allowed.slice(0, -1)) : type === allowed));
}
