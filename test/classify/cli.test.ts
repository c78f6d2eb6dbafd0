import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/command';
import { runClassifyCommand } from '../../src/cli/classify.command';
import { runTrainCommand } from '../../src/cli/train.command';

function makeIo(stdinText = '', cwd = mkdtempSync(join(tmpdir(), 'fd-cli-')), env: NodeJS.ProcessEnv = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => { out += c; });
  stderr.on('data', (c) => { err += c; });
  stdin.end(stdinText);
  const io: CliIo = { stdin, stdout, stderr, env, cwd };
  return { io, out: () => out, err: () => err, lines: () => out.trim().split('\n').map((l) => JSON.parse(l)) };
}

describe('classify command', () => {
  it('classifies TEXT into one JSON line with priority', async () => {
    const t = makeIo();
    const code = await runClassifyCommand(['the whole department cannot print, the printer is down'], t.io);
    expect(code).toBe(0);
    const [row] = t.lines();
    expect(row).toMatchObject({
      text: 'the whole department cannot print, the printer is down',
      category: 'hardware', type: 'incident', impact: 2, urgency: 1, priority: 'P2', lang: 'en',
    });
    expect(typeof row.confidence).toBe('number');
  });

  it('reads JSONL from stdin, one line out per line in, in order', async () => {
    const input = [
      JSON.stringify({ text: '不急，有空帮我装一下Visio' }),
      '',
      JSON.stringify({ text: 'how do I share my calendar?' }),
      JSON.stringify({ nope: 1 }),
    ].join('\n');
    const t = makeIo(input);
    const code = await runClassifyCommand([], t.io);
    const rows = t.lines();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ lang: 'zh', type: 'service_request', urgency: 3, priority: 'P5' });
    expect(rows[1]).toMatchObject({ category: 'email', type: 'question', lang: 'en' });
    expect(rows[2].error).toMatch(/line 3/);
    expect(code).toBe(1);
  });

  it('fails with a hint when --model points nowhere', async () => {
    const t = makeIo();
    expect(await runClassifyCommand(['hi', '--model', 'nope.json'], t.io)).toBe(2);
    expect(t.err()).toMatch(/frontdesk train/);
  });
});

describe('train command', () => {
  const rows = [
    ['the franking machine is jammed again', 'hardware', 'incident'],
    ['franking machine shows error 12', 'hardware', 'incident'],
    ['franking machine will not print labels', 'hardware', 'incident'],
    ['please order ink for the franking machine', 'hardware', 'service_request'],
    ['need a new franking machine for the mail room', 'hardware', 'service_request'],
    ['the payroll app crashes on login', 'software', 'incident'],
    ['payroll app freezes when exporting', 'software', 'incident'],
    ['payroll app shows a blank page', 'software', 'incident'],
    ['please install the payroll app for the new clerk', 'software', 'service_request'],
    ['need the payroll app on my second laptop', 'software', 'service_request'],
    ['how do I export a payslip from the payroll app?', 'software', 'question'],
    ['how do I refill the franking machine?', 'hardware', 'question'],
  ];

  it('trains from JSONL with a progress bar on a terminal (none when piped) and saves a model classify can use', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fd-train-'));
    writeFileSync(join(cwd, 'history.jsonl'), rows.map(([text, category, type]) => JSON.stringify({ text, category, type })).join('\n'));
    const piped = makeIo('', cwd);
    expect(await runTrainCommand(['--data', 'history.jsonl'], piped.io)).toBe(0);
    expect(piped.err()).not.toMatch(/\[#+/);
    const t = makeIo('', cwd);
    Object.assign(t.io.stderr, { isTTY: true });

    const code = await runTrainCommand(['--data', 'history.jsonl'], t.io);

    expect(code).toBe(0);
    expect(t.err()).toMatch(/\[#+\] 100%/);
    const modelPath = join(cwd, 'data', 'classifier-model.json');
    expect(existsSync(modelPath)).toBe(true);
    expect(JSON.parse(t.out()).examples).toBe(rows.length);
    // classify picks ./data/classifier-model.json up by itself: only our two categories exist in it.
    const c = makeIo('', cwd);
    await runClassifyCommand(['the franking machine is broken'], c.io);
    expect(c.lines()[0].category).toBe('hardware');
    expect(JSON.parse(readFileSync(modelPath, 'utf8')).category.labels).toEqual(['hardware', 'software']);
  });

  it('trains from CSV to --out', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fd-train-'));
    const csv = ['text,category,type', ...rows.map(([t, c, y]) => `"${t}",${c},${y}`)].join('\n');
    writeFileSync(join(cwd, 'history.csv'), csv);
    const t = makeIo('', cwd);
    expect(await runTrainCommand(['--data', 'history.csv', '--out', 'models/m.json'], t.io)).toBe(0);
    const c = makeIo('', cwd);
    await runClassifyCommand(['payroll app error', '--model', 'models/m.json'], c.io);
    expect(c.lines()[0].category).toBe('software');
  });

  it('names the bad row and the allowed values', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'fd-train-'));
    writeFileSync(join(cwd, 'bad.jsonl'), JSON.stringify({ text: 'x', category: 'printers', type: 'incident' }));
    const t = makeIo('', cwd);
    expect(await runTrainCommand(['--data', 'bad.jsonl'], t.io)).toBe(1);
    expect(t.err()).toMatch(/row 1: category.*categories: hardware/);
  });

  it('asks for --data', async () => {
    const t = makeIo();
    expect(await runTrainCommand([], t.io)).toBe(2);
  });
});
