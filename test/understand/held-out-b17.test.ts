import { isChaser, readAct } from '../../src/understand/act';
import { findSecurity } from '../../src/understand/security';
import { isStatusRequest } from '../../src/understand/status';
import { withoutWorkingParts } from '../../src/understand/working-parts';
import { withoutTriedClauses } from '../../src/understand/tried-steps';
import { withoutGreeting } from '../../src/understand/greeting';
import { findScope } from '../../src/understand/entities/scope';
import { extractApplication, extractDevice, saysManyDevices } from '../../src/understand/entities/names';
import { readTicketType } from '../../src/classify/ticket-type';
import { assessMessage } from '../../src/classify/classify-message';
import { loadOrTrainDefault } from '../../src/classify/ticket-classifier';
import { summarize } from '../../src/render/summarize';

// Readings the held-out batch 17 called for (written from CONVERSATION.md without reading the code), each
// beside look-alikes that must not change.

const NOW = new Date('2026-12-09T08:50:00Z');

describe('security events of batch 17', () => {
  it.each([
    ["I emailed a spreadsheet to our linen supplier and I've just realised it was the wrong file - it's the customer refunds export, about 300 rows with names, addresses and the full card numbers.", 'data_leak'],
    ['刚把表格发错了 附件发给了外部供应商 里面有员工身份证号和银行卡号', 'data_leak'],
    ['刚才手机上飞书弹了个提醒 说我的账号在一台新的windows设备上登录了 地点显示莫斯科？？我人在杭州家里啊 根本没登过', 'account_compromise'],
    ["got an alert about a sign-in from a new device in Lagos, that wasn't me", 'account_compromise'],
  ])('"%s" is %s', (text, kind) => expect(findSecurity(text)).toBe(kind));
  it.each([
    'I sent the wrong version of the slides to my manager, can I recall it?',
    '新电脑到了 我在新的设备上登录了飞书 怎么同步聊天记录',
    'I signed in on my new device and Teams asks for MFA every time',
  ])('"%s" is none', (text) => expect(findSecurity(text)).toBeUndefined());
});

describe('what something works, or was tried, says about the problem', () => {
  it.each([
    ["Nobody can print. Internet and Teams work fine, so it's something between us and the servers.", "Nobody can print. so it's something between us and the servers."],
    ['网络和Teams都正常，就是共享盘打不开', '就是共享盘打不开'],
    ['公司wifi 没开VPN，网页打不开', '公司wifi  ，网页打不开'],
  ])('"%s" reads as "%s"', (text, rest) => expect(withoutWorkingParts(text)).toBe(rest));
  it.each([
    'Outlook works fine on my phone but not on my laptop',
    '电脑有咔咔的响声，目前还正常，需要担心吗',
    'works fine now',
    'my laptop makes a clicking noise, it works fine otherwise',
    'I cannot print, others are fine',
    '我打不开共享盘，别人都正常',
  ])('"%s" stays whole (the same thing, or who is affected)', (text) => expect(withoutWorkingParts(text)).toBe(text));
  it('Teams working fine is no application of the problem', () => expect(extractApplication('Internet and Teams work fine, the shared drives are gone', 'en')).toBeUndefined());
  it('steps already tried pick no dialog', () => {
    expect(withoutTriedClauses('现在只能看不能编辑了，已经重启过也重新登录过公司账号，还是一样。')).not.toMatch(/账号/);
    expect(withoutTriedClauses('账号被锁了')).toBe('账号被锁了');
    expect(withoutTriedClauses("I've restarted. Outlook still won't open")).toBe("Outlook still won't open");
  });
});

