import { composeReply, replySubject } from '../../channels/email/compose-reply';
import { LoopGuard } from '../../channels/email/loop-guard';
import { verifyMessageId } from '../../channels/email/thread-token';
import type { ConversationRef, OutboundMessage } from '../../src/types/conversation';
import { htmlAsText, numberingOf } from './helpers/numbering';

const sender = { address: 'helpdesk@example.com', name: 'IT Service Desk', domain: 'example.com', threadSecret: 'compose-secret-0123456789' };
const ref: ConversationRef = {
  channel: 'email', conversationId: 'root@mail.example.com', userId: 'alice@example.com',
  extra: { subject: 'RE: Re: VPN drops', messageId: '<r2@mail.example.com>', references: '<root@mail.example.com>', cc: 'bob@example.com, helpdesk@example.com' },
};

describe('composeReply', () => {
  it('replies in the thread with a signed Message-ID, the tag and loop-suppression headers', () => {
    const mail = composeReply(ref, { kind: 'text', text: 'We opened INC-000123 for you.' }, 9, sender);
    expect(mail.subject).toBe('Re: VPN drops [INC-000123]');
    expect(mail.to).toBe('alice@example.com');
    expect(mail.cc).toEqual(['bob@example.com']);
    expect(mail.inReplyTo).toBe('<r2@mail.example.com>');
    expect(mail.references).toEqual(['<root@mail.example.com>', '<r2@mail.example.com>']);
    expect(verifyMessageId(sender.threadSecret, String(mail.messageId))?.conversationId).toBe('root@mail.example.com');
    expect(mail.headers).toMatchObject({ 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' });
  });

  it('renders a choice as the same numbered list in text and HTML, in Chinese for Chinese text', () => {
    const mail = composeReply(ref, { kind: 'choice', text: '请选择问题类型：', choices: [{ value: 'a', label: '密码' }, { value: 'b', label: '网络' }] }, 10, sender);
    expect(mail.text).toContain('1. 密码\n2. 网络');
    expect(mail.text).toContain('请回复选项编号');
    expect(mail.html).toContain('1. 密码<br>\n2. 网络');
    expect(mail.html).not.toContain('<ol');
    expect(mail.html).toContain('lang="zh-CN"');
  });

  // Every kind of mail the bot sends, in both languages: the HTML part numbers exactly as the text part.
  const kinds: [string, OutboundMessage][] = [
    ['a dialog form with a blank line before its questions', { kind: 'form', text: 'Please answer in one reply:\n\n1. What happens?\n2. Since when?\n3. Which device?\n4. Asset tag?\n5. How urgent?', fields: [1, 2, 3, 4, 5].map((n) => ({ id: `q${n}`, label: `${n}. q` })) }],
    ['a Chinese dialog form', { kind: 'form', text: '请在一封回复中回答：\n\n1. 出现了什么问题？\n2. 从什么时候开始？\n3. 哪台设备？\n4. 资产编号？', fields: [1, 2, 3, 4].map((n) => ({ id: `q${n}`, label: `${n}. 问` })) }],
    ['a form numbered by the renderer', { kind: 'form', text: 'A few questions:', fields: [{ id: 'a', label: 'Since when?' }, { id: 'b', label: 'Which device?', choices: [{ value: 'l', label: 'Laptop' }, { value: 'p', label: 'Phone' }] }] }],
    ['a choice', { kind: 'choice', text: 'Which one?', choices: [{ value: 'a', label: 'Laptop' }, { value: 'b', label: 'Phone' }, { value: 'c', label: 'Other' }] }],
    ['a KB card with choices', { kind: 'card', title: 'These articles may help', text: '1. Reset your VPN profile\n2. Reinstall the client', fields: [], links: [], choices: [{ value: 'y', label: 'That solved it' }, { value: 'n', label: 'Log a ticket' }] }],
    ['a text with two numbered blocks', { kind: 'text', text: 'Steps:\n1. Restart\n2. Log in\n\n3. Open the VPN client\n4. Connect' }],
  ];
  it.each(kinds)('numbers %s the same in the text and HTML parts', (_name, message) => {
    const mail = composeReply(ref, message, 20, sender);
    expect(numberingOf(htmlAsText(String(mail.html)))).toEqual(numberingOf(String(mail.text)));
    expect(numberingOf(String(mail.text)).length).toBeGreaterThan(1);
  });

  it('numbers a KB offer once: the articles become bullets, only the answers are numbered', () => {
    const offer: OutboundMessage = {
      kind: 'card', title: 'Suggested articles', text: 'These articles may solve it:\n1. **Reset VPN**: Remove the profile.\n2. **Reinstall**: Get the client.\n\nDid this solve it?',
      fields: [], links: [{ label: 'Reset VPN', url: 'http://localhost:3000/kb/vpn-reset' }], choices: [{ value: 'yes', label: 'Yes, solved' }, { value: 'no', label: 'No, I still need help' }],
    };
    const mail = composeReply(ref, offer, 18, sender);
    expect(numberingOf(String(mail.text))).toEqual([1, 2]);
    expect(String(mail.text)).toContain('• Reset VPN: Remove the profile.');
    expect(String(mail.text)).toContain('1. Yes, solved\n2. No, I still need help');
  });

  it('marks only the bot\'s own mail Auto-Submitted, not an agent\'s reply', () => {
    expect(composeReply(ref, { kind: 'text', text: 'We opened INC-000123 for you.' }, 16, sender).headers).toMatchObject({ 'Auto-Submitted': 'auto-replied' });
    const human = composeReply(ref, { kind: 'text', text: '**Ria Admin**: I have reset your token, please try again.' }, 17, sender);
    expect(human.headers).not.toHaveProperty('Auto-Submitted');
    expect(human.headers).toMatchObject({ 'X-Loop': 'helpdesk@example.com' });
  });

  it('signs off with the RFC 3676 separator "-- " (trailing space)', () => {
    const mail = composeReply(ref, { kind: 'text', text: 'Hello.' }, 15, sender);
    expect(String(mail.text)).toContain('\n-- \nReply to this mail');
  });

  it('sends a form as one mail listing every question', () => {
    const mail = composeReply(ref, { kind: 'form', text: 'A few questions:', fields: [{ id: 'since', label: 'Since when?' }, { id: 'device', label: 'Which device?' }] }, 11, sender);
    expect(mail.text).toContain('1. Since when?:\n2. Which device?:');
  });

  it('sends a dialog form whose text already lists the questions as that text alone', () => {
    const text = 'Please answer in one reply:\n1. Where are you connecting from?\n2. Who is affected?';
    const mail = composeReply(ref, { kind: 'form', text, fields: [{ id: 'where', label: '1. Where' }, { id: 'who', label: '2. Who' }] }, 13, sender);
    expect(String(mail.text).startsWith(`${text}\n\n--`)).toBe(true);
  });

  it('keeps markdown bold out of the text part but renders it in HTML', () => {
    const mail = composeReply(ref, { kind: 'text', text: 'Logged as **INC-000123**.' }, 14, sender);
    expect(mail.text).toContain('Logged as INC-000123.');
    expect(mail.html).toContain('<strong>INC-000123</strong>');
  });

  it('escapes HTML in the text', () => {
    expect(String(composeReply(ref, { kind: 'text', text: '<script>x</script>' }, 12, sender).html)).toContain('&lt;script&gt;');
  });

  it('strips stacked reply prefixes and old tags, and adds the tag it is given', () => {
    expect(replySubject('Re: AW: 回复: Printer [REQ-000002]', null, 'en')).toBe('Re: Printer');
    expect(replySubject('', 'INC-000001', 'zh')).toBe('Re: 您的 IT 请求 [INC-000001]');
  });
});

describe('LoopGuard', () => {
  it('holds a near-identical body that arrives within seconds of our reply, and nothing a person writes slowly', () => {
    let now = 0;
    const guard = new LoopGuard({ echoMs: 60_000 }, () => now);
    expect(guard.judge('robot@vendor.example', 'Your request #100 was received. We will answer within 2 days.', [])).toBeNull();
    guard.noteSent(['robot@vendor.example']);
    now += 3_000;
    expect(guard.judge('robot@vendor.example', 'Your request #101 was received. We will answer within 2 days.', [])).toBe('loop');
    // A person who repeats themselves minutes later is answered.
    guard.noteSent(['alice@example.com']);
    now += 300_000;
    expect(guard.judge('alice@example.com', 'The VPN still drops every five minutes.', [])).toBeNull();
    guard.noteSent(['alice@example.com']);
    now += 240_000;
    expect(guard.judge('alice@example.com', 'The VPN still drops every five minutes.', [])).toBeNull();
  });

  it('recognises Chinese echoes by character bigrams, and different problems as different', () => {
    let now = 0;
    const guard = new LoopGuard({}, () => now);
    expect(guard.judge('bot@example.cn', '您好，您的邮件已收到，我们会尽快处理。编号 77', [])).toBeNull();
    guard.noteSent(['bot@example.cn']);
    now += 2_000;
    expect(guard.judge('bot@example.cn', '打印机无法连接网络，请帮忙看看', [])).toBeNull();
    guard.noteSent(['bot@example.cn']);
    now += 2_000;
    expect(guard.judge('bot@example.cn', '您好，您的邮件已收到，我们会尽快处理。编号 78', [])).toBe('loop');
  });

  it('bounds bot-answered mail per address, counting every recipient of the answer (Cc included)', () => {
    let now = 0;
    const guard = new LoopGuard({ capPerWindow: 2, windowMs: 1000 }, () => now);
    expect(guard.judge('a@x.example', 'one', ['victim@x.example'])).toBeNull();
    expect(guard.judge('b@x.example', 'two', ['victim@x.example'])).toBeNull();
    expect(guard.judge('c@x.example', 'three', ['victim@x.example'])).toBe('rate_cap');
    now = 1000;
    expect(guard.judge('c@x.example', 'three', ['victim@x.example'])).toBeNull();
  });
});
