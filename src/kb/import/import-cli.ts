import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { loadOrTrainDefault } from '../../classify/ticket-classifier';
import type { CliIo } from '../../cli/command';
import { loadConfig } from '../../config';
import { ValidationError } from '../../errors';
import { Lang } from '../../types/conversation';
import { DEFAULT_MAX_PAGE_BYTES } from './decode-page';
import { importExport, type ImportFileResult, type ImportReport } from './import-export';

/** Progress on a terminal only: piped output (CI logs, `| jq`) stays clean. */
function progress(stream: Writable): ((done: number, total: number, file: string) => void) | undefined {
  if (!(stream as Writable & { isTTY?: boolean }).isTTY) return undefined;
  return (done, total, file) => {
    const width = 24;
    const filled = Math.round((done / total) * width);
    stream.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${file.slice(-50)}`);
    if (done === total) stream.write('\r\x1b[K');
  };
}

function line(r: ImportFileResult): string {
  const head = `${r.status.padEnd(11)} ${r.file}`;
  if (r.status === 'skipped') return `${head}: ${r.reason}${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`;
  return `${head} -> ${r.path} [${r.lang}, ${r.category}]${r.notes.length ? `: ${r.notes.join('; ')}` : ''}`;
}

/** The report as one line per file and a count line. */
export function formatImportReport(report: ImportReport): string {
  const c = report.counts;
  return `${report.files.map(line).join('\n')}\n\n${c.imported} imported, ${c.updated} updated, ${c.overwritten} overwritten, ${c.unchanged} unchanged, ${c.skipped} skipped.\n`;
}

/** `kb import DIR [--out KB_DIR] [--force] [--lang en|zh] [--max-mb 5] [--format text|json]`; exit 1 when nothing was imported. */
export async function runKbImport(positional: string[], options: Record<string, string | true>, io: CliIo): Promise<number> {
  const [source] = positional;
  if (!source) throw new ValidationError('kb import: give the export folder, e.g. frontdesk kb import ./confluence-export');
  const dir = resolve(io.cwd, source);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ValidationError(`kb import: ${source} is not a folder: unzip the export first`);
  const lang = options.lang === undefined ? undefined : Lang.safeParse(options.lang);
  if (lang && !lang.success) throw new ValidationError(`kb import: --lang must be en or zh, got "${String(options.lang)}"`);
  const maxMb = options['max-mb'] === undefined ? DEFAULT_MAX_PAGE_BYTES / 1024 / 1024 : Number(options['max-mb']);
  if (!(maxMb > 0)) throw new ValidationError(`kb import: --max-mb must be a positive number, got "${String(options['max-mb'])}"`);
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new ValidationError(`kb import: --format must be text or json, got "${String(format)}"`);
  const config = loadConfig(io.env, io.cwd);
  const outDir = typeof options.out === 'string' ? resolve(io.cwd, options.out) : config.KB_DIR;
  const classifier = loadOrTrainDefault(config.CLASSIFIER_MODEL_PATH);
  const report = await importExport(dir, {
    outDir, force: options.force === true, lang: lang?.data, maxBytes: Math.round(maxMb * 1024 * 1024),
    guessCategory: (text) => classifier.classify(text).category, onProgress: progress(io.stderr),
  });
  io.stdout.write(format === 'json' ? `${JSON.stringify({ out: relative(io.cwd, outDir) || '.', ...report })}\n` : formatImportReport(report));
  const written = report.counts.imported + report.counts.updated + report.counts.overwritten + report.counts.unchanged;
  return written > 0 || report.files.length === 0 ? 0 : 1;
}
