import { isChaser, readAct } from '../../src/understand/act';
import { findSecurity } from '../../src/understand/security';
import { isStatusRequest } from '../../src/understand/status';
import { soundsFedUp } from '../../src/understand/frustration';
import { summarize } from '../../src/render/summarize';
import { withoutWorkingParts } from '../../src/understand/working-parts';
import { selectDialog } from '../../src/dialog/select';
import { estimateImpactUrgency } from '../../src/classify/impact-urgency';
import { findLocation } from '../../src/understand/entities/place';
import { dialogs } from '../../dialogs';

// Readings the held-out batch 18 called for (written from CONVERSATION.md without reading the code), each
// beside look-alikes that must not change.

describe('security events of batch 18', () => {
  it.each([
    ['i posted the 2027 salary review sheet (onedrive link) in #project-atlas by mistake instead of #people-leads. that channel has 3 external guests. names + salaries for ~180 staff', 'data_leak'],
    ['我刚把一个理赔客户清单的excel发错群了 结果发到了跟外包公司的微信群里 里面有200多个客户的姓名 身份证号 银行卡号', 'data_leak'],
    ['我下午从网上下了个破解版的Navicat装上了 然后火绒弹了好几次报毒 我点了允许 隔壁同事说收到我发的压缩包链接 可我根本没发过啊', 'malware'],
    ["a Microsoft page asked me to allow an app called Mail Archiver Pro to read and send mail as me. I clicked Accept.", 'app_consent'],
  ])('"%s" is %s', (text, kind) => expect(findSecurity(text)).toBe(kind));
  it.each(['I posted the meeting notes in the wrong channel by mistake, can I move them?', '火绒怎么关闭开机自启'])('"%s" is none', (text) => expect(findSecurity(text)).toBeUndefined());
});

describe('status, chasers and asks for a person of batch 18', () => {
  it('a status question with "still can\'t get in" after it', () => expect(isStatusRequest("hey where does INC-000001 stand? still can't get in")).toBe(true));
  it('a status question with a new report after it is not one', () => expect(isStatusRequest('any news on INC-000001? still broken, also my printer died')).toBe(false));
  it('nobody attending, the wait and the annoyance make a chaser', () => expect(isChaser('怎么到现在都没人理我啊？？都过去大半天了 电脑根本没法用 这效率也太低了吧')).toBe(true));
  it('annoyance alone is not', () => expect(isChaser('这效率也太低了吧')).toBe(false));
  it('a mail asking in the middle for a person to call is a hand-over', () => {
    const mail = `Subject: Bloomberg terminal freezing - please call me\n\nHi,\n\nMy Bloomberg Terminal (desk 22-14, NY office) has frozen three times since 9am, each time for a minute or two and then the launchpad comes back blank. Markets are open and I can't afford this. Please don't send me an article - I need a person to call me or come to the desk. Cell 917-555-0182.\n\nThanks,\nMarcus`;
    expect(readAct(mail)).toMatchObject({ act: 'human', details: expect.stringContaining('Bloomberg Terminal') });
  });
  it('"can someone actually come up and fix it" asks for a person', () => expect(readAct("the big screen shows no signal AGAIN. can someone actually come up and fix it properly this time").act).toBe('human'));
});

describe('fed up', () => {
  it.each(['honestly this is ridiculous. the screen is black AGAIN', 'third time this month', '怎么又坏了 第三次了'])('"%s" sounds fed up', (text) => expect(soundsFedUp(text)).toBe(true));
  it.each(['the screen is black again since this morning', 'my second monitor flickers', '我的第二个显示器不亮'])('"%s" does not', (text) => expect(soundsFedUp(text)).toBe(false));
  it('the summary skips the outburst', () => expect(summarize("honestly this is ridiculous. the big screen in Boardroom 2 shows 'no signal'")).toBe("the big screen in Boardroom 2 shows 'no signal'"));
});

describe('the contact centre softphone outage (batch 18, pending until stop 28)', () => {
  const report = "Team lead at the Valencia contact centre here. None of our 30 agents can log into the Genesys softphone since 9:30, it just says 'Station not available'. Queue is at 140 calls waiting and climbing. Internet + email fine.";
  it('"Internet + email fine" names what works, not the problem', () => {
    expect(withoutWorkingParts('None of us can log into the softphone. Internet + email fine.')).toBe('None of us can log into the softphone.');
    expect(withoutWorkingParts('Outlook fine, Teams ok')).toBe('Outlook fine, Teams ok');
    expect(withoutWorkingParts('the VPN keeps dropping, Internet + Teams fine')).toBe('the VPN keeps dropping');
  });
  it('so the network dialog is not chosen for it', () => expect(selectDialog(dialogs, report, 'software', 'incident').category).not.toBe('network'));
  it('thirty agents who cannot log in with calls queuing are a team stopped: P2', () => {
    expect(estimateImpactUrgency(report)).toMatchObject({ impact: 2, urgency: 1 });
    expect(estimateImpactUrgency('None of the reps can open Salesforce')).toMatchObject({ urgency: 1 });
    expect(estimateImpactUrgency('the call queue is climbing since the phones went quiet').urgency).toBe(1);
    expect(estimateImpactUrgency('none of these reports look right to me').urgency).toBeUndefined();
  });
  it.each([['at the Valencia contact centre', 'site'], ['呼叫中心这边的座席都登不上', 'site']])('"%s" says where: %s', (text, kind) => expect(findLocation(text)?.kind).toBe(kind));
});
