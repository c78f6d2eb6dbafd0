import { parse as parseYaml } from 'yaml';

/** A Markdown page of an export: its text and what its own front matter (Jekyll, Hugo, MkDocs, ours) says. */
export type MarkdownPage = {
  title?: string;
  markdown: string;
  id?: string;
  category?: string;
  labels: string[];
  modified: string[];
  questions: string[];
  warnings: string[];
};

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String) : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
const dateText = (v: unknown): string | undefined => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v : undefined);

/** Split a Markdown page into front matter and body; broken front matter is reported, not fatal. */
export function readMarkdownPage(text: string): MarkdownPage {
  const page: MarkdownPage = { markdown: text.trim(), labels: [], modified: [], questions: [], warnings: [] };
  const match = FRONT_MATTER.exec(text);
  if (match) {
    page.markdown = text.slice(match[0].length).trim();
    let data: Record<string, unknown> = {};
    try {
      const parsed = parseYaml(match[1]) as unknown;
      if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
    } catch (error) {
      page.warnings.push(`front matter is not valid YAML (${(error as Error).message.split('\n')[0]}); ignored it`);
    }
    if (typeof data.title === 'string') page.title = data.title.trim();
    for (const key of ['id', 'slug']) if (typeof data[key] === 'string' && !page.id) page.id = data[key] as string;
    if (typeof data.category === 'string') page.category = data.category;
    page.labels = [...strings(data.tags), ...strings(data.labels), ...strings(data.keywords)];
    page.questions = strings(data.questions);
    for (const key of ['updated', 'lastmod', 'last_modified', 'date']) {
      const date = dateText(data[key]);
      if (date) page.modified.push(date);
    }
  }
  page.title ??= /^#\s+(.+?)\s*#*$/m.exec(page.markdown)?.[1];
  return page;
}
