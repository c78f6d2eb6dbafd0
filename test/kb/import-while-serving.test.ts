import { spawn } from 'node:child_process';
import fs, { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importExport } from '../../src/kb/import/import-export';
import { KnowledgeBase, type KbReloadResult } from '../../src/kb/knowledge-base';
import { BIN, ROOT, requireBuild } from '../helpers/server-process';
import { tempDir } from './import-helpers';

/** An export of `count` pages of about `kb` kilobytes each (large pages take long enough to write to be caught half-written). */
function bigExport(count: number, kb: number): string {
  const dir = tempDir('big-export');
  mkdirSync(dir, { recursive: true });
  const step = '<li>Open Settings, choose Network, then Wi-Fi, and forget the old office network before joining again.</li>';
  for (let i = 1; i <= count; i++) {
    const steps = step.repeat(Math.ceil((kb * 1024) / step.length));
    writeFileSync(join(dir, `Office-network-guide-part-${i}.html`), `<html><head><title>Office network guide part ${i}</title></head><body><main><h1>Office network guide part ${i}</h1><ol>${steps}</ol></main></body></html>`);
  }
  return dir;
}

describe('the knowledge base keeps serving while kb import writes into its folder', () => {
  test('every reload during a 12-page import succeeds and searches keep their answers', async () => {
    // Arrange: a served knowledge base (the shipped articles) reloading as fast as it can, like a busy server.
    requireBuild();
    const kbDir = tempDir('served-kb');
    cpSync(join(ROOT, 'kb-articles'), kbDir, { recursive: true });
    const served = KnowledgeBase.load(kbDir);
    const before = served.articles.length;
    const reloads: KbReloadResult[] = [];
    const stopWatching = served.watch({ debounceMs: 1, onReload: (r) => reloads.push(r) });
    const misses: string[] = [];
    let importing = true;
    let childRunning = false;
    let duringImport = 0;
    const hammer = (async () => {
      while (importing) {
        reloads.push(served.reload());
        if (childRunning) duringImport++;
        if (served.search('vpn error 809')[0]?.id !== 'vpn-connect') misses.push('vpn');
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    // Act: the real CLI in its own process, as an admin would run it next to the server.
    const child = spawn(process.execPath, [BIN, 'kb', 'import', bigExport(12, 100), '--out', kbDir], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    childRunning = true;
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    childRunning = false;
    importing = false;
    await hammer;
    await new Promise((resolve) => setTimeout(resolve, 100));
    stopWatching();

    // Assert
    expect({ code, output: output.slice(-300) }).toEqual({ code: 0, output: expect.stringContaining('12 imported') });
    const failed = reloads.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.errors.map((e) => e.message).join('; ')));
    expect(failed).toEqual([]);
    // How many reloads fit into the import depends on the machine's load; that some did is what matters.
    expect(duringImport).toBeGreaterThan(0);
    expect(misses).toEqual([]);
    expect(served.reload()).toEqual({ ok: true, articles: before + 12 });
  }, 90_000);
});

describe('kb import writes each article so that no reader sees it half-written', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a reload that happens in the middle of every file write still succeeds', async () => {
    // Arrange: every write stops halfway and lets the served knowledge base reload, as a server process
    // reloading at that instant would (deterministic, unlike racing a real process).
    const kbDir = tempDir('served-kb');
    cpSync(join(ROOT, 'kb-articles'), kbDir, { recursive: true });
    const served = KnowledgeBase.load(kbDir);
    const exportDir = bigExport(3, 4);
    const midWrite: KbReloadResult[] = [];
    const realWrite = fs.writeFileSync;
    jest.spyOn(fs, 'writeFileSync').mockImplementation((file, data, options) => {
      const text = String(data);
      realWrite(file, text.slice(0, 10), options);
      midWrite.push(served.reload());
      realWrite(file, text, options);
    });

    // Act
    const report = await importExport(exportDir, { outDir: kbDir, guessCategory: () => 'network' });

    // Assert
    expect(report.counts.imported).toBe(3);
    expect(midWrite).toHaveLength(3);
    expect(midWrite.filter((r) => !r.ok)).toEqual([]);
    expect(served.reload()).toMatchObject({ ok: true });
    expect(served.get('office-network-guide-part-3')?.title).toBe('Office network guide part 3');
  });
});
