import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runEvalKbCommand } from '../../src/cli/eval-kb.command';
import { runKbCommand } from '../../src/cli/kb.command';
import type { CliIo } from '../../src/cli/command';

function io(stdinText = ''): { io: CliIo; out: () => string; err: () => string } {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  stdin.end(stdinText);
  return { io: { stdin, stdout, stderr, env: {}, cwd: join(__dirname, 'fixtures') }, out: () => out, err: () => err };
}

describe('frontdesk kb search', () => {
  it('prints one JSON line for a query given as argument', async () => {
    const t = io();

    const code = await runKbCommand(['search', 'printer', 'offline', '--limit', '2', '--dir', 'kb'], t.io);

    expect(code).toBe(0);
    const lines = t.out().trim().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]);
    expect(parsed.query).toBe('printer offline');
    expect(parsed.results[0]).toEqual({ id: 'printer-offline', title: 'Printer shows offline', score: expect.any(Number), lang: 'en' });
    expect(parsed.results.length).toBeLessThanOrEqual(2);
  });

  it('answers each JSONL query from stdin with one line, in the asked language', async () => {
    const t = io('{"query": "VPN won\'t connect"}\n\n{"query": "打印机脱机"}\n');

    const code = await runKbCommand(['search', '--dir', 'kb', '--lang', 'zh'], t.io);

    expect(code).toBe(0);
    const lines = t.out().trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.query)).toEqual(["VPN won't connect", '打印机脱机']);
    expect(lines[0].results[0]).toMatchObject({ id: 'vpn-connect', lang: 'zh' });
    expect(lines[1].results[0]).toMatchObject({ id: 'printer-offline', lang: 'zh' });
  });

  it('refuses a stdin line without a query', async () => {
    const t = io('{"text": "hello"}\n');

    expect(await runKbCommand(['search', '--dir', 'kb'], t.io)).toBe(1);
    expect(t.err()).toContain('{"query": "..."}');
  });

  it('refuses a bad --limit', async () => {
    const t = io();

    expect(await runKbCommand(['search', 'vpn', '--limit', 'ten', '--dir', 'kb'], t.io)).toBe(1);
    expect(t.err()).toContain('--limit');
  });
});

describe('frontdesk kb lint', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-lint-'));
    cpSync(join(__dirname, 'fixtures', 'kb'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports broken links, missing required articles and translations, and exits 1', async () => {
    writeFileSync(join(dir, 'wifi-connect.md'), `---
id: wifi-connect
title: Wi-Fi
category: network
updated: 2026-01-01
---
See [guest access](kb:guest-wifi).
`);
    const t = io();

    const code = await runKbCommand(['lint', '--dir', dir], t.io);

    expect(code).toBe(1);
    expect(t.err()).toContain('wifi-connect.md: link to kb:guest-wifi points to no article');
    expect(t.err()).toContain('mailbox-full.md: required article missing');
    expect(t.err()).toContain('password-reset.zh.md: Chinese translation missing');
    expect(t.err()).not.toContain('vpn-connect.zh.md');
    expect(t.err()).not.toContain('kb:password-reset');
  });

  it('names the file and field of invalid front matter', async () => {
    writeFileSync(join(dir, 'laptop-slow.md'), '---\nid: laptop-slow\ntitle: Slow\ncategory: cars\nupdated: 2026-01-01\n---\nx\n');
    const t = io();

    await runKbCommand(['lint', '--dir', dir], t.io);

    expect(t.err()).toMatch(/laptop-slow\.md: front matter field `category`/);
  });
});

describe('the real kb-articles folder', () => {
  it('passes kb lint', async () => {
    const t = io();

    const code = await runKbCommand(['lint', '--dir', join(__dirname, '..', '..', 'kb-articles')], t.io);

    expect(t.err()).not.toContain('error:');
    expect(code).toBe(0);
  });
});

describe('frontdesk eval kb', () => {
  it('tells how to point it at the eval data when the folder is wrong', async () => {
    const t = io();

    await expect(runEvalKbCommand(['kb', '--eval-dir', 'no-such-dir'], t.io)).rejects.toThrow(/FRONTDESK_EVAL_DIR/);
  });
});
