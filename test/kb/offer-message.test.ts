import type { KbHit } from '../../src/engine/turn-types';
import { buildKbOffer } from '../../src/kb/offer-message';

const vpn: KbHit = {
  id: 'vpn-connect',
  title: 'Connect to the company VPN (GlobalProtect)',
  excerpt: 'Applies to: company laptops',
  url: 'https://desk.example.com/kb/vpn-connect?lang=en',
  lang: 'en',
  answer: {
    heading: 'If it fails',
    lines: ['1. Disconnect, quit GlobalProtect and open it again.', '2. Change network: try your phone\'s hotspot.'],
    more: true,
    errorLine: '**Error 809** (Windows built-in VPN) — the network blocks VPN ports; switch network or use GlobalProtect.',
  },
};
const printer: KbHit = { id: 'printer-add', title: 'Add an office printer to your computer', excerpt: 'x', url: 'https://desk.example.com/kb/printer-add?lang=en', lang: 'en' };

describe('buildKbOffer', () => {
  it('shows the answer: error line, section heading and its numbered steps, then the question', () => {
    const card = buildKbOffer([vpn], 'en');

    expect(card.title).toBe(vpn.title);
    expect(card.text).toBe([
      'About your error:\n**Error 809** (Windows built-in VPN) — the network blocks VPN ports; switch network or use GlobalProtect.',
      '**If it fails**\n1. Disconnect, quit GlobalProtect and open it again.\n2. Change network: try your phone\'s hotspot.',
      '… more steps in the full article.',
      'Did this solve it?',
    ].join('\n\n'));
    expect(card.text).not.toContain('Applies to');
  });

  it('keeps a full-article link per article and the yes/no choices', () => {
    const card = buildKbOffer([vpn, printer], 'en');

    expect(card.links).toEqual([
      { label: `Full article: ${vpn.title}`, url: vpn.url },
      { label: `Full article: ${printer.title}`, url: printer.url },
    ]);
    expect(card.text).toContain('Also see:\n- **Add an office printer to your computer**');
    expect(card.choices).toEqual([{ value: 'yes', label: 'Yes, solved' }, { value: 'no', label: 'No, I still need help' }]);
  });

  it('says in one line, in the user\'s language, when the article exists only in the other language', () => {
    const zhCard = buildKbOffer([vpn], 'zh');

    expect(zhCard.text.split('\n')[0]).toBe('_这篇文章暂时只有英文版，以下为英文原文。_');
    expect(zhCard.text).toContain('问题解决了吗？');
    expect(zhCard.links[0].label).toBe(`查看全文：${vpn.title}`);
    expect(buildKbOffer([{ ...vpn, lang: 'zh' }], 'en').text.split('\n')[0]).toBe('_This article is only available in Chinese; here it is as written._');
    expect(buildKbOffer([vpn], 'en').text).not.toMatch(/only available/);
  });

  it('falls back to the excerpt for an article without sections', () => {
    expect(buildKbOffer([printer], 'en').text).toBe('x\n\nDid this solve it?');
  });
});
