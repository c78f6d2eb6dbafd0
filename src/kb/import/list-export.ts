import { readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

/** Files of an export folder: pages to import, and what was passed over with the reason. */
export type ExportListing = { pages: string[]; passed: { file: string; reason: string }[] };

const PAGE_EXT = new Set(['.html', '.htm', '.md', '.markdown']);
// Folders that hold a page's assets, not pages: Confluence attachments/images/styles, a browser's "Page_files".
const ASSET_DIR = /^(attachments|images|styles|css|js|scripts|fonts|_files)$|_files$/i;

/** Walk an export folder (sorted, so imports are repeatable); hidden files and asset folders are passed over. */
export function listExport(root: string): ExportListing {
  const out: ExportListing = { pages: [], passed: [] };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      const rel = relative(root, path);
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) {
        if (ASSET_DIR.test(entry.name)) out.passed.push({ file: `${rel}/`, reason: 'folder of page assets (images, attachments, styles): not imported; images are linked or noted per page' });
        else walk(path);
      } else if (PAGE_EXT.has(extname(entry.name).toLowerCase())) {
        out.pages.push(path);
      } else if (entry.isFile()) {
        out.passed.push({ file: rel, reason: `not a page (${extname(entry.name) || 'no extension'}): only .html, .htm and .md files are imported` });
      }
    }
  };
  walk(root);
  return out;
}
