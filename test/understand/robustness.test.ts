import { understand } from '../../src/understand';
import { adversarialInputs } from '../../src/understand/bench';
import { read, NOW } from './helpers';

describe('bad input never breaks the understanding', () => {
  it.each(['', '   ', '\n\n', '😀', '🙂👍🎉', '???', '...', '\u200b', '１２３'])('"%s" gives a plain result', (text) => {
    const u = read(text, 'zh');
    expect(u.lang).toBe('zh');
    expect(u.ticketNumbers).toEqual([]);
    expect(u.security).toBeUndefined();
    expect(u.entities).toMatchObject({ emails: [], phones: [], people: [], errorCodes: [] });
  });

  it('takes no text at all (a channel that sent none) without throwing', () => {
    expect(understand(undefined as unknown as string, { now: NOW, timeZone: 'UTC' })).toMatchObject({ lang: 'en', ticketNumbers: [] });
  });

  it.each(Object.entries(adversarialInputs()))('20,000 characters of "%s" are read, with no act', (_name, text) => {
    const u = read(text, 'en');
    expect(u.act).toBeUndefined();
    expect(u.howTo).toBe(false);
    expect(u.vague).toBe(false);
  });

  it('finds the facts in a long mail, whatever comes before them', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(600)}\nMy laptop shows error 0x80070005 since this morning, whole team affected. jane@example.com`;
    const u = read(text);
    expect(u.entities).toMatchObject({ device: { kind: 'laptop' }, errorCodes: ['0x80070005'], emails: ['jane@example.com'] });
  });

  it.each([
    ['VPN连不上 error 809 since this morning', 'zh', 'VPN', ['error 809']],
    ['我的 Outlook 一直 crash，报错 0x800CCC0E', 'zh', 'Outlook', ['0x800CCC0E']],
    ['Teams 会议没有声音 no audio', 'zh', 'Teams', []],
  ] as const)('mixed scripts: "%s"', (text, lang, application, codes) => {
    const u = read(text, 'zh');
    expect(u.lang).toBe(lang);
    expect(u.entities.application).toBe(application);
    expect(u.entities.errorCodes).toEqual(codes);
  });

  it('understands heavy typos', () => {
    const u = read('my outlok keeps crashng wen i open atachments, pls hlp');
    expect(u.act).toBeUndefined();
    expect(u).toMatchObject({ lang: 'en', vague: false, howTo: false, entities: { application: 'Outlook' } });
    expect(read('my labtop wont turn on, urgnet!!').entities).toMatchObject({ device: { kind: 'laptop' }, urgency: { cues: expect.arrayContaining(['urgent']) } });
  });

  it('an address inside a Chinese sentence keeps it Chinese in an English conversation', () => {
    expect(read('我的邮箱是jane@example.com，请联系我', 'en').lang).toBe('zh');
  });
});
