import { resolve } from 'node:path';
import { Lang } from '../types/conversation';
import { KnowledgeBase } from '../kb/knowledge-base';
import { lintKb } from '../kb/lint';
import { type CliCommand, type CliIo, parseArgs, readJsonLines } from './command';

const USAGE = 'Usage: frontdesk kb search [QUERY] [--limit N] [--lang en|zh] [--dir kb-articles] | kb lint [--dir kb-articles]\n';

function searchLine(kb: KnowledgeBase, query: string, limit: number, lang: Lang | undefined): string {
  const results = kb.search(query, { limit, lang }).map((r) => ({ id: r.id, title: r.title, score: r.score, lang: r.lang }));
  return `${JSON.stringify({ query, results })}\n`;
}

async function search(positional: string[], options: Record<string, string | true>, io: CliIo, dir: string): Promise<number> {
  const limit = options.limit === undefined ? 5 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    io.stderr.write(`kb search: --limit must be a positive whole number, got "${String(options.limit)}"\n`);
    return 1;
  }
  const lang = options.lang === undefined ? undefined : Lang.safeParse(options.lang);
  if (lang && !lang.success) {
    io.stderr.write(`kb search: --lang must be en or zh, got "${String(options.lang)}"\n`);
    return 1;
  }
  const kb = KnowledgeBase.load(dir);
  if (positional.length > 0) {
    io.stdout.write(searchLine(kb, positional.join(' '), limit, lang?.data));
    return 0;
  }
  for await (const row of readJsonLines(io.stdin)) {
    const query = (row as { query?: unknown } | null)?.query;
    if (typeof query !== 'string') {
      io.stderr.write(`kb search: each stdin line must be {"query": "..."}, got ${JSON.stringify(row)}\n`);
      return 1;
    }
    io.stdout.write(searchLine(kb, query, limit, lang?.data));
  }
  return 0;
}

function lint(io: CliIo, dir: string): number {
  const report = lintKb(dir);
  for (const warning of report.warnings) io.stderr.write(`warning: ${warning}\n`);
  for (const error of report.errors) io.stderr.write(`error: ${error}\n`);
  io.stdout.write(`${JSON.stringify({ articles: report.articles, errors: report.errors.length, warnings: report.warnings.length })}\n`);
  return report.errors.length > 0 ? 1 : 0;
}

/** `frontdesk kb search|lint`: search the knowledge base (one query or JSONL from stdin) or check it. */
export const runKbCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  const [sub, ...rest] = positional;
  const dir = resolve(io.cwd, typeof options.dir === 'string' ? options.dir : 'kb-articles');
  if (sub === 'search') return search(rest, options, io, dir);
  if (sub === 'lint') return lint(io, dir);
  io.stderr.write(USAGE);
  return 1;
};
