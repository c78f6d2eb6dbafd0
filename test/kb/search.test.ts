import { join } from 'node:path';
import { loadArticles } from '../../src/kb/article';
import { KB_CONFIDENT_SCORE, KbIndex } from '../../src/kb/kb-index';

const index = KbIndex.build(loadArticles(join(__dirname, 'fixtures', 'kb')));
const top = (query: string, lang?: 'en' | 'zh') => index.search(query, { lang })[0];

describe('KbIndex.search', () => {
  it('matches word forms through stemming', () => {
    expect(top('printers printing jobs').id).toBe('printer-offline');
  });

  it('finds an article through an IT synonym it never uses', () => {
    expect(top('AnyConnect is not working').id).toBe('vpn-connect');
    expect(top('WLAN keeps dropping').id).toBe('wifi-connect');
  });

  it('repairs a typo in an unknown word', () => {
    expect(top('pasword forgoten').id).toBe('password-reset');
  });

  it('does not find anything for a word of no article', () => {
    expect(index.search('zzzqqq')).toEqual([]);
  });

  it('searches Chinese through words and character bigrams', () => {
    const hit = top('打印机一直显示脱机', 'zh');

    expect(hit).toMatchObject({ id: 'printer-offline', lang: 'zh', title: '打印机显示脱机' });
  });

  it('answers a Chinese question with an English-only article through shared concepts', () => {
    expect(top('笔记本电脑很慢').id).toBe('laptop-slow');
  });

  it("returns the user's language version when it exists", () => {
    expect(top('printer offline', 'zh')).toMatchObject({ id: 'printer-offline', lang: 'zh' });
    expect(top('打印机脱机', 'en')).toMatchObject({ id: 'printer-offline', lang: 'en' });
    expect(top('电脑很慢', 'zh')).toMatchObject({ id: 'laptop-slow', lang: 'en' });
  });

  it('lists each article once even when both language versions match', () => {
    const ids = index.search('VPN GlobalProtect 连接', { limit: 10 }).map((r) => r.id);

    expect(ids.filter((id) => id === 'vpn-connect')).toHaveLength(1);
  });

  it('gives an excerpt from the body line that shares words with the query', () => {
    expect(top('restart spooler').excerpt).toContain('Print Spooler');
  });

  it('scores a clear question as confident and a vague one as not', () => {
    const clear = top('my printer says offline');
    const vague = top('what is the canteen menu for lunch and printer');

    expect(clear.score).toBeGreaterThanOrEqual(KB_CONFIDENT_SCORE);
    expect(clear.confident).toBe(true);
    expect(vague.score).toBeLessThan(KB_CONFIDENT_SCORE);
  });

  it('honours the limit and orders by score', () => {
    const results = index.search('network connect password printer', { limit: 3 });

    expect(results).toHaveLength(3);
    expect(results[0].score).toBeGreaterThanOrEqual(results[1].score);
    expect(results[1].score).toBeGreaterThanOrEqual(results[2].score);
  });
});
