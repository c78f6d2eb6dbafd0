import { isWaitAndSee, readAct } from '../../src/understand/act';
import { findSecurity, ranSomething } from '../../src/understand/security';
import { findHazard } from '../../src/understand/hazard';
import { isVague } from '../../src/understand/intent';
import { isStatusRequest } from '../../src/understand/status';
import { findLocation } from '../../src/understand/entities/place';
import { extractApplication } from '../../src/understand/entities/names';
import { headCount } from '../../src/classify/head-count';
import { estimateImpactUrgency } from '../../src/classify/impact-urgency';
import { SAFETY_ADVICE } from '../../src/engine/advice';

// Readings the held-out batch 16 called for (written from CONVERSATION.md without reading the code), each
// beside look-alikes that must not change.

describe('security events of batch 16', () => {
  it.each([
    ["someone messaged me on Teams as 'IT Help Desk' (it said External) and got me to open Quick Assist and give them the code. they had control of my screen for like 5 min before i got spooked", 'malware'],
    ['附件是个zip，解压出来是“传票.exe”，我双击了，闪了一下黑框就没反应了', 'malware'],
    ["Got a text from Martin (our MD) asking me to buy 6 x £250 Apple gift cards. I bought them on the company card and sent photos of the codes. I've just noticed the number isn't his usual one", 'payment_fraud'],
    ['半夜手机一直弹 Authenticator 的登录请求 已经弹了二十多次了 我一个都没点批准 人在家', 'account_compromise'],
  ])('"%s" is %s', (text, kind) => expect(findSecurity(text)).toBe(kind));
  it.each([
    'IT used Quick Assist to fix my printer driver this morning, all good',
    'how do I set up Authenticator on my new phone',
    'the installer setup.exe fails with error 1603',
  ])('"%s" is none', (text) => expect(findSecurity(text)).toBeUndefined());
  it('gift cards bought for a party are no fraud', () => expect(findSecurity('bought the gift cards for the team party, receipts attached')).not.toBe('payment_fraud'));
  it('a phished mail whose program was run also ran something', () => expect(ranSomething('我双击了那个附件')).toBe(true));
});

describe('dangers of batch 16', () => {
  it.each([
    ['the floor box lid has snapped off and theres live looking wires sticking out of it, a colleague just tripped over it', 'wiring'],
    ['茶水间的饮水机漏水 水一直流到旁边地上的地插里 有噼啪噼啪的声音', 'water'],
  ])('"%s" is a %s hazard', (text, kind) => expect(findHazard(text)).toBe(kind));
  it.each(['the HDMI cable is loose at the back of the monitor', 'the wire on my headset is frayed a bit'])('"%s" is none', (text) => expect(findHazard(text)).toBeUndefined());
  it('the wiring advice keeps people away and gets an electrician', () => expect(SAFETY_ADVICE.wiring.en).toMatch(/keep everyone away[\s\S]*electrician/));
});

describe('status, openers and closing', () => {
  it.each(['where are we at with this? client wants the cut by end of day', '怎么样了 还要多久啊'])('"%s" asks for status', (text) => expect(isStatusRequest(text)).toBe(true));
  it.each(['where are we going for lunch', 'any eta? my printer also broke'])('"%s" does not', (text) => expect(isStatusRequest(text)).toBe(false));
  it.each(['ugh its happening again 🙄', '喂 弄不了啊'])('"%s" is vague', (text) => expect(isVague(text)).toBe(true));
  it('"喂 打印机卡纸了" is not', () => expect(isVague('喂 打印机卡纸了')).toBe(false));
  it('"will try it tomorrow" waits and sees; "rock solid" is fixed', () => {
    expect(isWaitAndSee('thanks, will try it tomorrow when im back in')).toBe(true);
    expect(readAct('ok tried it this morning, rock solid for 2 hours now 👍').polarity).toBe('yes');
  });
});

describe('priority and places of batch 16', () => {
  it.each([
    ['南京西路店 5台收银POS都连不上后台 一直提示网络异常 午市高峰马上到了 现在只能手工记账'],
    ["eClinicalWorks freezes as soon as we open a patient chart - all 6 of us on the front desk, patients are checking in and we're doing it on paper"],
  ])('"%s" stops a team now', (text) => expect(estimateImpactUrgency(text, new Date('2026-12-12T03:30:00Z'))).toMatchObject({ impact: 2, urgency: 1 }));
  it('"5台收银POS" counts five machines', () => expect(headCount('5台收银POS都连不上后台')).toBe(5));
  it.each([['南京西路店 5台收银POS都连不上', '南京西路店'], ['应用商店打不开', undefined]])('"%s" is at %s', (text, place) => expect(findLocation(text)?.text).toBe(place));
  it('a database named is the system of an access request', () => expect(extractApplication('申请开通订单库 MySQL 生产环境的只读账号，技术总监已在 OA 审批通过', 'zh')).toBe('MySQL'));
});
