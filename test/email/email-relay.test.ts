import type { ParsedMail } from 'mailparser';
import type { Agent } from '../../src/store/agent-store';
import { reply as agentReply, takeOver } from '../../src/handoff/agent-actions';
import { fixture, newMail } from './helpers/fixtures';
import { deliver, describeWithServers } from './helpers/mail-servers';
import { missingServer, startRig, type MailRig } from './helpers/postfix-suite';
import { htmlAsText, numberingOf } from './helpers/numbering';
import { eventually, HELPDESK } from './helpers/test-app';

const TICKET = /\b(INC|REQ)-\d{6}\b/;
const OUTSIDERS = Array.from({ length: 20 }, (_, i) => `person${i}@outside.example`);
const INTERNAL = ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dan@example.com', 'erin@example.com'];
const USERS = [...INTERNAL, ...OUTSIDERS, 'security@evil.example', 'mallory@evil.example', 'lee@partner.example'];
const admin: Agent = { id: 'root', name: 'Ria Admin', role: 'admin', groups: [] };
const addresses = (mail: ParsedMail, field: 'to' | 'cc') => {
  const value = mail[field];
  return (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => v.address));
};

describeWithServers(missingServer)('mail is no phishing relay and no thread can be taken over (real Postfix and Dovecot)', () => {
  let rig: MailRig;
  beforeAll(async () => {
    rig = await startRig(USERS, { copyPolicy: { internalDomains: ['example.com'], maxCopies: 3 }, authservId: 'mx.example.com' });
  });
  afterAll(() => rig?.stop());

  const settle = async () => {
    await rig.app.engine.idle();
    await rig.app.dispatcher.drainDue();
  };

  it('answers an outsider with 20 Cc addresses alone, without echoing its links, and says who was not copied', async () => {
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [fixture('phish-cc.eml', { CC: OUTSIDERS.join(', ') })]);
    const [ack] = await eventually(async () => {
      const mails = await rig.inboxOf('security@evil.example');
      return mails.length >= 1 && mails;
    });
    await settle();
    let copies = 0;
    for (const person of OUTSIDERS) copies += (await rig.inboxOf(person)).length;
    console.info(`relay test: 1 phishing mail with ${OUTSIDERS.length} Cc -> ${copies} copies sent to outsiders`);
    expect(copies).toBe(0);
    expect(addresses(ack, 'cc')).toEqual([]);
    expect(ack.subject).not.toMatch(/evil\.example/);
    expect(ack.subject).toContain('[link removed]');
    expect(ack.text).not.toMatch(/evil\.example/);
    expect(ack.html || '').not.toMatch(/evil\.example/);
    expect(ack.text).toContain('20 other recipients of your mail were not copied');
  });

  it('copies internal colleagues only, up to the cap, and never the helpdesk itself', async () => {
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [fixture('outlook-internal-cc.eml')]);
    const [ack] = await eventually(async () => {
      const mails = (await rig.inboxOf('alice@example.com')).filter((m) => /Projector/.test(m.subject ?? ''));
      return mails.length >= 1 && mails;
    });
    expect(addresses(ack, 'to')).toEqual(['alice@example.com']);
    expect(addresses(ack, 'cc')).toEqual(['bob@example.com', 'carol@example.com', 'dan@example.com']);
    expect(ack.text).toContain('2 other recipients of your mail were not copied');
    await settle();
    expect(await rig.inboxOf('lee@partner.example')).toEqual([]);
    expect((await rig.inboxOf('erin@example.com')).length).toBe(0);
  });

  it('sends a status only to the requester: a DMARC-failed "status" with Cc copies nobody', async () => {
    const before = { bob: (await rig.inboxOf('bob@example.com')).length, alice: (await rig.inboxOf('alice@example.com')).length };
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [fixture('status-spoofed.eml')]);
    await eventually(async () => (await rig.inboxOf('alice@example.com')).length > before.alice);
    await settle();
    expect((await rig.inboxOf('bob@example.com')).length).toBe(before.bob);
    expect(await rig.inboxOf('mallory@evil.example')).toEqual([]);
  });

  it('keeps the requester as recipient when a colleague or an outsider replies on the thread: their mail is a comment', async () => {
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail('carol@example.com', 'Laptop battery swells', 'The battery of my laptop bulges, the touchpad lifts.')]);
    const [ack] = await eventually(async () => {
      const mails = (await rig.inboxOf('carol@example.com')).filter((m) => /battery/.test(m.subject ?? ''));
      return mails.length >= 1 && mails;
    });
    const number = TICKET.exec(ack.subject ?? '')![0];
    const threadVars = (from: string, name: string, body: string, id: string) => ({
      ID: id, SUBJECT: ack.subject!, REFERENCES: ack.messageId!, IN_REPLY_TO: ack.messageId!, FROM: from, FROM_NAME: name, BODY: body,
    });
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [
      fixture('thunderbird-colleague-reply.eml', threadVars('bob@example.com', 'Bob Stone', 'Same here, mine bulges too. Please also send me the status.', 'b0b1')),
      fixture('thunderbird-colleague-reply.eml', threadVars('mallory@evil.example', 'Mallory', 'I am her manager: send the ticket details and the VPN profile to me.', 'ma11')),
    ]);
    const ticket = (await rig.app.store.getTicketByNumber(number))!;
    const comments = await eventually(async () => {
      const events = (await rig.app.store.ticketEvents(ticket.id)).filter((e) => e.kind === 'third_party_comment');
      return events.length === 2 && events;
    });
    expect(comments.map((c) => c.actor).sort()).toEqual(['email:bob@example.com', 'email:mallory@evil.example']);
    expect(String(comments.find((c) => c.actor.includes('bob'))!.data.text)).toContain('Same here');
    await settle();
    const conversation = (await rig.app.store.getConversation(ticket.conversationId))!;
    expect(conversation.ref.userId).toBe('carol@example.com');
    expect((await rig.app.store.getUser(conversation.userId))?.name).not.toMatch(/Bob|Mallory/);
    expect(await rig.inboxOf('mallory@evil.example')).toEqual([]);
    expect((await rig.inboxOf('bob@example.com')).filter((m) => m.subject?.includes(number))).toEqual([]);

    // The agent's next reply goes to the requester, not to whoever wrote last.
    await takeOver(rig.app.store, number, admin, new Date());
    await agentReply(rig.app.store, number, admin, 'Please stop using the laptop; a replacement is on its way.', new Date());
    await settle();
    const toCarol = await eventually(async () => {
      const mails = (await rig.inboxOf('carol@example.com')).filter((m) => /replacement/.test(m.text ?? ''));
      return mails.length === 1 && mails;
    });
    expect(toCarol[0].subject).toContain(`[${number}]`);
    expect((await rig.inboxOf('mallory@evil.example')).length).toBe(0);
    expect((await rig.inboxOf('bob@example.com')).filter((m) => /replacement/.test(m.text ?? ''))).toEqual([]);
  });

  it('keeps the ticket tag after the requester changes the subject, and never tags someone else\'s ticket', async () => {
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail('dan@example.com', 'Teams keeps freezing', 'Teams freezes when I share my screen.')]);
    const [ack] = await eventually(async () => {
      const mails = (await rig.inboxOf('dan@example.com')).filter((m) => /Teams/.test(m.subject ?? ''));
      return mails.length >= 1 && mails;
    });
    const number = TICKET.exec(ack.subject ?? '')![0];
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [fixture('thunderbird-colleague-reply.eml', {
      ID: 'dan2', SUBJECT: 'Re: Teams calls also dropping now', REFERENCES: ack.messageId!, IN_REPLY_TO: ack.messageId!,
      FROM: 'dan@example.com', FROM_NAME: 'Dan Roe', BODY: 'Now calls drop as well after about a minute.',
    })]);
    const second = await eventually(async () => {
      const mails = (await rig.inboxOf('dan@example.com')).filter((m) => /Teams/.test(m.subject ?? ''));
      return mails.length >= 2 && mails[1];
    });
    expect(second.subject).toBe(`Re: Teams calls also dropping now [${number}]`);

    // Erin asks for the status of Dan's ticket: her reply must not carry Dan's number in its subject.
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail('erin@example.com', `status ${number}`, `status ${number}`)]);
    const erin = await eventually(async () => {
      const mails = await rig.inboxOf('erin@example.com');
      return mails.length >= 1 && mails[0];
    });
    expect(erin.subject).not.toContain(`[${number}]`);
    expect(erin.text).not.toMatch(/Teams freezes/);
  });
  it('keeps every answer of an interleaved Thunderbird reply on the ticket, in order, with no internal reference', async () => {
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [newMail('erin@example.com', 'Docking station not charging', 'My docking station no longer charges the laptop.')]);
    const [ack] = await eventually(async () => {
      const mails = (await rig.inboxOf('erin@example.com')).filter((m) => /Docking/.test(m.subject ?? ''));
      return mails.length >= 1 && mails;
    });
    const number = TICKET.exec(ack.subject ?? '')![0];
    await deliver(rig.dovecot.lmtpPort, HELPDESK, [fixture('thunderbird-interleaved.eml', { SUBJECT: ack.subject!, IN_REPLY_TO: ack.messageId! })]);
    const ticket = (await rig.app.store.getTicketByNumber(number))!;
    const comment = await eventually(async () => (await rig.app.store.ticketEvents(ticket.id)).find((e) => e.kind === 'user_comment'));
    expect(String(comment.data.text)).toBe('1. Since Monday morning.\n\n2. My ThinkPad T14, asset tag IT-20931.\n\n3. No, it does not.');
    await settle();
    for (const mail of await rig.inboxOf('erin@example.com')) expect(mail.text).not.toMatch(/original mail|original\.eml/);
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
