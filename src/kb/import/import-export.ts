import { mkdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { detectLang } from '../../lang';
import type { Lang } from '../../types/conversation';
import { Category } from '../../types/ticket';
import { parseArticle } from '../article';
import { existingArticle, renderImportedArticle, writeAtomically } from './article-file';
import { pageName, questionsFor, slugFor, slugify, tagsFor } from './article-fields';
import { DEFAULT_MAX_PAGE_BYTES } from './decode-page';
import { listExport } from './list-export';
import { firstPageDate } from './page-dates';
import { readSourcePage, type SourcePage } from './read-page';

/** Options of one import run. */
export type ImportOptions = {
  outDir: string;
  /** Overwrite articles a person wrote or edited. */
  force?: boolean;
  /** Language of every page; detected per page when absent. */
  lang?: Lang;
  maxBytes?: number;
  /** The project's classifier: article text -> category. */
  guessCategory(text: string): Category;
  /** Called after each page (progress display). */
  onProgress?(done: number, total: number, file: string): void;
};

/** What happened to one file. */
export type ImportStatus = 'imported' | 'updated' | 'unchanged' | 'overwritten' | 'skipped';
/** One line of the import report. */
export type ImportFileResult = { file: string; status: ImportStatus; reason?: string; id?: string; lang?: Lang; path?: string; category?: string; notes: string[] };
/** The whole report: one result per file, in folder order. */
export type ImportReport = { files: ImportFileResult[]; counts: Record<ImportStatus, number> };

type Planned = { result: ImportFileResult; page: SourcePage; title: string; id: string; lang: Lang; target: string };

const INDEX_PAGE = /Available Pages:|Space Details:|可用页面/;
const MIN_TEXT = 20;

/** Turn a Confluence/SharePoint/HTML/Markdown export folder into article files; never throws for a bad page. */
export async function importExport(dir: string, options: ImportOptions): Promise<ImportReport> {
  const listing = listExport(dir);
  const results: ImportFileResult[] = listing.passed.map((p) => ({ file: p.file, status: 'skipped', reason: p.reason, notes: [] }));
  const planned: Planned[] = [];
  const bySlug = new Map<string, Planned>();
  const byPageName = new Map<string, Planned>();
  const total = listing.pages.length;
  for (const [index, path] of listing.pages.entries()) {
    const file = relative(dir, path);
    const plan = planPage(path, file, options);
    if ('skip' in plan) results.push({ file, status: 'skipped', reason: plan.skip, notes: plan.notes });
    else {
      const key = `${plan.id}.${plan.lang}`;
      const first = bySlug.get(key);
      if (first) {
        results.push({ file, status: 'skipped', reason: `duplicate slug "${plan.id}" (${plan.lang}): ${first.result.file} already becomes ${basename(first.target)}; rename one of the pages`, notes: plan.result.notes });
      } else {
        bySlug.set(key, plan);
        byPageName.set(basename(path).toLowerCase(), plan);
        byPageName.set(pageName(path).toLowerCase(), plan);
        planned.push(plan);
        results.push(plan.result);
      }
    }
    options.onProgress?.(index + 1, total, file);
    // Let a progress display draw, and a server in this process answer, between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
  mkdirSync(options.outDir, { recursive: true });
  for (const plan of planned) writePlanned(plan, byPageName, options);
  const counts = { imported: 0, updated: 0, unchanged: 0, overwritten: 0, skipped: 0 };
  for (const r of results) counts[r.status] += 1;
  return { files: results, counts };
}

function planPage(path: string, file: string, options: ImportOptions): Planned | { skip: string; notes: string[] } {
  const page = readSourcePage(path, options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES);
  if ('skip' in page) return { skip: page.skip, notes: [] };
  const text = page.markdown.replace(/[#>*_`|\-\s]/g, '');
  if (text.length < MIN_TEXT) return { skip: 'no article text found (the page is empty once navigation, menus and footers are removed)', notes: page.notes };
  if (page.kind === 'confluence' && basename(path).toLowerCase() === 'index.html' && INDEX_PAGE.test(page.markdown)) {
    return { skip: 'space index (a list of the pages), not an article', notes: [] };
  }
  const title = page.title?.trim() || pageName(path).replace(/[-_]+/g, ' ');
  const lang = options.lang ?? detectLang(`${title}\n${page.markdown.slice(0, 2000)}`);
  const ownId = page.id && slugify(page.id) === page.id ? page.id : undefined;
  const id = ownId ?? slugFor(title, path, lang);
  const target = join(options.outDir, lang === 'zh' ? `${id}.zh.md` : `${id}.md`);
  const notes = [...page.notes];
  if (page.kind !== 'markdown') notes.unshift(`${page.kind} page`);
  if (!ownId && /^page-/.test(id)) notes.push(`no English name to make a slug from: named it ${id}; rename the file and id to pair it with its English article`);
  return { result: { file, status: 'imported', id, lang, notes }, page, title, id, lang, target };
}

/** Point links between pages of the export at their kb: slugs; links to pages not imported keep only their text. */
function resolveLinks(markdown: string, byPageName: Map<string, Planned>, notes: string[]): string {
  const missing: string[] = [];
  const out = markdown.replace(/\[([^\]]*)\]\(import:([^)]*)\)/g, (_all, text: string, href: string) => {
    const name = decodeURI(href).split(/[?#]/)[0].split('/').pop()?.toLowerCase() ?? '';
    const target = byPageName.get(name) ?? byPageName.get(pageName(name).toLowerCase());
    if (target) return `[${text}](kb:${target.id})`;
    missing.push(name || href);
    return text;
  });
  if (missing.length) notes.push(`${missing.length} link${missing.length === 1 ? '' : 's'} to pages outside the export kept as text: ${[...new Set(missing)].slice(0, 3).join(', ')}`);
  return out;
}

function writePlanned(plan: Planned, byPageName: Map<string, Planned>, options: ImportOptions): void {
  const { page, result } = plan;
  let body = resolveLinks(page.markdown, byPageName, result.notes);
  if (!/^#\s/.test(body)) body = `# ${plan.title}\n\n${body}`;
  let updated = firstPageDate(page.modified);
  if (!updated) {
    updated = page.mtime.toISOString().slice(0, 10);
    result.notes.push('no date in the page: used the file time');
  }
  const own = Category.safeParse(page.category);
  const category = own.success ? own.data : options.guessCategory(`${plan.title}\n${body.slice(0, 3000)}`);
  const text = renderImportedArticle({
    id: plan.id, title: plan.title, category, tags: tagsFor(plan.title, page.labels),
    questions: [...new Set([...page.questions, ...questionsFor(plan.title, body)])], updated, source: result.file,
  }, body);
  Object.assign(result, { category, path: relative(options.outDir, plan.target) });
  try {
    parseArticle(text, plan.target);
  } catch (error) {
    Object.assign(result, { status: 'skipped', reason: `would not be a valid article: ${(error as Error).message}` });
    return;
  }
  const existing = existingArticle(plan.target);
  if ((existing.state === 'hand-edited' || existing.state === 'hand-written') && !options.force) {
    const why = existing.state === 'hand-edited' ? 'was edited by hand since it was imported' : 'was written by hand, not by kb import';
    Object.assign(result, { status: 'skipped', reason: `${result.path} ${why}: kept it; pass --force to overwrite` });
    return;
  }
  // Same slug, another page: an earlier import of a different export file (two spaces with a "VPN" page).
  if (existing.state === 'imported' && existing.source !== undefined && existing.source !== result.file && !options.force) {
    Object.assign(result, { status: 'skipped', reason: `duplicate slug "${plan.id}": ${result.path} was imported from ${existing.source}; rename one of the pages or pass --force` });
    return;
  }
  if (existing.state === 'imported' && existing.text === text) {
    result.status = 'unchanged';
    return;
  }
  writeAtomically(plan.target, text);
  result.status = existing.state === 'absent' ? 'imported' : existing.state === 'imported' ? 'updated' : 'overwritten';
}
