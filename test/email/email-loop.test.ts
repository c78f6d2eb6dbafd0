import fs from 'node:fs';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import type { App } from '../../src/app';
import type { Agent } from '../../src/store/agent-store';
import { reply as agentReply, takeOver } from '../../src/handoff/agent-actions';
import { fixture, newMail } from './helpers/fixtures';
import { deliver, describeWithServers, readFolder, withImap } from './helpers/mail-servers';
import { missingServer, startRig, type MailRig } from './helpers/postfix-suite';
import { htmlAsText, numberingOf } from './helpers/numbering';
import { eventually, HELPDESK, startMailApp } from './helpers/test-app';

const ROBOT = 'monitor@robots.example';
const DESK2 = 'helpdesk2@example.com';
const ALICE = 'alice@example.com';
const admin: Agent = { id: 'root', name: 'Ria Admin', role: 'admin', groups: [] };

/**
 * A header-less auto-responder, as a badly written ticket robot or vacation script behaves: every mail in
 * its inbox gets "Re: subject" and the same text back through Postfix, with no Auto-Submitted, no
 * Precedence and no "Automatic reply" in the subject.
 */
function startRobot(rig: MailRig): { replies: () => number; stop: () => Promise<void> } {
  const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: rig.postfix.smtpPort, secure: false, ignoreTLS: true });
  let running = true;
  let answered = 0;
  const loop = (async () => {
    while (running) {
      await withImap(rig.dovecot.imapPort, ROBOT, rig.dovecot.password, async (client) => {
        const box = await client.mailboxOpen('INBOX');
        if (box.exists === 0) return;
        const uids = await client.search({ seen: false }, { uid: true });
        for (const uid of uids || []) {
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!message || !message.source) continue;
          const mail = await simpleParser(message.source);
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
          answered++;
          await smtp.sendMail({
            from: `Monitoring <${ROBOT}>`, to: HELPDESK, subject: `Re: ${mail.subject ?? ''}`,
            inReplyTo: mail.messageId, references: mail.messageId,
            text: `Thank you for your message to the monitoring desk. Note: reply number ${answered} of this mailbox. It is read on business days only.`,
          });
        }
      }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  return { replies: () => answered, stop: async () => { running = false; await loop; smtp.close(); } };
}

/** Mails the helpdesk `from` has sent to `to` (as they arrived in `to`'s mailbox). */
async function mailsFrom(rig: MailRig, to: string, from: string): Promise<number> {
  // A helpdesk files what it has read under Processed; count both folders.
  const mails = [
    ...await readFolder(rig.dovecot.imapPort, to, rig.dovecot.password, 'INBOX'),
    ...await readFolder(rig.dovecot.imapPort, to, rig.dovecot.password, 'Processed'),
  ];
  return mails.filter((m) => new RegExp(`^From:.*${from.replace(/[.]/g, '\\.')}`, 'im').test(m.raw)).length;
}

/** Waits until `count` stops changing for `quietMs`. */
async function quiet(count: () => Promise<number>, quietMs = 4000): Promise<number> {
  let last = await count();
  let since = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await count();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return now;
  }
}

describeWithServers(missingServer)('mail loops end by content and rhythm, and no human mail is dropped (real Postfix and Dovecot)', () => {
  let rig: MailRig;
  let desk2: { app: App; dir: string } | null = null;
  beforeAll(async () => {
    rig = await startRig([ROBOT, DESK2, ALICE, 'support@vendor.example', 'zhang.wei@example.com']);
  });
  afterAll(async () => {
    await desk2?.app.stop();
    if (desk2) fs.rmSync(desk2.dir, { recursive: true, force: true });
    await rig?.stop();
  });

  it('a header-less auto-responder gets at most 2 mails; a second Frontdesk at most 2; Alice and her agent lose nothing', async () => {
    const robot = startRobot(rig);
    desk2 = await startMailApp({ imapPort: rig.dovecot.imapPort, smtpPort: rig.postfix.smtpPort, password: rig.dovecot.password }, {
      address: DESK2, env: { MI_THRESHOLD_USERS: '1000' },
    });
    try {
      // The robot writes first (an alert), then answers whatever we send.
      await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail(ROBOT, 'Disk C: 91% full on SRV-12', 'Free space on C: of SRV-12 is below 10%.')]);
      // A colleague's mailbox rule forwards the other helpdesk's mail to ours: two bots face each other.
      await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail(DESK2, 'Printer queue stuck', 'The print queue on PRN-7 is stuck.')]);
      // Meanwhile Alice writes a lot, and an agent answers her a lot.
      for (let i = 0; i < 6; i++) {
        await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail(ALICE, `Request ${i}: ${['badge', 'monitor', 'keyboard', 'headset', 'docking station', 'mouse'][i]}`, `My ${['badge', 'monitor', 'keyboard', 'headset', 'docking station', 'mouse'][i]} needs replacing (request ${i}).`)]);
      }
      const aliceTickets = await eventually(async () => {
        await rig.app.engine.idle();
        const rows = rig.app.sqliteStore().db.prepare("SELECT number FROM tickets t JOIN users u ON u.id = t.requester_id WHERE u.platform_user_id = ?").all(ALICE) as { number: string }[];
        return rows.length === 6 && rows.map((r) => r.number);
      }, 30_000);
      await takeOver(rig.app.store, aliceTickets[0], admin, new Date());
      for (let i = 1; i <= 12; i++) await agentReply(rig.app.store, aliceTickets[0], admin, `Update ${i} on your badge: step ${i} done.`, new Date());
      rig.app.dispatcher.kick();

      const toRobot = await quiet(() => mailsFrom(rig, ROBOT, HELPDESK), 6000);
      const toDesk2 = await quiet(() => mailsFrom(rig, DESK2, HELPDESK));
      const fromDesk2 = await mailsFrom(rig, HELPDESK, DESK2).catch(() => 0);
      console.info(`loop test: bot mails to the header-less robot ${toRobot} (robot answered ${robot.replies()}), to the second Frontdesk ${toDesk2}`);
      expect(toRobot).toBeLessThanOrEqual(2);
      expect(toDesk2).toBeLessThanOrEqual(2);
      expect(fromDesk2).toBeLessThanOrEqual(2);

      const aliceMails = await eventually(async () => {
        const n = await mailsFrom(rig, ALICE, HELPDESK);
        return n >= 19 && n;
      }, 30_000);
      console.info(`loop test: Alice got ${aliceMails} of 19 mails (6 acknowledgements, the agent joining, 12 agent replies); failed outbox rows ${await rig.app.store.countOutbox('failed')}`);
      expect(aliceMails).toBe(19);
      expect(await rig.app.store.countOutbox('failed')).toBe(0);
      // The held robot mail is on its ticket for agents to see.
      const held = rig.app.sqliteStore().db.prepare("SELECT count(*) AS n FROM ticket_events WHERE kind = 'held_without_reply'").get() as { n: number };
      expect(held.n).toBeGreaterThanOrEqual(1);
    } finally {
      await robot.stop();
    }
  });

  it.each([
    ['auto-outlook-noheaders.eml', 'Outlook "Automatic reply:" without headers'],
    ['auto-oof-autoreply.eml', '"Out of Office AutoReply:"'],
    ['auto-zh-foxmail.eml', 'Foxmail 自动回复'],
    ['auto-read-receipt.eml', 'a read receipt (multipart/report disposition-notification)'],
    ['auto-calendar-accepted.eml', 'a calendar "Accepted:" (text/calendar METHOD:REPLY)'],
    ['auto-vendor-ack.eml', "a vendor's ticket acknowledgement"],
  ])('%s (%s) is kept on the ticket and not answered', async (file) => {
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail(ALICE, `Webcam ${file}`, `My webcam shows a black picture (${file}).`)]);
    const ack = await eventually(async () => {
      const mails = await readFolder(rig.dovecot.imapPort, ALICE, rig.dovecot.password, 'INBOX');
      const parsed = await Promise.all(mails.map((m) => simpleParser(m.raw)));
      return parsed.find((m) => m.subject?.includes(file));
    });
    const number = /\b(INC|REQ)-\d{6}\b/.exec(ack.subject ?? '')![0];
    const before = await mailsFrom(rig, ALICE, HELPDESK);
    const vendorBefore = await mailsFrom(rig, 'support@vendor.example', HELPDESK).catch(() => 0);
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [fixture(file, { SUBJECT: ack.subject!, IN_REPLY_TO: ack.messageId!, N: String(Date.now()) })]);
    const ticket = (await rig.app.store.getTicketByNumber(number))!;
    await eventually(async () => (await rig.app.store.ticketEvents(ticket.id)).some((e) => e.kind === 'held_without_reply' || e.kind === 'third_party_comment'));
    await rig.app.engine.idle();
    await rig.app.dispatcher.drainDue();
    expect(await mailsFrom(rig, ALICE, HELPDESK)).toBe(before);
    expect(await mailsFrom(rig, 'support@vendor.example', HELPDESK).catch(() => 0)).toBe(vendorBefore);
  });
  it('numbers every mail it sent in this suite the same in the text and the HTML part', async () => {
    const mails = await rig.sentMails();
    expect(mails.length).toBeGreaterThan(5);
    for (const mail of mails) {
      expect(mail.html).toBeTruthy();
      expect({ subject: mail.subject, html: numberingOf(htmlAsText(String(mail.html))) }).toEqual({ subject: mail.subject, html: numberingOf(mail.text ?? '') });
      expect(mail.text).toContain('\n-- \n');
    }
  });
});
