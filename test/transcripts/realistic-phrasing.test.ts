import { extractDate, extractDevice, extractProblem } from '../../src/dialog/extract';
import { matchChoiceInText } from '../../src/dialog/choice-match';
import { followLang } from '../../src/dialog/runner';
import { createDialogRegistry, validateDialogs } from '../../src/dialog/registry';
import { securityDialog } from '../../dialogs/security.dialog';
import { dialogEntries } from '../../dialogs';

// Unit checks for the fixes the transcripts led to; the transcripts show the same through the real engine.
describe('phrasing found in the transcripts', () => {
  it.each([
    ['We have a new hire starting next Monday', 'next Monday'],
    ['I need a Visio licence by Friday', 'by Friday'],
    ['she starts on 1 December', '1 December'],
    ['下周一有一位新员工入职', '下周一'],
    ['12月1日前需要', '12月1日前'],
    ['the printer jams', undefined],
  ])('finds the day in "%s"', (text, day) => {
    expect(extractDate(text)).toBe(day);
  });

  it('takes a short request as the problem and drops the greeting and sign-off of a mail', () => {
    expect(extractProblem('I need a Visio licence')).toBe('I need a Visio licence');
    expect(extractProblem('Expense app blank page\n\nHi,\n\nthe expense app shows a blank page.\n\nThanks,\nAlex')).toBe('Expense app blank page. the expense app shows a blank page.');
    expect(extractProblem('打印机打印空白页\n\n你好，\n\n三楼的打印机打印出来全是空白页。\n\n谢谢\n王芳')).toBe('打印机打印空白页。三楼的打印机打印出来全是空白页。');
    expect(extractProblem('Hi Anna, my screen is black')).toBe('my screen is black'); // the greeting says nothing about the problem
    expect(extractProblem('Thanks for the help but the printer still jams')).toBe('Thanks for the help but the printer still jams');
  });

  it('does not take screen sharing for a monitor', () => {
    expect(extractDevice('Teams freezes when I share my screen in calls', 'en')).toBeUndefined();
    expect(extractDevice('共享屏幕的时候卡住', 'zh')).toBeUndefined();
    expect(extractDevice('my screen stays black', 'en')).toBe('monitor');
  });

  it('keeps a Chinese dialog in Chinese for names and product words, and follows a real English sentence', () => {
    for (const text of ['Alex Chen', 'Windows login', 'SAP, Finance share', 'PRN-3F-02', 'wang.fang@example.com']) expect(followLang(text, 'zh')).toBe('zh');
    for (const text of ['since yesterday', "I can't work", 'it can wait', 'The printer is broken again']) expect(followLang(text, 'zh')).toBe('en');
  });

  it('reads "clicked the link" as yes and "haven\'t clicked" as no', () => {
    const clicked = securityDialog.slots.find((s) => s.id === 'clicked')!;
    expect(matchChoiceInText(clicked.choices!, 'I got a phishing email and clicked the link')).toBe('yes');
    expect(matchChoiceInText(clicked.choices!, "I haven't clicked anything")).toBe('no');
    expect(matchChoiceInText(clicked.choices!, '我收到一封钓鱼邮件，还点了里面的链接')).toBe('yes');
    expect(matchChoiceInText(clicked.choices!, '我收到一封钓鱼邮件，没有点开')).toBe('no');
  });

  const registry = createDialogRegistry(validateDialogs(dialogEntries));
  it.each([
    ['Teams freezes when I share my screen in calls', 'software', 'incident', 'general-incident'],
    ['I need access to the Finance shared drive', 'data', 'service_request', 'service-request'],
    ['I need a new monitor for my desk', 'hardware', 'service_request', 'service-request'],
    ['I need a laptop for a new employee starting Monday', 'hardware', 'service_request', 'new-hire'],
    ['I accidentally overwrote the budget spreadsheet', 'data', 'incident', 'data-restore'],
    ['Someone called pretending to be IT and asked for my password', 'security', 'incident', 'security'],
    ['有人冒充IT让我提供密码', 'security', 'incident', 'security'],
    ['Please reset my MFA, I got a new phone', 'account', 'service_request', 'account-access'],
    ['my laptop won\'t turn on', 'hardware', 'incident', 'hardware-printer'],
  ] as const)('"%s" (%s, %s) -> %s', (text, category, type, id) => {
    expect(registry.select(text, category, type).id).toBe(id);
  });
});
