import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArticles, parseArticle } from '../../src/kb/article';

const GOOD = `---
id: vpn-connect
title: Connect to the VPN
category: network
tags: [vpn]
questions: [VPN won't connect]
updated: 2026-01-10
---
1. Open GlobalProtect.
`;

describe('parseArticle', () => {
  it('reads front matter, language and body', () => {
    const article = parseArticle(GOOD, 'kb-articles/vpn-connect.md');

    expect(article).toMatchObject({ id: 'vpn-connect', lang: 'en', category: 'network', updated: '2026-01-10', tags: ['vpn'] });
    expect(article.body).toBe('1. Open GlobalProtect.');
  });

  it('takes the language from a .zh.md file name', () => {
    expect(parseArticle(GOOD, 'kb-articles/vpn-connect.zh.md').lang).toBe('zh');
  });

  it('names the file and the field of a bad category', () => {
    const text = GOOD.replace('category: network', 'category: networking');

    expect(() => parseArticle(text, 'kb-articles/vpn-connect.md')).toThrow(/^kb-articles\/vpn-connect\.md: front matter field `category`:/);
  });

  it('names a missing title', () => {
    const text = GOOD.replace('title: Connect to the VPN\n', '');

    expect(() => parseArticle(text, 'kb-articles/vpn-connect.md')).toThrow('kb-articles/vpn-connect.md: front matter field `title`');
  });

  it('names a malformed date', () => {
    const text = GOOD.replace('updated: 2026-01-10', 'updated: 10/01/2026');

    expect(() => parseArticle(text, 'a/vpn-connect.md')).toThrow(/front matter field `updated`: write the date as YYYY-MM-DD/);
  });

  it('refuses an id that differs from the file slug', () => {
    expect(() => parseArticle(GOOD, 'kb-articles/vpn.md')).toThrow(/kb-articles\/vpn\.md: front matter field `id`: .*"vpn"/);
  });

  it('refuses a file without front matter', () => {
    expect(() => parseArticle('# Just a title\n', 'kb-articles/x.md')).toThrow('kb-articles/x.md: front matter missing');
  });
});

describe('loadArticles', () => {
  it('stops at a bad article with its path in the message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-load-'));
    try {
      writeFileSync(join(dir, 'vpn-connect.md'), GOOD);
      writeFileSync(join(dir, 'bad.md'), GOOD.replace('id: vpn-connect', 'id: bad').replace('tags: [vpn]', 'tags: vpn'));

      expect(() => loadArticles(dir)).toThrow(`${join(dir, 'bad.md')}: front matter field \`tags\``);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
