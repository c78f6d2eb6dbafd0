import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mailFolder, sanitizeFileName } from '../../channels/email/attachments';
import { mapInbound, type MapDeps } from '../../channels/email/inbound-map';
import { parseMail } from '../../channels/email/parse-mail';
import { ourMessageId } from '../../channels/email/thread-token';
import { fixture } from './helpers/fixtures';

const SECRET = 'unit-test-thread-secret-0123456';
let dir: string;
let deps: MapDeps;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-mail-map-'));
  deps = { ourAddresses: ['helpdesk@example.com'], threadSecret: SECRET, attachments: { dir, maxBytes: 64 * 1024, maxCount: 10 } };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function map(raw: Buffer, extra: Partial<MapDeps> = {}) {
  const result = await mapInbound(await parseMail(raw), raw, { ...deps, ...extra });
  if (result.kind !== 'message') throw new Error(`expected a message, got ${result.reason}`);
  return result;
}

describe('parse and map inbound mail', () => {
  it('maps a new plain mail: subject first, signature dropped, thread keyed by its Message-ID', async () => {
    const { message, threadedBy } = await map(fixture('new-plain.eml'));
    expect(threadedBy).toBe('new');
    expect(message.platformMessageId).toBe('<CAO7h3x+9kQ2mZ1@mail.example.com>');
    expect(message.ref).toMatchObject({ channel: 'email', conversationId: 'CAO7h3x+9kQ2mZ1@mail.example.com', userId: 'alice@example.com' });
    expect(message.text.startsWith('VPN keeps disconnecting every few minutes\n\nHi,')).toBe(true);
    expect(message.text).not.toContain('+49 30');
    // Her Date header's offset (+0100) is her clock: due times in the reply are told on it.
    expect(message.user).toEqual({ email: 'alice@example.com', name: 'Alice Martin', timeZone: 'Etc/GMT-1' });
  });

  it('a Chinese mail client\'s +0800 is the sender\'s zone; +0000 (a server\'s) and odd offsets say nothing', async () => {
    const { message } = await map(fixture('gbk-new.eml'));
    expect(message.user?.timeZone).toBe('Etc/GMT-8');
    const plain = fixture('new-plain.eml').toString('latin1');
    for (const [offset, zone] of [['+0000', undefined], ['-0500 (EST)', 'Etc/GMT+5'], ['+0530', 'Asia/Kolkata'], ['+0545', undefined]] as const) {
      const { message: m } = await map(Buffer.from(plain.replace('+0100', offset), 'latin1'));
      expect(m.user?.timeZone).toBe(zone);
    }
  });

  it('turns an HTML-only ISO-8859-1 mail into text', async () => {
    const { message } = await map(fixture('html-only.eml'));
    expect(message.text).toContain('the printer HP-3F-01 shows offline for everyone in the café area.');
    expect(message.text).not.toMatch(/<\/?[a-z]+>|margin/);
  });

  it('decodes GBK subject, sender name and body', async () => {
    const { message } = await map(fixture('gbk-new.eml'));
    expect(message.text.startsWith('邮箱无法登录\n\n你好，')).toBe(true);
    expect(message.text).toContain('一直提示密码错误');
    expect(message.user?.name).toBe('张伟');
  });

  it('threads an Outlook GB2312 reply by our signed Message-ID and strips the quoted original', async () => {
    const ours = ourMessageId(SECRET, '202611261705000123@example.cn', 7, 'example.com');
    const raw = fixture('outlook-zh-reply.eml', { IN_REPLY_TO: ours, SUBJECT_ASCII: '' });
    const { message, threadedBy } = await map(raw);
    expect(threadedBy).toBe('reference');
    expect(message.ref.conversationId).toBe('202611261705000123@example.cn');
    expect(message.text.split('\n\n')[0]).toBe('问题还在，换了密码以后手机上也登录不了。');
    expect(message.text).not.toContain('发件人');
    // The original is kept on disk, but the internal reference stays out of the user's text (issue #19, 10).
    expect(message.text).not.toMatch(/original mail|original\.eml/);
    expect(fs.existsSync(path.join(mailFolder(dir, message.platformMessageId), 'original.eml'))).toBe(true);
  });

  it('stores attachments under sanitized names, lists them, and skips the oversized one', async () => {
    const { message } = await map(fixture('attachments.eml'));
    const stored = fs.readdirSync(fs.readdirSync(dir).map((d) => path.join(dir, d))[0]).sort();
    expect(stored).toEqual(['screen shot_.png', '错误报告.pdf']);
    expect(message.text).toContain('[attachment: screen shot_.png (70 B)]');
    expect(message.text).toContain('[attachment: 错误报告.pdf (');
    expect(message.text).toContain('[attachment not stored, over the limit: memory.dmp.txt (100.0 KB)]');
  });

  it('ignores the out-of-office reply and the bounce', async () => {
    const oof = fixture('out-of-office.eml', { SUBJECT: 'x', IN_REPLY_TO: '<a@b>' });
    expect(await mapInbound(await parseMail(oof), oof, deps)).toEqual({ kind: 'ignored', reason: 'auto_submitted' });
    const bounce = fixture('bounce.eml');
    expect((await mapInbound(await parseMail(bounce), bounce, deps)).kind).toBe('ignored');
  });

  it('accepts a subject tag from the requester but not from someone else', async () => {
    const lookupTicketThread = async () => ({ conversationId: 'alice-thread', requesterEmail: 'alice@example.com', cc: [] });
    const tagged = await map(fixture('tagged-update.eml', { TICKET: 'INC-000001' }), { lookupTicketThread });
    expect(tagged).toMatchObject({ threadedBy: 'tag', message: { ref: { conversationId: 'alice-thread' } } });
    const forged = await map(fixture('forged-reply.eml', { TICKET: 'INC-000001' }), { lookupTicketThread });
    expect(forged.threadedBy).toBe('new');
    expect(forged.message.ref.conversationId).toBe('forged-42@example.org');
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\report.docx', 'report.docx'],
    ['..', 'fallback.bin'],
    ['CON.txt', 'fallback.bin'],
    ['a\u0000b<c>.txt', 'a_b_c_.txt'],
  ])('%j -> %j', (input, expected) => {
    expect(sanitizeFileName(input, 'fallback.bin')).toBe(expected);
  });

  it('keeps the extension when it shortens a long name', () => {
    const name = sanitizeFileName(`${'x'.repeat(300)}.pdf`, 'f');
    expect(name).toHaveLength(100);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('decodes an undeclared 8-bit GB2312 subject (old Foxmail) as mail clients do, instead of echoing it garbled', async () => {
    const mail = await parseMail(fixture('foxmail-gbk-8bit-subject.eml'));
    expect(mail.subject).toBe('打印机无法打印，急！');
    expect(mail.text).toContain('一直显示脱机');
  });

  it('holds a colleague\'s reply on the requester\'s thread as their comment; with the watch policy an internal one is copied later', async () => {
    const ours = ourMessageId(SECRET, 'thread-of-carol@example.com', 3, 'example.com');
    const owner = { requester: 'carol@example.com', ref: { channel: 'email' as const, conversationId: 'thread-of-carol@example.com', userId: 'carol@example.com', extra: { subject: 'Laptop battery swells', cc: 'dan@example.com' } } };
    const raw = fixture('thunderbird-colleague-reply.eml', { ID: 'u1', SUBJECT: 'Re: Laptop battery swells', REFERENCES: ours, IN_REPLY_TO: ours, FROM: 'bob@example.com', FROM_NAME: 'Bob Stone', BODY: 'Mine too.' });
    const lookupThreadOwner = async () => owner;
    const comment = await map(raw, { lookupThreadOwner });
    expect(comment.message.hold).toEqual({ reason: 'third_party', from: 'bob@example.com', name: 'Bob Stone' });
    expect(comment.message.ref).toEqual(owner.ref);
    expect(comment.message.user).toBeUndefined();
    const watch = await map(raw, { lookupThreadOwner, copyPolicy: { internalDomains: ['example.com'], maxCopies: 5, thirdParty: 'watch' } });
    expect(watch.message.ref.userId).toBe('carol@example.com');
    expect(watch.message.ref.extra?.cc).toBe('dan@example.com, bob@example.com');
  });
});
