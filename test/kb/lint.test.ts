import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintKb } from '../../src/kb/lint';

// Writes one article file into the folder under test.
function article(dir: string, slug: string, lang: 'en' | 'zh', body = 'Steps.'): void {
  const file = lang === 'zh' ? `${slug}.zh.md` : `${slug}.md`;
  writeFileSync(join(dir, file), `---\nid: ${slug}\ntitle: ${slug}\ncategory: network\nupdated: 2026-12-01\n---\n${body}\n`);
}

describe('kb lint: both languages', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-lint-lang-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const errorsAbout = (file: string) => lintKb(dir).errors.filter((e) => e.startsWith(`${file}:`));

  it('fails on an English article without a Chinese translation', () => {
    article(dir, 'guest-wifi', 'en');

    expect(errorsAbout('guest-wifi.zh.md')).toEqual([expect.stringContaining('Chinese translation missing')]);
  });

  it('fails on a Chinese article without an English version', () => {
    article(dir, 'guest-wifi', 'zh');

    expect(errorsAbout('guest-wifi.md')).toEqual([expect.stringContaining('English version missing')]);
  });

  it('fails on a Chinese article linking to an English one', () => {
    article(dir, 'guest-wifi', 'en');
    article(dir, 'wifi-connect', 'en');
    article(dir, 'wifi-connect', 'zh');
    article(dir, 'guest-wifi', 'zh', '员工请看 [连接 Wi-Fi](kb:wifi-connect)。');

    expect(errorsAbout('guest-wifi.zh.md')).toEqual([
      'guest-wifi.zh.md: link to kb:wifi-connect opens the English version; write (kb:wifi-connect?lang=zh)',
    ]);
  });

  it('fails on a Chinese link to a slug that has no Chinese article', () => {
    article(dir, 'guest-wifi', 'en');
    article(dir, 'wifi-connect', 'en');
    article(dir, 'guest-wifi', 'zh', '员工请看 [连接 Wi-Fi](kb:wifi-connect?lang=zh)。');

    expect(errorsAbout('guest-wifi.zh.md')).toEqual([expect.stringContaining('write kb-articles/wifi-connect.zh.md')]);
  });

  it('fails on an English article linking to a Chinese one', () => {
    article(dir, 'wifi-connect', 'en');
    article(dir, 'wifi-connect', 'zh');
    article(dir, 'guest-wifi', 'zh');
    article(dir, 'guest-wifi', 'en', 'Staff: see [Wi-Fi](kb:wifi-connect?lang=zh).');

    expect(errorsAbout('guest-wifi.md')).toEqual([expect.stringContaining('opens the Chinese version; write (kb:wifi-connect)')]);
  });

  it('accepts a complete pair whose links stay in their own language', () => {
    article(dir, 'wifi-connect', 'en');
    article(dir, 'wifi-connect', 'zh');
    article(dir, 'guest-wifi', 'en', 'Staff: see [Wi-Fi](kb:wifi-connect#steps).');
    article(dir, 'guest-wifi', 'zh', '员工请看 [连接 Wi-Fi](kb:wifi-connect?lang=zh)。');

    expect(lintKb(dir).errors.filter((e) => !e.includes('required article missing'))).toEqual([]);
  });
});
