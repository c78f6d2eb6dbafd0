import { startDialog } from '../../src/dialog/runner';
import { buildEmailForm, continueDialogFromForm, parseEmailFormReply, stripQuotedReply } from '../../src/dialog/email-form';
import { OutboundMessage } from '../../src/types/conversation';
import { generalIncidentDialog } from '../../dialogs/general-incident.dialog';
import { hardwarePrinterDialog } from '../../dialogs/hardware-printer.dialog';

const opening = 'Outlook closes whenever I open a PDF attachment';
const start = (lang: 'en' | 'zh' = 'en') =>
  startDialog(generalIncidentDialog, { text: lang === 'zh' ? '打开PDF附件时Outlook会闪退' : opening, lang, known: { name: 'Ann Lee', email: 'ann@example.com' } });

describe('email form', () => {
  it('puts every missing question in one numbered form message', () => {
    const first = start();
    const form = buildEmailForm(generalIncidentDialog, first.state, 'en');
    expect(OutboundMessage.parse(form).kind).toBe('form');
    if (form.kind !== 'form') throw new Error('not a form');
    expect(form.fields.map((f) => f.id)).toEqual(['since', 'doing', 'error', 'impact', 'urgency', 'department']);
    expect(form.text).toContain('1. Since when has this been happening?');
    expect(form.text).toContain('4. Who is affected? Options: Just me / My team / Everyone / Other');
    expect(form.text).toContain('[optional]');
  });

  it('round-trips a numbered reply with the quoted original below', () => {
    const first = start();
    const reply = [
      '1. Since yesterday afternoon',
      '2. Opening attachments from a supplier',
      '3. n/a',
      '4. My team',
      '5) 2',
      '6. Finance',
      '',
      'Thanks,',
      'Ann',
      '',
      'On Tue, 24 Nov 2026 at 10:02, IT Service Desk <servicedesk@example.com> wrote:',
      '> To get this to the right person, please answer these questions in one reply, keeping the numbers:',
      '> 1. Since when has this been happening?',
      '> 4. Who is affected? Options: Just me / My team / Everyone',
    ].join('\n');
    const parsed = parseEmailFormReply(generalIncidentDialog, first.state, reply);
    expect(parsed.values).toMatchObject({ since: 'Since yesterday afternoon', impact: 'team', urgency: 'workaround', department: 'Finance' });
    expect(parsed.values.doing).toBe('Opening attachments from a supplier');
    expect(parsed.skipped).toEqual(['error']);
    const turn = continueDialogFromForm(generalIncidentDialog, first.state, { text: reply });
    expect(turn.outcome).toBe('done');
    expect(turn.result).toMatchObject({ impact: 2, urgency: 2, priority: 'P3' });
  });

  it('reads "Label: answer" lines in both languages and Outlook-style quoting', () => {
    const first = start('zh');
    const reply = [
      '时间：昨天',
      '影响范围：只有我',
      '紧急程度: 可以等',
      '',
      '发件人: IT 服务台 <servicedesk@example.com>',
      '发送时间: 2026年11月24日 10:02',
      '1. 这个问题是从什么时候开始的？',
    ].join('\r\n');
    const parsed = parseEmailFormReply(generalIncidentDialog, first.state, reply);
    expect(parsed.values).toEqual({ since: '昨天', impact: 'me', urgency: 'can_wait' });
    const turn = continueDialogFromForm(generalIncidentDialog, first.state, { text: reply });
    expect(turn.outcome).toBe('ask');
    expect(turn.question!.slot).toBe('doing');
    if (turn.outcome === 'ask') {
      const next = buildEmailForm(generalIncidentDialog, turn.state, 'zh');
      if (next.kind !== 'form') throw new Error('not a form');
      expect(next.fields.map((f) => f.id)).toEqual(['doing', 'error', 'department']);
    }
  });

  it('tolerates the question pasted back before the answer and English keys', () => {
    const first = startDialog(hardwarePrinterDialog, { text: 'The printer on the 3rd floor prints blank pages', lang: 'en' });
    const reply = [
      'Where is it? Building, floor and room or desk. HQ 3rd floor, by the kitchen',
      'Since when: this morning',
      'Who is affected: everyone on our floor',
      'How urgent: we can work around it',
      'Contact e-mail: bob@example.com',
      '',
      '-----Original Message-----',
      'From: IT Service Desk',
    ].join('\n');
    const parsed = parseEmailFormReply(hardwarePrinterDialog, first.state, reply);
    expect(parsed.values).toMatchObject({ since: 'this morning', urgency: 'workaround', contact: 'bob@example.com' });
    expect(parsed.invalid).toEqual([]);
  });

  it('counts an unreadable reply as a retry and hands over after the maximum', () => {
    let state = start().state;
    let turn = continueDialogFromForm(generalIncidentDialog, state, { text: 'Thanks!' });
    expect(turn).toMatchObject({ outcome: 'ask', question: { notice: expect.stringContaining("couldn't read") } });
    state = turn.state;
    turn = continueDialogFromForm(generalIncidentDialog, state, { text: 'ok' });
    turn = continueDialogFromForm(generalIncidentDialog, turn.state, { text: 'hmm' });
    expect(turn).toMatchObject({ outcome: 'human', reason: 'max_retries' });
  });

  it('honours a command on the first line of a reply', () => {
    const turn = continueDialogFromForm(generalIncidentDialog, start().state, { text: 'cancel\n\nOn Tue, Desk wrote:\n> 1. Since when' });
    expect(turn.outcome).toBe('cancelled');
  });

  it('strips Gmail two-line headers and signatures', () => {
    expect(stripQuotedReply('1. yesterday\n--\nAnn Lee\nFinance')).toBe('1. yesterday');
    expect(stripQuotedReply('answer\nOn Tue, 24 Nov 2026 at 10:02, A Very Long Name\n<desk@example.com> wrote:\n> q')).toBe('answer');
    expect(stripQuotedReply('好的\n在 2026年11月24日 10:02，服务台 写道：\n> 问题')).toBe('好的');
  });
});

describe('email form answers in the user\'s own words', () => {
  it('keeps a choice answered in free words instead of marking it invalid', () => {
    const first = start();
    const reply = parseEmailFormReply(generalIncidentDialog, first.state, '1. yesterday\n4. the finance people on the 2nd floor\n5. 2');
    expect(reply.values).toMatchObject({ impact: 'the finance people on the 2nd floor', urgency: 'workaround' });
    expect(reply.invalid).toEqual([]);
  });
});
