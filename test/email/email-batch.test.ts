import fs from 'node:fs';
import { simpleParser } from 'mailparser';
import type { App } from '../../src/app';
import { deliver, hasDovecot, readFolder, startDovecot, startSmtpCapture, type Dovecot, type SmtpCapture, describeWithServers } from './helpers/mail-servers';
import { eventually, HELPDESK, startMailApp } from './helpers/test-app';

const TICKET = /\b(INC|REQ)-\d{6}\b/;
const USERS = ['ann', 'ben', 'cleo', 'dan', 'eve', 'finn'].map((u) => `${u}@example.com`);
const GUS = 'gus@example.com';
const run = describeWithServers(hasDovecot ? null : 'dovecot');

function mail(from: string, messageId: string, subject: string, body: string): string {
  return [
    `From: ${from}`, `To: ${HELPDESK}`, `Subject: ${subject}`, `Message-ID: ${messageId}`,
    'Date: Thu, 26 Nov 2026 09:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, '',
  ].join('\r\n');
}

run('mail batches: grouped store, filing after the store, pooled replies', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let app: App;
  let dir: string;
  /** What the inbox looked like each time the channel reported a mail stored (before filing). */
  const atStore: Array<{ messageId: string; stored: boolean; inbox: { raw: string; flags: string[] }[] }> = [];

  beforeAll(async () => {
    dovecot = await startDovecot([HELPDESK, ...USERS, GUS]);
    smtp = await startSmtpCapture();
    const ports = { imapPort: dovecot.imapPort, smtpPort: smtp.port, password: dovecot.password };
    ({ app, dir } = await startMailApp(ports, {
      // Alike reports from many people would form a major incident and its notices: not what this file tests.
      env: { MI_THRESHOLD_USERS: '1000' },
      channel: {
        // Small batches, so one delivery spans several FETCH/store/file rounds.
        imap: { host: '127.0.0.1', port: dovecot.imapPort, secure: false, user: HELPDESK, pass: dovecot.password, pollIntervalMs: 2_000, batchSize: 4 },
        onAccepted: async (_uid, messageId) => {
          const conversation = await app.store.findConversation({ channel: 'email', conversationId: messageId.replace(/^<|>$/g, '') });
          atStore.push({ messageId, stored: conversation !== null, inbox: await readFolder(dovecot.imapPort, HELPDESK, dovecot.password, 'INBOX') });
        },
      },
    }));
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await dovecot?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const processed = () => readFolder(dovecot.imapPort, HELPDESK, dovecot.password, 'Processed');
  /** Every stored mail answered and every reply sent, so the next test counts only its own. */
  async function settle(): Promise<void> {
    await app.engine.idle();
    await app.dispatcher.drainDue();
  }

  it('marks a mail seen and moves it only after it is stored', async () => {
    const ids = USERS.map((u, i) => `<batch-${i}@example.com>`);
    await deliver(dovecot.lmtpPort, HELPDESK, USERS.map((u, i) => mail(u, ids[i], `Laptop fan is very loud (${i})`, `My laptop fan is loud since update ${i}.`)));
    await eventually(async () => (await processed()).length === USERS.length);
    await smtp.waitFor(USERS.length);
    await settle();

    expect(atStore.map((s) => s.messageId).sort()).toEqual([...ids].sort());
    for (const snapshot of atStore) {
      expect(snapshot.stored).toBe(true);
      const own = snapshot.inbox.find((m) => m.raw.includes(`Message-ID: ${snapshot.messageId}`));
      expect(own?.flags).not.toContain('\\Seen');
    }
    expect((await processed()).every((m) => m.flags.includes('\\Seen'))).toBe(true);
  });

  it('files a mail the engine rejects as failed without losing or blocking the rest of its batch', async () => {
    const huge = `${'x'.repeat(400)}@example.com`; // longer than any stored address may be
    const filedBefore = (await processed()).length;
    const repliesBefore = smtp.mails.length;
    await deliver(dovecot.lmtpPort, HELPDESK, [
      mail('ann@example.com', '<ok-1@example.com>', 'Monitor flickers', 'The second monitor flickers.'),
      mail(huge, '<too-long-sender@example.com>', 'Broken', 'This sender cannot be stored.'),
      mail('ben@example.com', '<ok-2@example.com>', 'Keyboard missing keys', 'Two keys fell off my keyboard.'),
    ], 'ann@example.com');
    await eventually(async () => (await processed()).length === filedBefore + 3);
    await eventually(() => smtp.mails.length >= repliesBefore + 2);
    await settle();

    const filed = await processed();
    const rejected = filed.find((m) => m.raw.includes('<too-long-sender@example.com>'))!;
    expect(rejected.flags).toEqual(expect.arrayContaining(['$FrontdeskFailed', '\\Seen']));
    const fine = filed.filter((m) => /<ok-[12]@example\.com>/.test(m.raw));
    expect(fine.map((m) => m.flags.includes('$FrontdeskFailed'))).toEqual([false, false]);
    const replied = smtp.mails.slice(repliesBefore).flatMap((m) => m.to);
    expect(replied.sort()).toEqual(['ann@example.com', 'ben@example.com']);
    expect(await readFolder(dovecot.imapPort, HELPDESK, dovecot.password, 'INBOX')).toEqual([]);
  });

  it('stores a Message-ID seen twice in one batch once', async () => {
    const before = smtp.mails.length;
    const twice = mail(GUS, '<twice@example.com>', 'Docking station dead', 'The docking station does not power on.');
    await deliver(dovecot.lmtpPort, HELPDESK, [twice, twice]);
    await eventually(async () => (await processed()).filter((m) => m.raw.includes('<twice@example.com>')).length === 2);
    await smtp.waitFor(before + 1);
    await settle();

    expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([[GUS]]);
    const conversation = (await app.store.findConversation({ channel: 'email', conversationId: 'twice@example.com' }))!;
    expect(await app.store.ticketsForUser(conversation.userId, 10)).toHaveLength(1);
  });

  it('threads every acknowledgement to its own mail when replies go out in parallel', async () => {
    const start = smtp.mails.length;
    const sent = USERS.map((u, i) => ({ from: u, id: `<parallel-${i}@example.com>`, subject: `Cannot open shared drive S (${i})` }));
    await deliver(dovecot.lmtpPort, HELPDESK, sent.map((s) => mail(s.from, s.id, s.subject, `Access denied on the S drive, case ${s.id}.`)));
    const replies = await Promise.all((await smtp.waitFor(start + sent.length)).slice(start).map((m) => simpleParser(m.raw)));

    for (const s of sent) {
      const reply = replies.find((r) => r.inReplyTo === s.id);
      expect(reply).toBeDefined();
      expect(reply!.to).toMatchObject({ value: [{ address: s.from }] });
      expect(reply!.references).toContain(s.id);
      const number = TICKET.exec(reply!.subject ?? '')?.[0];
      expect(reply!.subject).toBe(`Re: ${s.subject} [${number}]`);
      const ticket = (await app.store.getTicketByNumber(number!))!;
      expect(ticket.description).toContain(`case ${s.id}`);
    }
    expect(new Set(replies.map((r) => TICKET.exec(r.subject ?? '')?.[0])).size).toBe(sent.length);
  });
});
