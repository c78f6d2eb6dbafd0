import { startDialog, continueDialog } from '../../src/dialog/runner';
import { generalIncidentDialog } from '../../dialogs/general-incident.dialog';
import { hardwarePrinterDialog } from '../../dialogs/hardware-printer.dialog';
import { serviceRequestDialog } from '../../dialogs/service-request.dialog';
import { newHireDialog } from '../../dialogs/new-hire.dialog';
import { emailDialog } from '../../dialogs/email.dialog';
import { securityDialog } from '../../dialogs/security.dialog';
import { understand } from '../../src/understand';
import { walk } from './helpers';

const NOW = new Date('2026-12-04T10:00:00Z');

// The general intake in Chinese, answered up to its "who is affected?" question.
function atImpact() {
  const first = startDialog(generalIncidentDialog, { text: 'the expense app shows a blank page when I submit a claim since Monday', lang: 'zh' });
  const doing = continueDialog(generalIncidentDialog, first.state, { text: '跳过' });
  const impact = continueDialog(generalIncidentDialog, doing.state, { text: '跳过' });
  expect(impact.question!.slot).toBe('impact');
  return impact;
}

describe('slot memory: a fact stated anywhere fills its slot and is never asked', () => {
  it('takes the e-mail address, the approval and the deadline from the first message', () => {
    const first = startDialog(serviceRequestDialog, {
      text: 'I need Visio installed, my manager Jane Doe already approved it, need it by Friday. my email is alex.chen@example.com',
      lang: 'en',
    });
    expect(first.state.slots).toMatchObject({ approver: 'Jane Doe (approved)', needed_by: 'by Friday', contact: 'alex.chen@example.com' });
    const { asked } = walk(serviceRequestDialog, first, { for_whom: 'me', reason: 'skip', name: 'Alex Chen', department: 'skip' });
    expect(asked).not.toContain('approver');
    expect(asked).not.toContain('needed_by');
    expect(asked).not.toContain('contact');
  });

  it('does not take somebody else\'s address for the contact', () => {
    const first = startDialog(serviceRequestDialog, { text: 'please give bob@example.com access to the Finance share', lang: 'en' });
    expect(first.state.slots.contact).toBeUndefined();
  });

  it('takes the new hire, the manager and the start date of a Chinese onboarding request', () => {
    const first = startDialog(newHireDialog, { text: '下周一入职的新同事王小明需要电脑，经理是李娜', lang: 'zh' });
    expect(first.state.slots).toMatchObject({ hire_name: '王小明', start_date: '下周一', manager: '李娜' });
  });

  it('accepts answers out of order: "whole team, since 9" to "since when?"', () => {
    const first = startDialog(generalIncidentDialog, { text: 'the expense app shows a blank page when I submit a claim', lang: 'en' });
    expect(first.question!.slot).toBe('since');
    const next = continueDialog(generalIncidentDialog, first.state, { text: 'whole team, since 9' });
    expect(next.state.slots).toMatchObject({ since: 'since 9', impact: 'team' });
    expect(next.understood).toContain('Who is affected: My team');
  });

  it('an answer to another question fills that question and the pending one is asked again, not failed', () => {
    const first = startDialog(generalIncidentDialog, { text: 'the expense app shows a blank page when I submit a claim', lang: 'en' });
    const next = continueDialog(generalIncidentDialog, first.state, { text: 'nobody in my team can work' });
    expect(next.state.slots).toMatchObject({ impact: 'team', urgency: 'blocked' });
    expect(next.state.retries).toBe(0);
    expect(next.question!.slot).toBe('since');
    expect(next.question!.retry).toBe(false);
  });

  it('keeps the words after "no," (deny with details)', () => {
    const first = startDialog(securityDialog, { text: 'I got a phishing email', lang: 'en' });
    expect(first.question!.slot).toBe('clicked');
    const next = continueDialog(securityDialog, first.state, { text: 'no, but my colleague Tom got the same mail on his phone' });
    expect(next.state.slots.clicked).toBe('no');
  });

  it('uses the engine\'s understanding instead of reading the message again', () => {
    const first = startDialog(generalIncidentDialog, { text: 'Excel crashes when I save', lang: 'zh' });
    const u = understand('算了，取消吧', { conversationLang: 'zh', now: NOW, timeZone: 'UTC' });
    expect(continueDialog(generalIncidentDialog, first.state, { text: '算了，取消吧', understanding: u }).outcome).toBe('cancelled');
  });

  it.each([['算了，取消吧', 'cancelled'], ['找真人', 'human'], ['转人工', 'human'], ['不用了', 'cancelled'], ['talk to a human please', 'human']])(
    '"%s" is a command at a free-text question, never an answer',
    (text, outcome) => {
      const first = startDialog(hardwarePrinterDialog, { text: 'printer', lang: 'zh' });
      expect(first.question!.type).toBe('freetext');
      const next = continueDialog(hardwarePrinterDialog, first.state, { text });
      expect(next.outcome).toBe(outcome);
      expect(Object.values(next.state.slots)).not.toContain(text);
    },
  );

  it('an e-mail address in a Chinese dialog keeps it Chinese', () => {
    const first = startDialog(generalIncidentDialog, { text: '报销系统提交的时候白屏', lang: 'zh' });
    const next = continueDialog(generalIncidentDialog, { ...first.state, cursor: 'contact' }, { text: 'wang.fang@example.cn' });
    expect(next.state.lang).toBe('zh');
  });
});

