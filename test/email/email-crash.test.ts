import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixture } from './helpers/fixtures';
import { deliver, hasDovecot, readFolder, startDovecot, startSmtpCapture, type Dovecot, type SmtpCapture, describeWithServers } from './helpers/mail-servers';
import { eventually, HELPDESK, startMailApp } from './helpers/test-app';

const run = describeWithServers(hasDovecot ? null : 'dovecot');

function runChild(setup: object): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', path.join(__dirname, 'helpers/ts-register.js'), path.join(__dirname, 'helpers/crash-child.ts')], {
      env: { ...process.env, FD_CRASH_SETUP: JSON.stringify(setup) }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => { stderr += c; });
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

run('mail crash between store and mark-seen', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let dir: string;

  beforeAll(async () => {
    dovecot = await startDovecot([HELPDESK, 'alice@example.com']);
    smtp = await startSmtpCapture();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-mail-crash-'));
  });
  afterAll(async () => {
    await smtp?.stop();
    await dovecot?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('yields one ticket and one reply after a restart', async () => {
    const ports = { imapPort: dovecot.imapPort, smtpPort: smtp.port, password: dovecot.password };
    await deliver(dovecot.lmtpPort, HELPDESK, [fixture('new-plain.eml')]);

    const crashed = await runChild({ ...ports, dir });
    expect(crashed).toMatchObject({ signal: 'SIGKILL' });
    const inbox = await readFolder(dovecot.imapPort, HELPDESK, dovecot.password, 'INBOX');
    expect(inbox.map((m) => m.flags.includes('\\Seen'))).toEqual([false]);
    expect(smtp.mails).toEqual([]);

    const { app, channel } = await startMailApp(ports, { dir });
    try {
      await eventually(() => smtp.mails.length >= 1);
      const passes = channel.passes;
      await eventually(() => channel.passes >= passes + 1);
      await app.engine.idle();
      await app.dispatcher.drainDue();

      expect(smtp.mails).toHaveLength(1);
      const number = /\b(INC|REQ)-\d{6}\b/.exec(smtp.mails[0].raw)![0];
      expect(await app.store.getTicketByNumber(number)).not.toBeNull();
      const user = (await app.store.findConversation({ channel: 'email', conversationId: 'CAO7h3x+9kQ2mZ1@mail.example.com' }))!;
      expect(await app.store.ticketsForUser(user.userId, 10)).toHaveLength(1);
      expect(await readFolder(dovecot.imapPort, HELPDESK, dovecot.password, 'INBOX')).toEqual([]);
      expect(await readFolder(dovecot.imapPort, HELPDESK, dovecot.password, 'Processed')).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });
});
