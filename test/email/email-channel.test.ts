import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { App } from '../../src/app';
import type { EmailChannel } from '../../channels/email/email.channel';
import { fixture } from './helpers/fixtures';
import { deliver, hasDovecot, readFolder, startDovecot, startSmtpCapture, type Dovecot, type SmtpCapture, describeWithServers } from './helpers/mail-servers';
import { eventually, HELPDESK, startMailApp } from './helpers/test-app';

const TICKET = /\b(INC|REQ)-\d{6}\b/;
const USERS = [HELPDESK, 'alice@example.com', 'bob@example.com', 'carol@example.com', 'zhang.wei@example.cn', 'mallory@example.org'];
const run = describeWithServers(hasDovecot ? null : 'dovecot');

run('mail channel against real Dovecot and SMTP', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let app: App;
  let channel: EmailChannel;
  let dir: string;

  beforeAll(async () => {
    dovecot = await startDovecot(USERS);
    smtp = await startSmtpCapture(dovecot.lmtpPort);
    ({ app, channel, dir } = await startMailApp({ imapPort: dovecot.imapPort, smtpPort: smtp.port, password: dovecot.password }));
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await dovecot?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const repliesTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
  async function replyTo(address: string, count = 1) {
    const mails = await eventually(() => repliesTo(address).length >= count && repliesTo(address));
    return simpleParser(mails[count - 1].raw);
  }
  const inbox = () => readFolder(dovecot.imapPort, HELPDESK, dovecot.password, 'INBOX');
  const processed = () => readFolder(dovecot.imapPort, HELPDESK, dovecot.password, 'Processed');

  it('opens a ticket for a new mail, replies in the thread, and files the mail as seen', async () => {
    await deliver(dovecot.lmtpPort, HELPDESK, [fixture('new-plain.eml')]);
    const reply = await replyTo('alice@example.com');

    const number = TICKET.exec(reply.subject ?? '')![0];
    expect(reply.subject).toBe(`Re: VPN keeps disconnecting every few minutes [${number}]`);
    expect(reply.inReplyTo).toBe('<CAO7h3x+9kQ2mZ1@mail.example.com>');
    expect(reply.messageId).toMatch(/^<fd\..+@example\.com>$/);
    expect(reply.headers.get('auto-submitted')).toBe('auto-replied');
    expect(reply.text).toContain(number);
    expect(reply.html).toContain('<p>');
    const ticket = await app.store.getTicketByNumber(number);
    expect(ticket?.description).toContain('GlobalProtect VPN drops every 5 minutes');
    const mailbox = await readFolder(dovecot.imapPort, 'alice@example.com', dovecot.password, 'INBOX');
    expect(mailbox.map((m) => m.raw)).toEqual([expect.stringContaining(`[${number}]`)]);
    await eventually(async () => (await processed()).length === 1);
    expect((await processed())[0].flags).toContain('\\Seen');
    expect(await inbox()).toEqual([]);
  });

  it('adds a Gmail reply to the same ticket without the quoted text', async () => {
    const first = await replyTo('alice@example.com');
    const number = TICKET.exec(first.subject ?? '')![0];
    await deliver(dovecot.lmtpPort, HELPDESK, [fixture('gmail-reply.eml', { SUBJECT: first.subject!, IN_REPLY_TO: first.messageId! })]);
    const second = await replyTo('alice@example.com', 2);

    expect(second.subject).toBe(first.subject);
    expect(second.inReplyTo).toBe('<CAO7h3x+reply1@mail.example.com>');
    expect(second.references).toEqual(expect.arrayContaining(['<CAO7h3x+9kQ2mZ1@mail.example.com>', '<CAO7h3x+reply1@mail.example.com>']));
    const ticket = (await app.store.getTicketByNumber(number))!;
    const comments = (await app.store.ticketEvents(ticket.id)).filter((e) => e.kind === 'user_comment');
    expect(comments.map((c) => String(c.data.text).split('\n\n')[0])).toEqual(['It happens on Wi-Fi and on the cable too. Restarting the laptop did not help.']);
    expect(String(comments[0].data.text)).not.toMatch(/wrote:|^>/m);
  });

  it('handles a GBK mail and an Outlook Chinese reply, answering in Chinese', async () => {
    await deliver(dovecot.lmtpPort, HELPDESK, [fixture('gbk-new.eml')]);
    const first = await replyTo('zhang.wei@example.cn');
    const number = TICKET.exec(first.subject ?? '')![0];
    expect(first.subject).toBe(`Re: 邮箱无法登录 [${number}]`);
    expect(first.headers.get('content-language')).toBe('zh-CN');
    expect(first.text).toMatch(/[\u4e00-\u9fff]/);

    await deliver(dovecot.lmtpPort, HELPDESK, [fixture('outlook-zh-reply.eml', { IN_REPLY_TO: first.messageId!, SUBJECT_ASCII: `[${number}]` })]);
    await replyTo('zhang.wei@example.cn', 2);
    const ticket = (await app.store.getTicketByNumber(number))!;
    const comments = (await app.store.ticketEvents(ticket.id)).filter((e) => e.kind === 'user_comment');
    expect(String(comments[0]?.data.text).split('\n\n')[0]).toBe('问题还在，换了密码以后手机上也登录不了。');
    expect(String(comments[0]?.data.text)).not.toContain('发件人');
  });

  it('reads an HTML-only mail as text and stores attachments listed on the ticket', async () => {
    await deliver(dovecot.lmtpPort, HELPDESK, [fixture('html-only.eml'), fixture('attachments.eml')]);
    const bob = await replyTo('bob@example.com');
    const carol = await replyTo('carol@example.com');

    const printer = (await app.store.getTicketByNumber(TICKET.exec(bob.subject ?? '')![0]))!;
    expect(printer.description).toContain('the printer HP-3F-01 shows offline for everyone in the café area.');
    const crash = (await app.store.getTicketByNumber(TICKET.exec(carol.subject ?? '')![0]))!;
    expect(crash.description).toContain('[attachment: 错误报告.pdf (');
    expect(crash.description).toContain('[attachment not stored, over the limit: memory.dmp.txt (100.0 KB)]');
    // The sender is told, once, with the configured limit (64 KB in these tests).
    expect(carol.text).toContain('These attachments were not accepted (more than 64.0 KB each, or too many files): memory.dmp.txt (100.0 KB).');
    const folders = fs.readdirSync(path.join(dir, 'attachments'));
    const files = folders.flatMap((f) => fs.readdirSync(path.join(dir, 'attachments', f)));
    expect(files).toEqual(expect.arrayContaining(['screen shot_.png', '错误报告.pdf']));
    expect(files).not.toContain('memory.dmp.txt');
  });

  it('keeps an out-of-office reply on the ticket without answering it, and ignores a bounce', async () => {
    const first = await replyTo('alice@example.com');
    const number = TICKET.exec(first.subject ?? '')![0];
    const aliceBefore = repliesTo('alice@example.com').length;
    await deliver(dovecot.lmtpPort, HELPDESK, [fixture('out-of-office.eml', { SUBJECT: first.subject!, IN_REPLY_TO: first.messageId! })]);
    await deliver(dovecot.lmtpPort, HELPDESK, [fixture('bounce.eml')], '');
    await eventually(async () => (await processed()).filter((m) => m.flags.includes('$FrontdeskIgnored')).length === 1);
    const ticket = (await app.store.getTicketByNumber(number))!;
    const held = await eventually(async () => (await app.store.ticketEvents(ticket.id)).find((e) => e.kind === 'held_without_reply'));
    expect(held.data).toMatchObject({ reason: 'auto_reply', from: 'alice@example.com' });
    await app.engine.idle();
    await app.dispatcher.drainDue();

    expect(repliesTo('alice@example.com')).toHaveLength(aliceBefore);
    expect(smtp.mails.filter((m) => m.to.some((t) => /mailer-daemon/i.test(t)))).toEqual([]);
    expect(await app.store.findConversation({ channel: 'email', conversationId: '20261126093100.ABC12@mx.example.com' })).toBeNull();
    // The thread's subject is still the requester's, not the auto-reply's.
    const conversation = (await app.store.getConversation(ticket.conversationId))!;
    expect(conversation.ref.extra?.subject).not.toMatch(/Automatic reply/);
  });

  it('does not let a forged reply join someone else\'s ticket, but honours the requester\'s own tag', async () => {
    const first = await replyTo('alice@example.com');
    const number = TICKET.exec(first.subject ?? '')![0];
    await deliver(dovecot.lmtpPort, HELPDESK, [fixture('forged-reply.eml', { TICKET: number })]);
    const mallory = await replyTo('mallory@example.org');
    const malloryTicket = TICKET.exec(mallory.subject ?? '')![0];
    expect(malloryTicket).not.toBe(number);
    expect(mallory.to).toMatchObject({ value: [{ address: 'mallory@example.org' }] });

    const aliceCount = repliesTo('alice@example.com').length;
    await deliver(dovecot.lmtpPort, HELPDESK, [fixture('tagged-update.eml', { TICKET: number })]);
    await replyTo('alice@example.com', aliceCount + 1);
    const ticket = (await app.store.getTicketByNumber(number))!;
    const texts = (await app.store.ticketEvents(ticket.id)).filter((e) => e.kind === 'user_comment').map((e) => String(e.data.text));
    expect(texts.some((t) => t.includes('GP-0x3A'))).toBe(true);
    expect(texts.some((t) => t.includes('VPN profile'))).toBe(false);
  });

  it('renders a choice as a numbered list and never drops a reply to a person, however many there are', async () => {
    const ref = { channel: 'email' as const, conversationId: 'cap-thread@example.com', userId: 'carol@example.com', extra: { subject: 'Cap test' } };
    const before = repliesTo('carol@example.com').length;
    await channel.send(ref, { kind: 'choice', text: 'Which one?', choices: [{ value: 'a', label: 'Laptop' }, { value: 'b', label: 'Phone' }] }, 900_001);
    const choice = await replyTo('carol@example.com', before + 1);
    expect(choice.text).toContain('1. Laptop\n2. Phone');

    // The old recipient cap (10 in 10 minutes) refused agent replies 5-8 to a busy user: no cap at send time now.
    for (let i = 2; i <= 14; i++) await channel.send(ref, { kind: 'text', text: `**Ria Admin**: update ${i}` }, 900_000 + i);
    expect(repliesTo('carol@example.com')).toHaveLength(before + 14);
  });
});
