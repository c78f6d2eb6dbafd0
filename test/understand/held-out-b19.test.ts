import { findSecurity } from '../../src/understand/security';
import { isChaser, readAct, saysItCameBack } from '../../src/understand/act';
import { isStatusRequest } from '../../src/understand/status';
import { soundsFedUp } from '../../src/understand/frustration';
import { summarize } from '../../src/render/summarize';
import { estimateImpactUrgency } from '../../src/classify/impact-urgency';
import { cuedCategory } from '../../src/classify/category-cues';
import { readTicketType } from '../../src/classify/ticket-type';
import { daysUntilDeadline } from '../../src/classify/deadline';
import { containmentAdvice } from '../../src/engine/advice';

// Readings the held-out batch 19 called for (written from CONVERSATION.md without reading the code), each
// beside look-alikes that must not change.

describe('security events of batch 19', () => {
  it.each([
    ["There's a guy I don't recognise in meeting room 3.07 (Berlin office, 3rd floor) with his own laptop plugged into the network port under the table. No visitor badge.", 'intruder'],
    ['机房门口有个不认识的人，没戴工牌，自己的笔记本插着我们的网线', 'intruder'],
    ['Our house was broken into overnight. They took my work laptop (Dell Latitude 7440) and my YubiKey, it was in the laptop bag. Police have been called.', 'lost_device'],
    ['在西安出差住酒店，晚上出去吃个饭回来电脑包没了！！里面有公司的ThinkPad还有U盾（网银那个）。已经找前台在调监控了，也报警了。', 'lost_device'],
    ['ugh. I pasted our customer renewal list into ChatGPT on my personal account to help me write a summary - about 2,000 rows, names, emails, phone numbers and contract values.', 'data_leak'],
    ['我把客户名单整个贴到DeepSeek里让它帮我整理，里面有手机号', 'data_leak'],
    ['早，问个事。我们组上个月底离职的张伟，昨晚凌晨两点多还在登VPN，我在VPN网关的登录记录里看到的。', 'account_compromise'],
    ['a leaver from sales is still logging in to Salesforce every night', 'account_compromise'],
  ])('"%s" is %s', (text, kind) => expect(findSecurity(text)).toBe(kind));
  it.each([
    'IT took my laptop for repair yesterday, when do I get it back?',
    'a visitor without a badge asked me for the guest wifi password',
    'I pasted the error into ChatGPT and it said to clear the cache',
    '张伟离职了，他的电脑怎么处理？',
    'the network port in meeting room 3 is dead',
  ])('"%s" is none', (text) => expect(findSecurity(text)).toBeUndefined());
  it('a stranger on the network gets advice to stay safe and call security, in both languages', () => {
    expect(containmentAdvice('intruder', 'en')).toMatch(/do not confront/i);
    expect(containmentAdvice('intruder', 'zh')).toMatch(/保安/);
  });
});

describe('replies of batch 19', () => {
  it.each([
    ['哦 我重启了下Outlook 出来了 不用管了 谢谢哈', 'resolved'],
    ['有人工吗？报销系统里我的审批人还是已经离职的老领导李总，单子卡了一个礼拜了', 'human'],
    ['昨天申请的Copilot进度如何？', 'status'],
  ])('"%s" is %s', (text, act) => expect(readAct(text).act).toBe(act));
  it('the topic after "有人工吗？" is kept', () => expect(readAct('有人工吗？报销系统里我的审批人还是老领导').details).toMatch(/报销系统/));
  it.each(['报错又出来了', '弹窗出来了'])('"%s" is not resolved', (text) => expect(readAct(text).act).not.toBe('resolved'));
  it('"VPN进度条卡住了" is no status question', () => expect(isStatusRequest('VPN进度条卡住了')).toBe(false));
  it('"anything happening with this? nobody\'s contacted me" chases', () => expect(isChaser("hey, anything happening with this? nobody's contacted me")).toBe(true));
  it('"nobody\'s contacted me" alone does not', () => expect(isChaser("nobody's contacted me")).toBe(false));
  it('"same message as before" says it came back', () => expect(saysItCameBack("morning. the red crosses are back on everything, same 'upload blocked' message as before")).toBe(true));
  it('"the same as the old one" does not', () => expect(saysItCameBack('the new screen looks the same as the old one, thanks')).toBe(false));
});

