import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import type { ArticleFrontMatter } from '../article';

/** Front matter of an imported article: the usual fields plus where it came from and the hash of what was written. */
export type ImportedFrontMatter = ArticleFrontMatter & { source: string };

const HASH_LINE = /^import_hash: *([0-9a-f]+)[ \t]*\r?\n/m;

const hashOf = (text: string) => createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex').slice(0, 16);

/**
 * The article file. `import_hash` is the hash of the file as written without that line: a later import
 * recomputes it to tell an untouched import (safe to refresh) from one a person has edited.
 */
export function renderImportedArticle(fm: ImportedFrontMatter, body: string): string {
  const yaml = stringify(
    { id: fm.id, title: fm.title, category: fm.category, tags: fm.tags, questions: fm.questions, updated: fm.updated, source: fm.source },
    { lineWidth: 0 },
  );
  const text = `---\n${yaml}---\n${body.trim()}\n`;
  return text.replace(/\n---\n/, `\nimport_hash: ${hashOf(text)}\n---\n`);
}

/** What is already at an article path: nothing, an untouched earlier import, or a person's work. */
export type ExistingArticle = 'absent' | 'imported' | 'hand-edited' | 'hand-written';

/** Classify the file at `path` (see renderImportedArticle for the hash); `source` is the export file it came from. */
export function existingArticle(path: string): { state: ExistingArticle; text?: string; source?: string } {
  if (!existsSync(path)) return { state: 'absent' };
  const text = readFileSync(path, 'utf8');
  const frontMatter = text.slice(0, text.indexOf('\n---', 4) + 1 || undefined);
  const match = HASH_LINE.exec(frontMatter);
  if (!match) return { state: 'hand-written', text };
  const source = /^source: *(.+?)\s*$/m.exec(frontMatter)?.[1]?.replace(/^(["'])(.*)\1$/, '$2');
  return { state: hashOf(text.replace(HASH_LINE, '')) === match[1] ? 'imported' : 'hand-edited', text, source };
}

/**
 * Write a file so that a reader never sees it half-written: the knowledge base reloads while an import
 * runs, and a torn article would fail its reload. The temporary name does not end in .md, so the
 * watcher and the loader ignore it; rename is atomic on one file system.
 */
export function writeAtomically(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}