describe('choice lists take free words and offer Other', () => {
  const atClient = () => {
    const first = startDialog(emailDialog, { text: 'I do not get any new mail since this morning', lang: 'zh' });
    expect(first.question!.slot).toBe('client');
    return first;
  };

  it('offers "其他" / "Other" on every choice question that has none', () => {
    expect(atImpact().question!.choices!.map((c) => c.label)).toEqual(['只有我', '我的团队', '所有人', '其他']);
  });

  it('maps "电脑" to the choice it means', () => {
    const next = continueDialog(emailDialog, atClient().state, { text: '电脑' });
    expect(next.state.slots.client).toBe('outlook_desktop');
  });

  it('keeps unknown words as the answer instead of failing', () => {
    const next = continueDialog(emailDialog, atClient().state, { text: 'Thunderbird on Linux' });
    expect(next.state.slots.client).toBe('Thunderbird on Linux');
    expect(next.state.retries).toBe(0);
  });

  it('"其他" picks Other; a number or an emoji that names nothing is asked again', () => {
    const at = atImpact();
    expect(continueDialog(generalIncidentDialog, at.state, { text: '其他' }).state.slots.impact).toBe('其他');
    expect(continueDialog(generalIncidentDialog, at.state, { text: '4' }).state.slots.impact).toBe('其他');
    expect(continueDialog(generalIncidentDialog, at.state, { text: '7' }).question!.retry).toBe(true);
    expect(continueDialog(generalIncidentDialog, at.state, { text: '🌙' }).question!.retry).toBe(true);
  });

  it('a plain yes/no list stays strict', () => {
    const first = startDialog(securityDialog, { text: 'I got a phishing email', lang: 'en' });
    expect(first.question!.choices!.map((c) => c.value)).toEqual(['yes', 'no']);
    expect(continueDialog(securityDialog, first.state, { text: 'banana' }).question!.retry).toBe(true);
  });
});

describe('a reply typed to the wrong question corrupts no field', () => {
  it('"since yesterday, the whole team" at "Which device?" fills time and scope and asks the device again', () => {
    const first = startDialog(hardwarePrinterDialog, { text: 'it makes a strange noise and then turns off', lang: 'en' });
    expect(first.question!.slot).toBe('device');
    const next = continueDialog(hardwarePrinterDialog, first.state, { text: 'since yesterday, the whole team' });
    expect(next.state.slots).toMatchObject({ since: 'since yesterday', impact: 'team' });
    expect(next.state.slots.device).toBeUndefined();
    expect(next.question!.slot).toBe('device');
  });

  it('an e-mail address typed at "Who is affected?" becomes the contact, not the scope', () => {
    const first = startDialog(generalIncidentDialog, { text: 'the expense app shows a blank page when I submit a claim since Monday', lang: 'en' });
    const doing = continueDialog(generalIncidentDialog, first.state, { text: 'skip' });
    const atImpact = continueDialog(generalIncidentDialog, doing.state, { text: 'skip' });
    expect(atImpact.question!.slot).toBe('impact');
    const next = continueDialog(generalIncidentDialog, atImpact.state, { text: 'ann.lee@example.com' });
    expect(next.state.slots).toMatchObject({ contact: 'ann.lee@example.com' });
    expect(next.state.slots.impact).toBeUndefined();
  });
});
