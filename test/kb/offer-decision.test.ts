import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import { buildKbOffer } from '../../src/kb/offer-message';
import { decideOffer, isActiveSecurityEvent, offerFeatures, offerProbability } from '../../src/kb/offer-decision';
import { offerSearch } from '../../src/kb/offer-search';
import { tempDir } from '../helpers/test-app';

const kb = KnowledgeBase.load(join(__dirname, '..', '..', 'kb-articles'));
const url = (id: string, lang: string) => `https://desk.example.com/kb/${id}?lang=${lang}`;
const offered = (text: string, lang: 'en' | 'zh' = 'en') => offerSearch(kb, text, lang, url);

describe('the offer decision (kbSearch of the conversation)', () => {
  it('offers vpn-connect for the README example with error, time and scope (the old 0.35 cut showed nothing)', () => {
    const hits = offered('my VPN fails with error 809 since this morning, whole team affected');

    expect(hits[0]).toMatchObject({ id: 'vpn-connect', lang: 'en', url: url('vpn-connect', 'en') });
    expect(hits[0].answer?.errorLine).toMatch(/Error 809/);
  });

  it.each([
    ['C盘空间不足，无法保存文件', 'disk-full'],
    ['换了新手机，验证器怎么重新绑定？', 'mfa-setup'],
    ['怎么把我的日历共享给助理？', 'calendar-sharing'],
  ])('offers the Chinese article for %s', (text, id) => {
    const hits = offered(text, 'zh');

    expect(hits[0]).toMatchObject({ id, lang: 'zh' });
    expect(hits[0].answer?.lines.length).toBeGreaterThan(0);
  });

  it.each([
    ['files being renamed to .locked on the S drive'],
    ['I clicked a link in a phishing email and typed my password in'],
    ['共享盘上的文件正在被改成 .locked 后缀'],
    ['桌面上出现勒索信，文件都被加密了'],
  ])('never offers self-help for an active attack: %s', (text) => {
    expect(isActiveSecurityEvent(text)).toBe(true);
    expect(offered(text, /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en')).toEqual([]);
  });

  it('offers nothing for messages no article covers', () => {
    expect(offered('is the canteen open today')).toEqual([]);
    expect(offered('my payslip looks wrong this month')).toEqual([]);
    expect(offered('今天午饭吃什么', 'zh')).toEqual([]);
  });

  it('turns kb: links inside the shown steps into real article links', () => {
    const lines = offered('how do I reset my password')[0].answer!.lines.join('\n');

    expect(lines).not.toContain('](kb:');
    expect(lines).toContain('](https://desk.example.com/kb/mfa-setup?lang=en)');
  });

  it('is more confident for a higher top score and a clearer margin', () => {
    const hits = kb.search('printer offline', { limit: 5, lang: 'en' });
    const base = offerFeatures('printer offline', 'en', hits)!;

    expect(offerProbability({ ...base, top: base.top + 0.5 })).toBeGreaterThan(offerProbability(base));
    expect(offerProbability({ ...base, margin: base.margin + 0.2 })).toBeGreaterThan(offerProbability(base));
    expect(decideOffer('printer offline', 'en', [])).toEqual([]);
  });

  // Pending en-terse-pwd-expired-singapore (#16): an expired password abroad was offered nothing; "pwd" and the
  // hotel and VPN around it diluted the match.
  it('reads chat spelling, and a terse first sentence on its own when the whole message finds nothing', () => {
    expect(offered('pwd expired. in singapore hotel. cant vpn').map((h) => h.id)).toEqual(expect.arrayContaining(['password-reset']));
    expect(offered('my outlok keeps crashng wen i open atachments').length).toBeGreaterThan(0);
    expect(offered('hi. the coffee machine on 3 is leaking again')).toEqual([]);
  });

  // Pending zh-typo-diannao-home-wifi (#16): at home, with the phone fine on the same Wi-Fi, the office Wi-Fi article was offered.
  it('a laptop without internet at home gets the home article, not the office Wi-Fi one', () => {
    expect(offered('我的电恼连不上网了 在家里 手机连同一个wifi能上 就电恼不行 急用啊', 'zh')[0]?.id).toBe('home-internet');
    expect(offered('working from home and my work laptop says no internet, my phone is fine on the same wifi')[0]?.id).toBe('home-internet');
    expect(offered('how do I connect my laptop to the office wifi')[0]?.id).toBe('wifi-connect');
  });

  it('shows an article that exists only in English to a Chinese user, with a one-line note in Chinese', () => {
    const tmp = tempDir();
    try {
      const articles = join(__dirname, '..', '..', 'kb-articles');
      for (const name of ['vpn-connect.md', 'wifi-connect.md', 'wifi-connect.zh.md', 'printer-offline.md', 'printer-offline.zh.md']) {
        copyFileSync(join(articles, name), join(tmp.dir, name));
      }
      const englishOnly = KnowledgeBase.load(tmp.dir);
      const hits = offerSearch(englishOnly, 'VPN 连不上', 'zh', url);

      expect(hits[0]).toMatchObject({ id: 'vpn-connect', lang: 'en', url: url('vpn-connect', 'en') });
      const card = buildKbOffer(hits, 'zh');
      expect(card.text.split('\n')[0]).toBe('_这篇文章暂时只有英文版，以下为英文原文。_');
      expect(card.text).toContain('问题解决了吗？');
    } finally {
      tmp.cleanup();
    }
  });
});
