import {
  extractApplication, extractDevice, extractEmail, extractError, extractImpact, extractProblem, extractSince, extractUrgency,
} from '../../src/dialog/extract';

describe('extractSince', () => {
  it.each([
    ['my VPN has been failing since this morning', 'since this morning'],
    ['Outlook crashes since yesterday', 'since yesterday'],
    ['it stopped working since 9:00', 'since 9:00'],
    ['broken for two days now', 'for two days'],
    ['this has been going on for 3 hours', 'for 3 hours'],
    ['it started this morning', 'this morning'],
    ['printer died yesterday afternoon', 'yesterday afternoon'],
    ['since last week nothing syncs', 'since last week'],
    ['it broke 2 hours ago', '2 hours ago'],
    ['从昨天下午开始VPN连不上', '从昨天下午开始'],
    ['今天早上打印机就不能用了', '今天早上'],
    ['已经三天了还是不行', '已经三天了'],
    ['从周一开始邮件收不到', '从周一开始'],
    ['10点开始就断网了', '10点开始'],
  ])('%s -> %s', (text, expected) => {
    expect(extractSince(text)).toBe(expected);
  });

  it.each(['my printer is broken', '打印机坏了', 'error 404 on the portal'])('finds nothing in "%s"', (text) => {
    expect(extractSince(text)).toBeUndefined();
  });
});

describe('extractError', () => {
  it.each([
    ['Update fails with 0x80070005', '0x80070005'],
    ['install failed: 0x8007000e', '0x8007000E'],
    ['the portal shows error 404', 'error 404'],
    ['VPN error 809 again', 'error 809'],
    ['I get a 503 service unavailable', 'error 503'],
    ['it says "The server is not responding"', '"The server is not responding"'],
    ['error 0x80070005: “Access is denied”', '0x80070005 "Access is denied"'],
    ['安装时提示错误代码 0x80070005', '0x80070005'],
    ['VPN 报错 809', 'error 809'],
    ['弹出「密码已过期」', '"密码已过期"'],
    ['登录时提示密码错误，然后就退出了', '"密码错误"'],
  ])('%s -> %s', (text, expected) => {
    expect(extractError(text)).toBe(expected);
  });

  it.each(["I can't print", '电脑很慢', 'since 2024 it is slow'])('finds nothing in "%s"', (text) => {
    expect(extractError(text)).toBeUndefined();
  });
});

describe('extractImpact', () => {
  it.each([
    ['whole team affected', 'team'],
    ['my team cannot open SAP', 'team'],
    ['several colleagues have the same problem', 'team'],
    ['everyone in the office is offline', 'everyone'],
    ['nobody can log in', 'everyone'],
    ['just me, others are fine', 'me'],
    ['only my laptop does it', 'me'],
    ['整个部门都上不了网', 'team'],
    ['我们组都收不到邮件', 'team'],
    ['全公司都断网了', 'everyone'],
    ['所有人都登录不了', 'everyone'],
    ['只有我有这个问题', 'me'],
  ])('%s -> %s', (text, expected) => {
    expect(extractImpact(text)).toBe(expected);
  });

  it('finds nothing when nobody is mentioned', () => {
    expect(extractImpact('Outlook crashes')).toBeUndefined();
  });
});

describe('extractUrgency', () => {
  it.each([
    ["I can't work at all", 'blocked'],
    ['this is urgent', 'blocked'],
    ['need it ASAP please', 'blocked'],
    ['not urgent, whenever you can', 'can_wait'],
    ['no rush', 'can_wait'],
    ['I have a workaround for now', 'workaround'],
    ['业务停了，赶紧处理', 'blocked'],
    ['现在无法工作', 'blocked'],
    ['不着急，有空看看', 'can_wait'],
    ['不紧急', 'can_wait'],
    ['暂时可以用手机处理', 'workaround'],
  ])('%s -> %s', (text, expected) => {
    expect(extractUrgency(text)).toBe(expected);
  });

  it('finds nothing in a plain description', () => {
    expect(extractUrgency('Excel is slow when opening big files')).toBeUndefined();
  });
});

describe('extractDevice and extractApplication', () => {
  it.each([
    ['my laptop will not boot', 'en', 'laptop'],
    ['the printer on floor 3 jams', 'en', 'printer'],
    ['second monitor shows no signal', 'en', 'monitor'],
    ['my iPhone does not get mail', 'en', 'iPhone'],
    ['笔记本开不了机', 'zh', '笔记本电脑'],
    ['打印机卡纸了', 'zh', '打印机'],
    ['显示器没有信号', 'zh', '显示器'],
  ] as const)('device in %s -> %s', (text, lang, expected) => {
    expect(extractDevice(text, lang)).toBe(expected);
  });

  it.each([
    ['Outlook keeps asking for my password', 'Outlook'],
    ['teams calls drop', 'Teams'],
    ['GlobalProtect says gateway unreachable', 'GlobalProtect'],
    ['my vpn is down', 'VPN'],
    ['Excel freezes', 'Excel'],
    ['cannot log in to SAP', 'SAP'],
    ['zoom has no audio', 'Zoom'],
    ['OneDrive is not syncing', 'OneDrive'],
    ['企业微信登录不上', '企业微信'],
  ])('application in %s -> %s', (text, expected) => {
    expect(extractApplication(text, /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en')).toBe(expected);
  });

  it('does not take "other teams" for the Teams app', () => {
    expect(extractApplication('other teams are fine', 'en')).toBeUndefined();
  });
});

describe('extractEmail and extractProblem', () => {
  it('finds an address and lower-cases it', () => {
    expect(extractEmail('mail came from Billing@Evil-Example.com today')).toBe('billing@evil-example.com');
    expect(extractEmail('no address here')).toBeUndefined();
  });

  it('takes a described problem but not a bare keyword', () => {
    expect(extractProblem('Outlook closes when I open a PDF')).toBe('Outlook closes when I open a PDF');
    expect(extractProblem('VPN')).toBeUndefined();
    expect(extractProblem('打印机打印出来全是空白页')).toBe('打印机打印出来全是空白页');
    expect(extractProblem('打印机')).toBeUndefined();
  });
});
