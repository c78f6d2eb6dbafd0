import { isSimilar, reportSimilarity, reportTerms } from '../../src/incidents/similarity';

const similar = (a: string, b: string) => isSimilar(reportTerms(a), reportTerms(b), 0.3);

describe('report similarity', () => {
  test.each([
    ['Outlook keeps crashing when I open it', 'Outlook crashes on startup'],
    ['VPN will not connect from home', 'Cannot connect to the VPN, it times out'],
    ['The shared drive S: is not accessible', 'cannot open files on the shared drive'],
    ['Email is down, cannot send anything', 'I cannot send emails since this morning'],
    ['VPN连不上，一直超时', 'VPN 无法连接，显示超时'],
    ['VPN down', 'the VPN is down'],
  ])('"%s" and "%s" are the same problem', (a, b) => {
    expect(similar(a, b)).toBe(true);
  });

  test.each([
    ['VPN will not connect from home', 'wifi will not connect in the office'],
    ['VPN will not connect from home', 'my printer is out of toner'],
    ['Email is down, cannot send anything', 'my laptop battery does not charge'],
    ['VPN连不上，一直超时', '打印机卡纸了'],
    ['it is not working since this morning', 'still not working since this morning, please help'],
  ])('"%s" and "%s" are different problems', (a, b) => {
    expect(similar(a, b)).toBe(false);
  });

  test('generic complaint words and single Han characters are not terms', () => {
    expect([...reportTerms('It is not working since this morning, please help')]).toEqual([]);
    const zh = [...reportTerms('打印机一直无法打印')];
    expect(zh).toEqual(expect.arrayContaining(['zc:打印', 'zc:印机']));
    expect(zh).not.toEqual(expect.arrayContaining(['zc:一直']));
    expect(zh).not.toEqual(expect.arrayContaining(['zc:无法']));
    expect(zh.every((term) => term.length >= 5)).toBe(true);
  });

  test('cosine and shared counts', () => {
    expect(reportSimilarity('Outlook crashes', 'Outlook crashed again')).toEqual({ cosine: 1, shared: 2 });
    expect(reportSimilarity('', 'Outlook')).toEqual({ cosine: 0, shared: 0 });
  });
});
