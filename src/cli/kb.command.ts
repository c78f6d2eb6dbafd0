import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadConfig } from '../config';
import { ValidationError } from '../errors';
import { draftFromTicket, writeDraftArticle } from '../kb/draft';
import { formatKbReportTable, kbReport } from '../kb/feedback';
import { readArticleDir } from '../kb/article';
import { sqliteCoreStores, type CoreStores } from '../store/core-stores';
import { openCoreStores } from '../store/open-core-stores';
import { SqliteStore } from '../store/sqlite-store';
import { Lang } from '../types/conversation';
import { KnowledgeBase } from '../kb/knowledge-base';
import { lintKb } from '../kb/lint';
import { runKbImport } from '../kb/import/import-cli';
import { formatKbHealth, kbHealth } from '../kb/gaps/kb-health';
import { type CliCommand, type CliIo, parseArgs, readJsonLines } from './command';

const USAGE = `Usage:
  frontdesk kb search [QUERY] [--limit N] [--lang en|zh] [--dir kb-articles]
  frontdesk kb lint [--dir kb-articles]
  frontdesk kb report [--format table|json] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--stale-days N] [--dir KB_DIR]
  frontdesk kb draft INC-000123 [--dir KB_DIR]
  frontdesk kb import EXPORT_DIR [--out KB_DIR] [--force] [--lang en|zh] [--max-mb 5] [--format text|json]
report and draft read the ticket database: DATABASE_URL (PostgreSQL) or DATABASE_PATH (.env or environment).
`;

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

/** Open the configured ticket database (PostgreSQL with DATABASE_URL); refuse to create an empty SQLite file by mistake. */
async function openStores(io: CliIo): Promise<CoreStores> {
  const config = loadConfig(io.env, io.cwd);
  if (config.DATABASE_URL) return openCoreStores(config);
  if (config.DATABASE_PATH !== ':memory:' && !existsSync(config.DATABASE_PATH)) {
    throw new ValidationError(`no database at ${config.DATABASE_PATH}: set DATABASE_PATH to the bot's SQLite file`);
  }
  return sqliteCoreStores(new SqliteStore(config.DATABASE_PATH));
}

const kbDirOf = (io: CliIo, options: Record<string, string | true>) =>
  typeof options.dir === 'string' ? resolve(io.cwd, options.dir) : loadConfig(io.env, io.cwd).KB_DIR;

const DAY = /^\d{4}-\d{2}-\d{2}/;

async function report(options: Record<string, string | true>, io: CliIo): Promise<number> {
  const format = options.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new ValidationError(`kb report: --format must be table or json, got "${String(format)}"`);
  for (const key of ['since', 'until'] as const) {
    if (options[key] !== undefined && !(typeof options[key] === 'string' && DAY.test(options[key]))) {
      throw new ValidationError(`kb report: --${key} must be a date such as 2026-11-01`);
    }
  }
  const staleDays = options['stale-days'] === undefined ? loadConfig(io.env, io.cwd).KB_STALE_DAYS : Number(options['stale-days']);
  if (!Number.isInteger(staleDays) || staleDays < 1) throw new ValidationError(`kb report: --stale-days must be a positive whole number, got "${String(options['stale-days'])}"`);
  const { articles, errors } = readArticleDir(kbDirOf(io, options));
  for (const error of errors) io.stderr.write(`warning: ${error.message}\n`);
  const stores = await openStores(io);
  try {
    const window = { since: options.since as string | undefined, until: options.until as string | undefined };
    const rows = kbReport(await stores.kbFeedback.articleFeedback(window), articles);
    const health = await kbHealth(stores.kbFeedback, articles, { window, now: new Date(), staleDays });
    io.stdout.write(format === 'json'
      ? `${JSON.stringify({ window, articles: rows, gaps: { searches: health.gaps, topics: health.topics }, staleDays, stale: health.stale })}\n`
      : `${formatKbReportTable(rows)}\n${formatKbHealth(health)}`);
    return 0;
  } finally {
    await stores.close();
  }
}

async function draft(positional: string[], options: Record<string, string | true>, io: CliIo): Promise<number> {
  const [number] = positional;
  if (!number || !/^(INC|REQ)-\d{6}$/i.test(number)) throw new ValidationError('kb draft: give a ticket number such as INC-000123');
  const dir = kbDirOf(io, options);
  const stores = await openStores(io);
  const { store } = stores;
  try {
    const ticket = await store.getTicketByNumber(number);
    if (!ticket) throw new ValidationError(`kb draft: no ticket ${number.toUpperCase()} in the database`);
    const written = writeDraftArticle(dir, draftFromTicket(ticket, await store.ticketEvents(ticket.id), new Date()));
    io.stdout.write(`${JSON.stringify({ ticket: ticket.number, id: written.id, path: relative(io.cwd, written.path) })}\n`);
    return 0;
  } finally {
    await stores.close();
  }
}

/** `frontdesk kb search|lint|report|draft|import`: search or check the articles, report ratings and gaps, draft one from a ticket, import an export. */
export const runKbCommand: CliCommand = async (args, io) => {
  const { positional, options } = parseArgs(args);
  const [sub, ...rest] = positional;
  const dir = resolve(io.cwd, typeof options.dir === 'string' ? options.dir : 'kb-articles');
  if (sub === 'search') return search(rest, options, io, dir);
  if (sub === 'lint') return lint(io, dir);
  try {
    if (sub === 'report') return await report(options, io);
    if (sub === 'draft') return await draft(rest, options, io);
    if (sub === 'import') return await runKbImport(rest, options, io);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
  io.stderr.write(USAGE);
  return 1;
};