describe('judgement of batch 19', () => {
  const outlook = '服了，Outlook又崩了，一天崩五六次，写到一半的邮件都没了，还让不让人干活了？上周就报过一次也没人管';
  it('"服了 … 还让不让人干活了？上周就报过一次也没人管" is fed up and work stopped', () => {
    expect(soundsFedUp(outlook)).toBe(true);
    expect(estimateImpactUrgency(outlook).urgency).toBe(1);
  });
  it('"我服了你们的效率" is fed up; "说服了老板" is not', () => {
    expect(soundsFedUp('我服了')).toBe(true);
    expect(soundsFedUp('我说服了老板给我们换新电脑')).toBe(false);
  });
  it('a leaver (account disabled, mail forwarded, laptop collected) is an account task', () => {
    const mail = 'Hello IT,\n\nTom Baker in Procurement is leaving us this Friday, 11 December. Please:\n- disable his account at 17:00 on Friday\n- forward his mail to me for 30 days\n- arrange collection of his laptop (asset LT-33817) and his work phone';
    expect(cuedCategory(mail)).toBe('account');
  });
});

describe('summaries of batch 19', () => {
  it.each([
    ['Hello IT,\n\nTom Baker in Procurement is leaving us this Friday, 11 December.', 'Tom Baker in Procurement is leaving us this Friday, 11 December.'],
    ['IT同事你好：\n\n我的华为MateBook 14从昨天下午开始触摸板完全没反应', '我的华为MateBook 14从昨天下午开始触摸板完全没反应'],
    ['早，问个事。我们组上个月底离职的张伟，昨晚还在登VPN', '我们组上个月底离职的张伟，昨晚还在登VPN'],
  ])('"%s"', (text, summary) => expect(summarize(text)).toBe(summary));
  it('"Hello, the printer on floor 2 is jammed" keeps its problem', () => expect(summarize('Hello, the printer on floor 2 is jammed')).toBe('the printer on floor 2 is jammed'));
});

describe('questions of batch 19', () => {
  it.each([
    'quick q - can I install draw.io desktop myself or do I need to raise a request? need it for some diagrams, not urgent',
    '我已经有 hr-recruit@ 这个共享邮箱的权限了（主管昨天帮我申请的），但是Outlook里面看不到，要怎么加进来？',
  ])('"%s" asks to know, no ticket', (text) => expect(readTicketType(text)).toBe('question'));
  it.each([
    ['please install draw.io on my laptop', 'service_request'],
    ['我想申请共享邮箱的权限', 'service_request'],
  ])('"%s" stays a %s', (text, type) => expect(readTicketType(text)).toBe(type));
});

describe('a leaver\'s last day is a deadline (batch 19)', () => {
  const tuesday = new Date('2026-12-08T09:05:00Z');
  it.each([
    ['Tom Baker in Procurement is leaving us this Friday, 11 December. Please disable his account', 3],
    ['His last day is Thursday, please collect the laptop', 2],
  ])('"%s" is due in %i days', (text, days) => expect(daysUntilDeadline(text, tuesday)).toBe(days));
  it.each(['I am leaving the office now, the printer is jammed', 'my laptop keeps leaving the wifi on monday mornings'])('"%s" names none', (text) => expect(daysUntilDeadline(text, tuesday)).toBeUndefined());
});

describe('a message that corrects itself (batch 19)', () => {
  it.each([
    ['Excel打不开，双击没反应——哦说错了，是Word，Excel没事。Word一打开就闪退，连空白文档都不行，今天早上开始的', 'Word一打开就闪退，连空白文档都不行，今天早上开始的'],
    ['Outlook crashes. Sorry, I meant Teams. Teams crashes when I share my screen.', 'Teams crashes when I share my screen.'],
    ['I meant to ask earlier. my VPN drops', 'I meant to ask earlier.'],
  ])('the summary of "%s" starts after the correction', (text, summary) => expect(summarize(text)).toBe(summary));
});
