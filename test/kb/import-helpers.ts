import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/command';
import { runKbCommand } from '../../src/cli/kb.command';
import { parseArticle } from '../../src/kb/article';

/** The realistic exports under test/kb/fixtures/import. */
export const IMPORT_FIXTURES = join(__dirname, 'fixtures', 'import');

/** A fresh temporary folder. */
export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `frontdesk-${prefix}-`));

/** A copy of one fixture export, so a test may change it. */
export function copyFixture(name: string): string {
  const dir = tempDir(`export-${name}`);
  cpSync(join(IMPORT_FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** Run `frontdesk kb ...` in-process; `tty` makes stderr claim to be a terminal. */
export async function kb(args: string[], opts: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: opts.tty === true });
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: opts.env ?? { DATABASE_PATH: ':memory:' }, cwd: process.cwd() };
  const code = await runKbCommand(args, io);
  return { code, out, err };
}

/** The per-file lines of a text report, keyed by source file. */
export function reportLines(out: string): Map<string, string> {
  const lines = out.split('\n').filter((l) => /^(imported|updated|unchanged|overwritten|skipped) /.test(l));
  return new Map(lines.map((l) => [l.slice(12).split(/(?: -> |: )/)[0], l]));
}

/** An imported article file, parsed with the knowledge base's own loader (so it is valid). */
export function readArticle(dir: string, file: string) {
  const path = join(dir, file);
  return { ...parseArticle(readFileSync(path, 'utf8'), path), text: readFileSync(path, 'utf8') };
}
