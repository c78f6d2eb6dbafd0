import { read } from './helpers';
import { hasLanguageSignal, stickyLanguage } from '../../src/understand/lang';

describe('sticky language', () => {
  // In a Chinese conversation nothing but a clear English sentence switches to English.
  it.each([
    'jane.doe@example.com', 'my email: jane.doe@example.com', 'https://portal.example.com/login', 'INC-000001', 'error 0x80070005', '0x80070005',
    'VPN', 'Outlook', 'Teams', 'SAP', 'Windows login', 'Alex Chen', 'PRN-3F-02', '2', '12345', 'ok', 'yes', 'thanks', '👍', '', '   ', 'Outlook Teams VPN SAP',
    'VPN 还是连不上', '用 Outlook 发邮件报错 0x800CCC0E',
  ])('zh conversation stays zh: "%s"', (text) => {
    expect(read(text, 'zh').lang).toBe('zh');
  });

  it.each(['since yesterday', "I can't work", 'it can wait', 'The printer is broken again', 'my laptop will not start', 'Can I speak to someone please?'])(
    'zh conversation switches on a clear English sentence: "%s"',
    (text) => expect(read(text, 'zh').lang).toBe('en'),
  );

  it.each(['VPN', 'jane@example.com', 'ok', '好', '2', 'INC-000001'])('en conversation stays en: "%s"', (text) => {
    expect(read(text, 'en').lang).toBe('en');
  });

  it.each(['VPN连不上了', '我的电脑开不了机', '帮帮我', '好了，现在能收到了', '转人工'])('en conversation switches on a Chinese sentence: "%s"', (text) => {
    expect(read(text, 'en').lang).toBe('zh');
  });

  it.each([
    ['my outlok keeps crashng wen i open atachments, pls hlp', 'en'], ['打印机卡纸了', 'zh'], ['Outlook 打不开附件', 'zh'], ['VPN', 'en'], ['😀', 'en'],
  ] as const)('without a conversation: "%s" -> %s', (text, lang) => {
    expect(read(text).lang).toBe(lang);
  });
});

// Issue #16 (held-out zh-s8-tupian-placeholder-ps-license, en-s8-cat-keyboard-then-excel-locked-by-me): a chat
// app's "[图片]" and a cat on the keyboard were read as a problem and logged as a ticket.
describe('hasLanguageSignal: placeholders and keyboard mash are no words', () => {
  it.each(['[图片]', '[Image]', "jjjjjjjjjjjjjjjkkkkkkk;;;;;;;;''''''", 'zzzzzz'])('%j has no language signal', (text) => {
    expect(hasLanguageSignal(text)).toBe(false);
  });
  it.each(['[图片] PS打不开', 'sooo slow', 'VPN down', '打印机'])('%j has one', (text) => {
    expect(hasLanguageSignal(text)).toBe(true);
  });
});

// Issue #16 (held-out en-s8-wecom-qr-stays-english): "企业微信 version 4.1.30, phone is an iPhone 14" switched an English chat to Chinese.
describe('a Chinese product name in an English sentence', () => {
  it('keeps an English conversation English', () => expect(stickyLanguage('企业微信 version 4.1.30, phone is an iPhone 14', 'en')).toBe('en'));
  it('a Chinese sentence about the product still switches', () => expect(stickyLanguage('企业微信打不开了', 'en')).toBe('zh'));
});
