import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import fs from 'node:fs';
import type { App } from '../../src/app';
import { ticketView } from '../../src/console/views';
import type { Agent } from '../../src/store/agent-store';
import { rawMail, startRealMailApp } from '../transcripts/helpers/mail-app';
import { fixture } from './helpers/fixtures';
import { deliver, describeWithServers, readFolder, startDovecot, type Dovecot } from './helpers/mail-servers';
import { startPostfix, type Postfix } from './helpers/postfix';
import { missingServer } from './helpers/postfix-suite';
import { eventually, HELPDESK } from './helpers/test-app';

const admin: Agent = { id: 'root', name: 'Ria Admin', role: 'admin', groups: [] };

/** Mails written the way the clients send a file with no text (see the fixtures), and the description that follows. */
const CASES = [
  {
    file: 'outlook-screenshot-only.eml', from: 'alice.chen@example.com', name: 'Alice Chen', attachment: 'image001.png', lang: 'en',
    answer: 'Outlook shows this error when I open the shared Finance calendar.',
  },
  {
    file: 'gmail-log-only.eml', from: 'bob.miller@example.com', name: 'Bob Miller', attachment: '2026-12-01_error.log', lang: 'en',
    answer: 'The FinanceSync program closes with this error right after I start it.',
  },
  {
    file: 'iphone-zh-screenshot-only.eml', from: 'wang.wei@example.com', name: '王伟', attachment: '截图.png', lang: 'zh',
    answer: '打开共享盘里的报表时电脑弹出这个错误，然后程序就关闭了。',
  },
] as const;

/** The helpdesk's mails in `user`'s inbox, oldest first. */
async function fromDesk(dovecot: Dovecot, user: string): Promise<ParsedMail[]> {
  const mails = await Promise.all((await readFolder(dovecot.imapPort, user, dovecot.password, 'INBOX')).map((m) => simpleParser(m.raw)));
  return mails.filter((m) => m.from?.value.some((a) => a.address === HELPDESK)).sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
}

function ticketsOf(app: App, user: string): { number: string; description: string; slots_json: string; conversation_id: number }[] {
  return app.sqliteStore().db.prepare('SELECT t.number, t.description, t.slots_json, t.conversation_id FROM tickets t JOIN users u ON u.id = t.requester_id WHERE u.platform_user_id = ?').all(user) as never;
}

describeWithServers(missingServer)('a mail that is only an attachment (real Postfix, Dovecot and the real dialogs)', () => {
  let dovecot: Dovecot;
  let postfix: Postfix;
  let app: App;
  let dir: string;
  beforeAll(async () => {
    if (missingServer) throw new Error(`${missingServer} is required under CI=true (.ci/install-system.sh installs it)`);
    dovecot = await startDovecot([HELPDESK, ...CASES.map((c) => c.from)]);
    postfix = await startPostfix(dovecot.lmtpPort);
    ({ app, dir } = await startRealMailApp({ imapPort: dovecot.imapPort, smtpPort: postfix.smtpPort, password: dovecot.password }));
  });
  afterAll(async () => {
    await app?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await postfix?.stop();
    await dovecot?.stop();
  });

  it.each(CASES)('$file: the bot asks what the problem is (one mail, $lang); the file stays on the ticket and fills no field', async (c) => {
    await deliver(dovecot.lmtpPort, HELPDESK, [fixture(c.file, { FROM: c.from, NAME: c.name, ID: `files${Date.now()}` })]);
    const [first] = await eventually(async () => {
      const mails = await fromDesk(dovecot, c.from);
      return mails.length > 0 && mails;
    }, 20_000);
    await app.engine.idle();
    await app.dispatcher.drainDue();
    await new Promise((r) => setTimeout(r, 1_500));
    const replies = await fromDesk(dovecot, c.from);
    console.info(`${c.file}: ${replies.map((m) => m.text).join('\n=====\n')}`);
    // One mail that asks for the problem, in the user's language, without the file name as a description.
    expect(replies).toHaveLength(1);
    expect(first.text).toMatch(c.lang === 'zh' ? /请问遇到了什么问题/ : /What's wrong, or what do you need\?|describe the problem/);
    expect(first.text).toContain(c.lang === 'zh' ? `我们已收到您的附件（${c.attachment}）` : `We have your attachment (${c.attachment})`);
    expect(first.text).not.toMatch(/What happens|问题描述|Since when|开始时间|\[attachment/);
    expect(ticketsOf(app, c.from)).toHaveLength(0);

    // The user says what is wrong: the ticket's description is their text, the date in a file name is no "since when",
    // and the file is on the ticket's conversation for agents.
    await deliver(dovecot.lmtpPort, HELPDESK, [rawMail({ from: c.from, name: c.name, subject: `Re: ${first.subject}`, id: `answer-${Date.now()}@client.example`, inReplyTo: first.messageId!, body: c.answer })]);
    const [ticket] = await eventually(() => {
      const rows = ticketsOf(app, c.from);
      return rows.length > 0 && rows;
    }, 20_000);
    expect(ticket.description).not.toContain('attachment');
    expect(ticket.description).not.toContain(c.attachment);
    expect(ticket.slots_json).not.toContain('2026-12-01');
    const view = await ticketView(app.store, (await app.store.getTicketByNumber(ticket.number))!, admin);
    expect(view.transcript.some((m) => m.direction === 'in' && m.text.includes(`[attachment: ${c.attachment}`))).toBe(true);
  }, 60_000);
});
