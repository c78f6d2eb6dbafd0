import { read } from './helpers';

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
