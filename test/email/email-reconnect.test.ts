import os from 'node:os';
import fs from 'node:fs';
import { emailBench } from '../../channels/email/email.bench';
import { fixture } from './helpers/fixtures';
import { deliver, hasDovecot, startDovecot, startSmtpCapture, type Dovecot, type SmtpCapture, describeWithServers } from './helpers/mail-servers';
import { eventually, HELPDESK, startMailApp } from './helpers/test-app';

const run = describeWithServers(hasDovecot ? null : 'dovecot');

run('mail channel resilience', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;

  beforeAll(async () => {
    dovecot = await startDovecot([HELPDESK, 'alice@example.com', 'bob@example.com']);
    smtp = await startSmtpCapture();
  });
  afterAll(async () => {
    await smtp?.stop();
    await dovecot?.stop();
  });

  it('reconnects after the IMAP server restarts and picks up mail that arrived meanwhile', async () => {
    const { app, dir } = await startMailApp({ imapPort: dovecot.imapPort, smtpPort: smtp.port, password: dovecot.password });
    try {
      await deliver(dovecot.lmtpPort, HELPDESK, [fixture('new-plain.eml')]);
      await eventually(() => smtp.mails.length === 1);

      await dovecot.stop({ keepFiles: true });
      dovecot = await startDovecot([HELPDESK, 'alice@example.com', 'bob@example.com'], dovecot.password, dovecot);
      await deliver(dovecot.lmtpPort, HELPDESK, [fixture('html-only.eml')]);

      const mails = await eventually(() => smtp.mails.length === 2 && smtp.mails);
      expect(mails.map((m) => m.to)).toEqual([['alice@example.com'], ['bob@example.com']]);
    } finally {
      await app.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the bench end to end on a small mailbox', async () => {
    const result = await emailBench(40);
    expect(result).toMatchObject({ mails: 40, repliesSent: 40, inboxLeft: 0 });
    expect(result.ticketsOpened).toBeGreaterThan(0);
    expect(result.ratioToRaw).toBeGreaterThan(0);
    // The stage bounds are measured, and the pipelined bound cannot beat its slowest stage on every core.
    for (const rate of [result.engineOnlyPerSecond, result.parseOnlyPerSecond, result.smtpSendOnlyPerSecond]) expect(rate).toBeGreaterThan(0);
    const slowest = Math.min(result.engineOnlyPerSecond, result.parseOnlyPerSecond, result.smtpSendOnlyPerSecond);
    expect(result.pipelineBoundRatio).toBeLessThanOrEqual((slowest * os.cpus().length) / result.rawFetchPerSecond + 0.001);
  });
});
