import { join } from 'node:path';
import { answerSection, detectPlatform, errorCodes } from '../../src/kb/answer-section';
import { KnowledgeBase } from '../../src/kb/knowledge-base';

// The real articles: the examples of random single lines are about these.
const kb = KnowledgeBase.load(join(__dirname, '..', '..', 'kb-articles'));
const section = (id: string, message: string, lang: 'en' | 'zh' = 'en') => answerSection(kb.get(id, lang)!, message)!;
const shown = (s: ReturnType<typeof section>) => [s.heading, ...s.lines, s.errorLine ?? ''].join('\n');

describe('answerSection: the part of the article that answers the message', () => {
  it('gives a heading and its steps, never the "Applies to" line', () => {
    const s = section('vpn-connect', 'how do I connect to the VPN from home');

    expect(s.heading).toBe('Steps');
    expect(s.lines[0]).toMatch(/^1\. /);
    expect(shown(s)).not.toContain('Applies to');
  });

  it('picks the Windows or the macOS steps from the message', () => {
    expect(section('printer-offline', 'cant print, printer shows offline on windows 11').heading).toBe('Steps: Windows');
    expect(section('printer-offline', 'printer offline on my macbook').heading).toBe('Steps: macOS');
    expect(section('printer-offline', '打印机脱机了，我用的是 mac', 'zh').heading).toMatch(/macOS/);
  });

  it('takes the platform from the profile when the message names none', () => {
    expect(answerSection(kb.get('printer-offline')!, 'printer offline again', 'macos')!.heading).toBe('Steps: macOS');
  });

  it('shows no macOS line for a Windows password question', () => {
    const s = section('password-reset', 'how do I change my windows password');

    expect(shown(s)).toContain('Ctrl+Alt+Del');
    expect(shown(s)).not.toMatch(/macOS|Keychain/);
  });

  it('answers a deleted shared-drive folder with the network-drive section, not the e-mail one', () => {
    const s = section('file-restore', 'deleted a folder on the S drive yesterday, can I get it back');

    expect(s.heading).toMatch(/Network drive/);
    expect(shown(s)).not.toMatch(/Deleted Items|email/i);
  });

  it('adds the line about the error code the user quoted, beside the steps', () => {
    const s = section('vpn-connect', 'my VPN fails with error 809 since this morning, whole team affected');

    expect(s.errorLine).toMatch(/^\*\*Error 809\*\*.*blocks VPN ports/);
    expect(s.lines.some((l) => /^\d\. /.test(l))).toBe(true);
    expect(section('os-update', 'update failed with 0x800f0922').errorLine).toContain('0x800f0922');
  });

  it('keeps long sections short and says when there is more', () => {
    const s = section('disk-full', 'c drive full, cant save files');

    expect(s.lines.length).toBeLessThanOrEqual(7);
    expect(s.lines.every((l) => l.length <= 240)).toBe(true);
  });
});

describe('detectPlatform and errorCodes', () => {
  it.each([
    ['outlook on my macbook', 'macos'],
    ['iPhone mail not syncing', 'ios'],
    ['安卓手机收不到邮件', 'android'],
    ['C盘满了', 'windows'],
    ['outlook is slow', undefined],
  ])('%s -> %s', (text, platform) => {
    expect(detectPlatform(text)).toBe(platform);
  });

  it('finds hex, Azure AD and plain error numbers', () => {
    expect(errorCodes('error 809 and 0x80070070, also AADSTS50053; 报错 18456')).toEqual(['809', '0x80070070', 'aadsts50053', '18456']);
  });
});
