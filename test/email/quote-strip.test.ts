import { stripQuoted, stripSignature } from '../../channels/email/quote-strip';

describe('stripQuoted', () => {
  it('cuts a Gmail reply at the wrapped "On … wrote:" line', () => {
    const text = 'Still broken.\n\nOn Thu, 26 Nov 2026 at 09:13, IT Desk <helpdesk@example.com>\nwrote:\n\n> Thanks\n> for writing';
    expect(stripQuoted(text)).toBe('Still broken.');
  });

  it('cuts an Outlook English reply at "-----Original Message-----"', () => {
    const text = 'Works now, thanks!\n\n-----Original Message-----\nFrom: IT Desk\nSent: Monday\nSubject: Re: VPN';
    expect(stripQuoted(text)).toBe('Works now, thanks!');
  });

  it('cuts an Outlook Chinese reply at the 发件人/发送时间 header block', () => {
    const text = '问题还在。\n\n________________________________\n发件人: IT Service Desk <helpdesk@example.com>\n发送时间: 2026年11月26日 17:06\n收件人: 张伟\n主题: Re: 邮箱\n\n已为您创建工单。';
    expect(stripQuoted(text)).toBe('问题还在。');
  });

  it('cuts an Outlook header block without the rule line, but keeps a lone "From:" the user wrote', () => {
    expect(stripQuoted('Done.\nFrom: IT Desk\nSent: Monday\nTo: me\n\nold')).toBe('Done.');
    expect(stripQuoted('From: my laptop at home, nothing works.')).toBe('From: my laptop at home, nothing works.');
  });

  it('cuts an Apple Mail reply and its mobile signature', () => {
    const text = 'Yes please.\n\nSent from my iPhone\n\n> On 26 Nov 2026, at 10:00, IT Desk <helpdesk@example.com> wrote:\n> \n> Shall we reset it?';
    expect(stripQuoted(text)).toBe('Yes please.');
  });

  it('cuts the Chinese Gmail header "在 … 写道："', () => {
    expect(stripQuoted('好的，谢谢\n\n在 2026年11月26日周四 10:00，IT Desk <helpdesk@example.com> 写道：\n> 旧内容')).toBe('好的，谢谢');
  });

  it('keeps the answers of a bottom-posted reply, numbered as the quoted questions, and drops the quoted lines', () => {
    expect(stripQuoted('> 1. Since when?\nyesterday\n> 2. Which device?\nmy laptop')).toBe('1. yesterday\n2. my laptop');
  });

  it('keeps every answer of an interleaved Thunderbird reply, in order (it used to keep nothing)', () => {
    const text = [
      'On 27.11.26 09:02, IT Service Desk wrote:',
      '> Please answer in one reply:',
      '> 1. Since when does it happen?',
      'Since Monday morning.',
      '>',
      '> 2. Which device is affected?',
      '',
      'My ThinkPad T14, asset tag IT-20931.',
      '',
      '> 3. Does a restart help?',
      'No, it does not.',
      '>',
      '> -- ',
      '> Reply to this mail to add information to your request.',
      '',
      'Thanks, Alice',
    ].join('\n');
    expect(stripQuoted(text)).toBe('1. Since Monday morning.\n\n2. My ThinkPad T14, asset tag IT-20931.\n\n3. No, it does not.\n\nThanks, Alice');
  });

  it('keeps the top-posted text and the bottom-posted answer of a Gmail reply', () => {
    expect(stripQuoted('Quick update:\n\nOn Fri, 27 Nov 2026 at 09:00, IT Desk <helpdesk@example.com> wrote:\n> Does a restart help?\n\nNo.')).toBe('Quick update:\n\nNo.');
  });

  it('drops a "-- " signature', () => {
    expect(stripQuoted('It works.\n\n-- \nAlice Martin | Finance')).toBe('It works.');
  });
});

describe('stripSignature', () => {
  it('drops Outlook inline logos and a gateway\'s legal disclaimer (the original mail keeps them)', () => {
    const text = 'Hi,\n\nOutlook crashes when I open the shared calendar.\n\nBest regards\nAlice\n[cid:image001.png@01DB3F1A.2B4C5D60]\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee.';
    expect(stripSignature(text)).toBe('Hi,\n\nOutlook crashes when I open the shared calendar.\n\nBest regards\nAlice');
    expect(stripQuoted('收到，谢谢。\n\n本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。')).toBe('收到，谢谢。');
  });

  it('keeps a Gmail forward whose signature sits above the forwarded block', () => {
    const text = 'Can you look at this error?\n\n-- \nBob Stone | Sales\n\n---------- Forwarded message ---------\nFrom: SAP System <noreply@sap.example>\nDate: Fri, 27 Nov 2026\nSubject: Error\n\nPosting failed: error F5 702';
    const kept = stripSignature(text);
    expect(kept).toContain('Can you look at this error?');
    expect(kept).toContain('Posting failed: error F5 702');
    expect(kept).not.toContain('Bob Stone | Sales');
  });

  it('keeps forwarded content of a new mail but drops the signature', () => {
    const text = 'See the error below.\n\n---------- Forwarded message ---------\nFrom: System\nDate: today\nError 42\n\n-- \nBob';
    expect(stripSignature(text)).toContain('Error 42');
    expect(stripSignature(text)).not.toContain('Bob');
  });
});