describe('status, chasers and "it works" of batch 17', () => {
  it.each(['whats the ETA on this? its getting worse', '主板那个 有眉目了没 INC-000001', '单子到底啥情况'])('"%s" asks for status', (text) => expect(isStatusRequest(text)).toBe(true));
  it.each(['打印机那个 坏了', 'what is ETA in SAP'])('"%s" does not', (text) => expect(isStatusRequest(text)).toBe(false));
  it('a wait, nobody on it and still broken, together, is a chaser', () => expect(isChaser('都快两个小时了 到底有没有人管啊？？共享盘还是打不开 单子到底啥情况')).toBe(true));
  it('a wait alone, or a new report with it, is not', () => {
    expect(isChaser('都两天了')).toBe(false);
    expect(isChaser('我的电脑坏了 都两天了')).toBe(false);
  });
  it.each(['试了下 连上了 谢谢！', '半小时都没再弹了 谢谢哈'])('"%s" says it works', (text) => expect(readAct(text)).toMatchObject({ act: 'resolved', polarity: 'yes' }));
  it('"没连上" does not', () => expect(readAct('没连上').act).not.toBe('resolved'));
  it('a report ending with the ask for a person is a hand-over with the report as topic', () => {
    expect(readAct("GlobalProtect VPN drops every 20 minutes, I've reinstalled it twice. I don't want another article, just get me an actual person."))
      .toEqual({ act: 'human', details: "GlobalProtect VPN drops every 20 minutes, I've reinstalled it twice." });
    expect(readAct("VPN drops every 20 minutes. I don't need a person, just tell me what to try.").act).not.toBe('human');
  });
});

describe('type, scope, devices and summaries of batch 17', () => {
  it.each([
    ['occupational health did my workstation assessment and recommended a vertical mouse and a split keyboard for my RSI. My manager has already approved it.', 'service_request'],
    ['Word 和 Excel 一直显示红条"产品未经授权"，现在只能看不能编辑了，还是一样。明天上午要改合同，麻烦尽快看看。', 'incident'],
    ['3楼培训教室那40台电脑 今天早上开机全部蓝屏 下午两点有新员工入职培训', 'incident'],
  ])('"%s" is a %s', (text, type) => expect(readTicketType(text)).toBe(type));
  it('"nobody in the Lyon office" is the office', () => expect(findScope("Nobody in the Lyon office can print - that's all ~45 of us")).toMatchObject({ level: 'office', count: 45 }));
  it('a Lenovo X1 and an EliteBook are laptops', () => {
    expect(extractDevice('The hinge on my Lenovo X1 is cracked, the screen flops back', 'en')).toBe('laptop');
    expect(extractDevice('my HP EliteBook battery dies in an hour', 'en')).toBe('laptop');
  });
  it.each(['那40台电脑 全部蓝屏', '电脑 今天早上开机全部蓝屏'])('"%s" is several devices', (text) => expect(saysManyDevices(text)).toBe(true));
  it('"我的电脑蓝屏" is one', () => expect(saysManyDevices('我的电脑蓝屏')).toBe(false));
  it.each([
    ["This is the THIRD time I'm reporting this. GlobalProtect VPN drops every 20 minutes.", 'GlobalProtect VPN drops every 20 minutes.'],
    ['紧急！！3楼培训教室那40台电脑 全部蓝屏', '3楼培训教室那40台电脑 全部蓝屏'],
  ])('"%s" is summarised as "%s"', (text, line) => expect(summarize(text)).toBe(line));
  it.each([['Hello - occupational health did my assessment', 'occupational health did my assessment'], ['hello 想申请一个降噪耳机', '想申请一个降噪耳机'], ['在吗 刚才飞书弹了个提醒', '刚才飞书弹了个提醒']])(
    '"%s" loses its greeting', (text, rest) => expect(withoutGreeting(text)).toBe(rest),
  );
  it('"Hello-world app crashes" keeps it', () => expect(withoutGreeting('Hello-world app crashes')).toBe('Hello-world app crashes'));
  it('an office without printing and shared drives is a network fault; a hinge is hardware; SPSS on a ThinkPad is software', () => {
    const classifier = loadOrTrainDefault();
    expect(assessMessage(classifier, "Nobody in the Lyon office can print or open the shared drives since about 9:30 - that's all ~45 of us. Internet and Teams work fine, so it's something between us and the servers. Payroll closing is today.", NOW))
      .toMatchObject({ category: 'network', priority: 'P1' });
    expect(assessMessage(classifier, 'The hinge on my Lenovo X1 is cracked, the screen flops back when I open it.', NOW).category).toBe('hardware');
    expect(assessMessage(classifier, '申请安装 SPSS，麻烦帮我的笔记本（ThinkPad E14）装一下并分配一个许可证', NOW).category).toBe('software');
  });
});
