import { readAct, isWaitAndSee, saysItCameBack } from '../../src/understand/act';
import { findSecurity } from '../../src/understand/security';
import { findHazard } from '../../src/understand/hazard';
import { isVague } from '../../src/understand/intent';
import { findApproval, findPeople } from '../../src/understand/entities/people';
import { findEntities } from '../../src/understand/entities';
import { withoutSubjectLabel } from '../../src/understand/mail-frame';
import { headCount } from '../../src/classify/head-count';
import { assessMessage } from '../../src/classify/classify-message';
import { loadOrTrainDefault } from '../../src/classify/ticket-classifier';
import { runExtractor } from '../../src/dialog/extract';
import { SAFETY_ADVICE } from '../../src/engine/advice';

// Readings the held-out batch 15 called for (written from CONVERSATION.md without reading the code), each
// beside look-alikes that must not change.

describe('security events of batch 15', () => {
  it.each([
    ["some guy rang my mobile saying he was from IT doing a 'mailbox migration'. he asked me to read out the 6 digit code that popped up on my authenticator and i did... then he hung up", 'credentials_phished'],
    ["出大事了 有个微信号头像名字都是我们王总 要我先给一个'律师事务所'账户转28万保证金 不要跟别人说 我刚刚已经用网银转过去了 转完他就把我删了", 'payment_fraud'],
    ['the "supplier" asked to keep it between us and I transferred the deposit this morning', 'payment_fraud'],
    ["任务管理器里有个叫 'WinSvcHost64.exe' 的进程 不是我装的 网络那栏一直在上传", 'malware'],
  ])('"%s" is %s', (text, kind) => expect(findSecurity(text)).toBe(kind));
  it.each([
    'the authenticator asked me to read the code on my laptop and i did, now it works',
    'I transferred the deposit for the flat this morning, keep the receipt?',
    '我把王总删了 转账已经完成',
  ])('"%s" is none', (text) => expect(findSecurity(text)).toBeUndefined());
});

describe('a screen coming off the wall over people', () => {
  it.each([
    'the wall bracket holding the big 55in visitor info screen above the reception desk has come half out of the wall, the telly is hanging at an angle over where visitors sign in',
    '会议室投影仪的吊架松了 感觉快掉下来了',
  ])('"%s" is a falling hazard', (text) => expect(findHazard(text)).toBe('falling'));
  it.each(['my screen keeps hanging when I open Excel', 'Teams is hanging on the loading screen', 'the monitor arm is loose, screen droops a bit'])(
    '"%s" is none', (text) => expect(findHazard(text)).toBeUndefined());
  it('its advice keeps people out from under it', () => expect(SAFETY_ADVICE.falling.en).toMatch(/out from under it/));
});

describe('closing: wait and see, and the fault back after the rating', () => {
  it.each(["hmm ok, I'll keep an eye on it", 'will see then', '先观察一下', "haven't tried it yet"])('"%s" waits and sees', (text) => expect(isWaitAndSee(text)).toBe(true));
  it.each(["works now, I'll keep an eye on it", '好了 先观察一下', 'yes fixed'])('"%s" does not', (text) => expect(isWaitAndSee(text)).toBe(false));
  it.each(["no, it's still broken - my 2pm just started and no reminder came up at all, same as before", '还是跟之前一样'])('"%s" says it came back', (text) => expect(saysItCameBack(text)).toBe(true));
  it('"will shout if it happens again" still does not', () => expect(saysItCameBack('all good, will shout if it is still broken tomorrow')).toBe(false));
});

describe('openers and persons', () => {
  it.each(['hiya got a problem', '有空吗 急', '在不在'])('"%s" is vague', (text) => expect(isVague(text)).toBe(true));
  it.each(['有空调坏了 急', 'hiya the printer on 3 is jammed'])('"%s" is not', (text) => expect(isVague(text)).toBe(false));
  it.each(['别一直问了 能不能叫个工程师过来看一下 我下午都在305', 'can someone come over and have a look', 'could you send someone up'])('"%s" asks for a person', (text) => expect(readAct(text).act).toBe('human'));
});

describe('times and counts read as meant', () => {
  it('"calls from 9" is no start time; "since 9" is', () => {
    expect(findEntities("bluetooth says 'paired' but no sound. calls from 9 :(", 'en', new Date('2026-12-09T07:50:00Z'), 'UTC').since).toBeUndefined();
    expect(findEntities('no sound from the headset from 9 this morning', 'en', new Date('2026-12-09T07:50:00Z'), 'UTC').since).toBeDefined();
  });
  it.each([['the file for all 640 UK staff has to be submitted by 2pm', 640], ['in 2 days people leave', undefined], ['12 night-shift pickers', 12]])('"%s" counts %s', (text, n) => expect(headCount(text)).toBe(n));
  it('a payroll run for 640 people due today is P2 at least', () => {
    const a = assessMessage(loadOrTrainDefault(), "urgent - the card reader for the Bacs bank portal isnt recognised ('no smart card detected'). the file for all 640 UK staff has to be submitted by 2pm or nobody gets paid friday", new Date('2026-12-10T10:30:00Z'));
    expect(['P1', 'P2']).toContain(a.priority);
  });
});

describe('mail: forwards and approvals', () => {
  it.each([['FW: plotter again!!', 'plotter again!!'], ['RE: FW: 转发：网站表单', '网站表单'], ['Fwd:Your parcel', 'Your parcel'], ['Reset my password', 'Reset my password']])(
    '"%s" reads "%s"', (text, want) => expect(withoutSubjectLabel(text)).toBe(want));
  it('a director who approved by mail is the approver; "已抄送她" names nobody else the request is for', () => {
    const text = '我是品牌设计部的林可欣，想申请一台 27 寸 4K 显示器。我们部门总监周蕾已经在邮件里审批同意了（已抄送她）。';
    expect(findApproval(text)).toBe('given');
    expect(findPeople(text)).toEqual([{ name: '周蕾', role: 'approver' }]);
    expect(runExtractor('beneficiary', { id: 'for_whom' } as never, `IT 同事好，${text}`, 'zh')).toBe('我');
    expect(runExtractor('beneficiary', { id: 'for_whom' } as never, '帮新同事张伟申请一台电脑', 'zh')).not.toBe('我');
  });
});
