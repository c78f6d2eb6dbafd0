import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { startDovecot } from '../../test/email/helpers/mail-servers';
import { startSmtpCaptureProcess } from '../../test/email/helpers/smtp-capture-process';
import { benchApp, benchMail } from './email.bench';
import { createEmailChannel } from './email.channel';

/** Arrival-to-reply latency of the mail channel with IMAP IDLE, at a steady offered rate. */
export type EmailLatencyResult = { offeredPerSecond: number; mails: number; replies: number; p50Ms: number; p99Ms: number; maxMs: number };

const DESK = 'helpdesk@example.com';

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/**
 * Mails delivered into a real Dovecot over LMTP at `rate` per second for `seconds`, answered by the real app
 * watching the inbox with IDLE; latency runs from the end of each LMTP delivery (the mail is in the
 * mailbox) to the moment the SMTP server (its own process) reports the reply to it.
 */
export async function emailLatencyBench(rate = 10, seconds = 20): Promise<EmailLatencyResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-mail-latency-'));
  const dovecot = await startDovecot([DESK]);
  const smtp = await startSmtpCaptureProcess();
  const lmtp = nodemailer.createTransport({ host: '127.0.0.1', port: dovecot.lmtpPort, lmtp: true } as never);
  const channel = createEmailChannel({
    address: DESK,
    imap: { host: '127.0.0.1', port: dovecot.imapPort, secure: false, user: DESK, pass: dovecot.password },
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
    threadSecret: 'latency-thread-secret-0123456789abcdef',
    attachmentsDir: path.join(dir, 'attachments'),
  });
  const app = await benchApp(path.join(dir, 'latency.db'), { channels: [channel] });
  await app.start(false);
  const arrived = new Map<string, number>();
  const answered = new Map<string, number>();
  let seen = 0;
  // The capture reports over IPC; look at new mails every few ms and stamp them.
  const watcher = setInterval(() => {
    for (; seen < smtp.mails.length; seen++) {
      const id = /^In-Reply-To:\s*(<[^>]+>)/im.exec(smtp.mails[seen].raw)?.[1];
      if (id && !answered.has(id)) answered.set(id, performance.now());
    }
  }, 2);
  try {
    const n = rate * seconds;
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const raw = benchMail(100_000 + i);
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)![1];
      await lmtp.sendMail({ envelope: { from: `user${i}@example.com`, to: [DESK] }, raw });
      arrived.set(id, performance.now());
    }
    const deadline = Date.now() + 60_000;
    while (answered.size < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const latencies = [...arrived].filter(([id]) => answered.has(id)).map(([id, at]) => answered.get(id)! - at).sort((a, b) => a - b);
    return {
      offeredPerSecond: rate, mails: n, replies: latencies.length,
      p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)), maxMs: Math.round(latencies[latencies.length - 1] ?? NaN),
    };
  } finally {
    clearInterval(watcher);
    lmtp.close();
    await app.stop();
    await smtp.stop();
    await dovecot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
