import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeBase, type KbReloadResult } from '../../src/kb/knowledge-base';

const FIXTURES = join(__dirname, 'fixtures', 'kb');
const SCANNER = `---
id: scanner-setup
title: Scan documents to email
category: hardware
tags: [scanner]
questions: [how do I scan to my email]
updated: 2026-02-01
---
1. Put the pages on the glass and choose **Scan to me**.
`;

function nextReload(kb: KnowledgeBase): { result: Promise<KbReloadResult>; stop: () => void } {
  let stop: () => void = () => undefined;
  const result = new Promise<KbReloadResult>((resolve) => {
    stop = kb.watch({ debounceMs: 50, onReload: resolve });
  });
  return { result, stop };
}

describe('KnowledgeBase', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-watch-'));
    cpSync(FIXTURES, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a folder and returns an article in the wanted language', () => {
    const kb = KnowledgeBase.load(dir);

    expect(kb.get('vpn-connect', 'zh')?.title).toBe('连接公司 VPN');
    expect(kb.get('laptop-slow', 'zh')?.lang).toBe('en');
    expect(kb.get('nope')).toBeUndefined();
  });

  it('picks up a new article after the folder changes', async () => {
    const kb = KnowledgeBase.load(dir);
    expect(kb.search('scan documents to email')[0]?.id).not.toBe('scanner-setup');
    const { result, stop } = nextReload(kb);

    writeFileSync(join(dir, 'scanner-setup.md'), SCANNER);
    const outcome = await result;
    stop();

    expect(outcome).toEqual({ ok: true, articles: 8 });
    expect(kb.search('scan documents to email')[0]?.id).toBe('scanner-setup');
  });

  it('keeps the old index and reports the file when a changed article is invalid', async () => {
    const kb = KnowledgeBase.load(dir);
    const { result, stop } = nextReload(kb);

    writeFileSync(join(dir, 'scanner-setup.md'), SCANNER.replace('category: hardware', 'category: scanners'));
    const outcome = await result;
    stop();

    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.errors[0].message).toMatch(/scanner-setup\.md: front matter field `category`/);
    expect(kb.articles).toHaveLength(7);
    expect(kb.search('my printer says offline')[0]?.id).toBe('printer-offline');
  });
});
