import path from 'node:path';

const RESERVED = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** A file name safe on every file system: no paths, control or reserved characters, at most 100 characters. */
export function sanitizeFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  let clean = base.normalize('NFC').replace(RESERVED, '_').replace(/\s+/g, ' ').replace(/^[.\s]+|[.\s]+$/g, '');
  if (!clean || WINDOWS_DEVICE.test(clean)) clean = fallback;
  if (clean.length > 100) {
    const ext = path.extname(clean).slice(0, 12);
    clean = clean.slice(0, 100 - ext.length) + ext;
  }
  return clean;
}

/** Human size: 532 B, 12.3 KB, 4.0 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
