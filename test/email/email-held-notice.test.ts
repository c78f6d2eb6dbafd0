import type { ParsedMail } from 'mailparser';
import { ticketView } from '../../src/console/views';
import type { Agent } from '../../src/store/agent-store';
import { rawMail } from '../transcripts/helpers/mail-app';
import { fixture, newMail } from './helpers/fixtures';
import { deliver, describeWithServers } from './helpers/mail-servers';
import { missingServer, startRig, type MailRig } from './helpers/postfix-suite';
import { eventually, HELPDESK } from './helpers/test-app';

const ALICE = 'alice@example.com';
const ZHANG = 'zhang.wei@example.com';
const CAROL = 'carol@example.com';
const admin: Agent = { id: 'root', name: 'Ria Admin', role: 'admin', groups: [] };
const PAUSED = { en: 'automatic replies to it are paused', zh: '自动回复暂时暂停' };

/** The helpdesk's mails in `user`'s inbox, oldest first. */
async function fromDesk(rig: MailRig, user: string): Promise<ParsedMail[]> {
  const mails = (await rig.inboxOf(user)).filter((m) => m.from?.value.some((a) => a.address === HELPDESK));
  return mails.sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
}

/** Waits until the helpdesk has sent `user` exactly `count` mails and nothing more comes for a moment. */
async function settledCount(rig: MailRig, user: string, count: number): Promise<ParsedMail[]> {
  await eventually(async () => (await fromDesk(rig, user)).length >= count, 20_000);
  await rig.app.engine.idle();
  await rig.app.dispatcher.drainDue();
  // A second notice would be mailed right after the held mail is stored: give it time to show up.
  await new Promise((r) => setTimeout(r, 2_500));
  return fromDesk(rig, user);
}

/** The ticket number in a subject. */
function ticketOf(mail: ParsedMail): string {
  return /\b(?:INC|REQ)-\d{6}\b/.exec(mail.subject ?? '')![0];
}

let seq = 0;
/** A reply to `to` (one of our mails) as a plain mail client sends it. */
function replyTo(from: string, name: string, to: ParsedMail, body: string): string {
  return rawMail({ from, name, subject: `Re: ${to.subject ?? ''}`, id: `reply-${Date.now()}-${++seq}@client.example`, inReplyTo: to.messageId!, body });
}

describeWithServers(missingServer)('a held mail: its sender is told once, robots never, agents see it (real Postfix and Dovecot)', () => {
  let rig: MailRig;
  beforeAll(async () => {
    // A small cap, so a person writing a lot reaches it in a test; the rhythm check stays as it is.
    rig = await startRig([ALICE, ZHANG, CAROL], { loopGuard: { capPerWindow: 3 } });
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it('a person past the cap gets one notice (Auto-Submitted, in the thread, tagged); an out-of-office gets none; agents see every held mail', async () => {
    for (const [i, thing] of ['badge', 'monitor', 'keyboard'].entries()) {
      await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail(ALICE, `My ${thing} needs replacing`, `My ${thing} is broken and needs replacing (request ${i}).`)]);
      await eventually(async () => (await fromDesk(rig, ALICE)).length === i + 1, 20_000);
    }
    const [ack] = await fromDesk(rig, ALICE);
    const number = ticketOf(ack);
    // Her out-of-office answers our mail: kept, never answered, and a robot is never told anything.
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [fixture('out-of-office.eml', { SUBJECT: ack.subject!, IN_REPLY_TO: ack.messageId! })]);
    // Then she writes on her badge ticket: past the cap, held, and she is told.
    const update = 'The badge reader at door 4 also refuses my badge since yesterday.';
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [replyTo(ALICE, 'Alice Martin', ack, update)]);
    const afterFirst = await settledCount(rig, ALICE, 4);
    expect(afterFirst).toHaveLength(4);
    const notice = afterFirst[3];
    expect(notice.text).toContain(PAUSED.en);
    expect(notice.headers.get('auto-submitted')).toBe('auto-replied');
    expect(notice.subject).toContain(`[${number}]`);
    expect(notice.inReplyTo).toMatch(/^<reply-/);
    // More mail in the same episode: held as well, and no second notice.
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [replyTo(ALICE, 'Alice Martin', ack, 'Also the car park barrier does not open for my badge.')]);
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [replyTo(ALICE, 'Alice Martin', ack, 'And the printer release station rejects it too.')]);
    await eventually(async () => {
      const ticket = (await rig.app.store.getTicketByNumber(number))!;
      return (await rig.app.store.ticketEvents(ticket.id)).filter((e) => e.kind === 'held_without_reply').length === 4;
    }, 20_000);
    expect(await settledCount(rig, ALICE, 4)).toHaveLength(4);

    // Agents see the held mails on the ticket, with their text and why they were held.
    const ticket = (await rig.app.store.getTicketByNumber(number))!;
    const view = await ticketView(rig.app.store, ticket, admin);
    const held = view.events.filter((e) => e.kind === 'held_without_reply').map((e) => e.data as { reason: string; text: string });
    expect(held.map((h) => h.reason)).toEqual(['auto_reply', 'rate_cap', 'rate_cap', 'rate_cap']);
    expect(held[1].text).toContain(update);
    expect(view.transcript.some((m) => m.direction === 'in' && m.text.includes('printer release station'))).toBe(true);
  }, 90_000);

  it('tells a Chinese-speaking person in Chinese', async () => {
    const problems = ['我的显示器一直闪烁，没法正常工作。', '打印机卡纸了，三楼的那台。', '键盘有几个键失灵了。'];
    for (const [i, body] of problems.entries()) {
      await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail(ZHANG, `报修 ${i + 1}`, body)]);
      await eventually(async () => (await fromDesk(rig, ZHANG)).length === i + 1, 20_000);
    }
    const [ack] = await fromDesk(rig, ZHANG);
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [replyTo(ZHANG, '张伟', ack, '显示器今天更严重了，整个屏幕都在闪，请尽快安排人处理。')]);
    const mails = await settledCount(rig, ZHANG, 4);
    expect(mails).toHaveLength(4);
    expect(mails[3].text).toContain(PAUSED.zh);
    expect(mails[3].headers.get('auto-submitted')).toBe('auto-replied');
  }, 60_000);

  it('a mail sent twice (a new mail with the same text seconds after our answer) joins the first ticket, held, and its sender is told once', async () => {
    const subject = 'VPN drops every five minutes';
    const body = 'Since this morning the VPN drops every five minutes when I work from home, and Teams calls end with it.';
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail(CAROL, subject, body)]);
    const [ack] = await eventually(async () => {
      const mails = await fromDesk(rig, CAROL);
      return mails.length === 1 && mails;
    }, 20_000);
    const number = ticketOf(ack);
    // Her Outlook sends the same mail again (a new Message-ID, no reference to our answer).
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail(CAROL, subject, body)]);
    const ticket = (await rig.app.store.getTicketByNumber(number))!;
    const held = await eventually(async () => (await rig.app.store.ticketEvents(ticket.id)).find((e) => e.kind === 'held_without_reply'), 20_000);
    expect((held.data as { reason: string }).reason).toBe('loop');
    const mails = await settledCount(rig, CAROL, 2);
    expect(mails).toHaveLength(2);
    expect(mails[1].text).toContain('looks like a repeat');
    expect(mails[1].subject).toContain(`[${number}]`);
    expect(rig.app.sqliteStore().db.prepare('SELECT count(*) AS n FROM tickets t JOIN users u ON u.id = t.requester_id WHERE u.platform_user_id = ?').get(CAROL)).toEqual({ n: 1 });
  }, 60_000);
});
