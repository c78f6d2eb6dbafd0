import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { createApp, type App, type AppOptions } from '../../src/app';
import { parseConfig } from '../../src/config';
import type { TurnDeps } from '../../src/engine/turn-types';
import { dialogEntries } from '../../dialogs';
import { fixedTurnDeps } from '../../test/helpers/fixed-deps';
import { deliver, startDovecot, type SmtpCapture } from '../../test/email/helpers/mail-servers';
import { startSmtpCaptureProcess } from '../../test/email/helpers/smtp-capture-process';
import { createEmailChannel, type EmailChannelConfig } from './email.channel';
import { mapInbound, type MapDeps } from './inbound-map';
import { parseMail } from './parse-mail';

/** Figures of one bench run. */
export type EmailBenchResult = {
  mails: number;
  /** Median of three warm raw fetches (connect, SELECT, FETCH 1:* BODY[], logout). */
  rawFetchSeconds: number;
  rawFetchPerSecond: number;
  /** The first, cold raw fetch (Dovecot's caches and imapflow's JIT not warm yet), for comparison. */
  rawFetchColdPerSecond: number;
  endToEndSeconds: number;
  endToEndPerSecond: number;
  /** Mails per second stored and filed by the channel (fetch, parse, store, mark, move), turns running alongside. */
  intakePerSecond: number;
  /** endToEndPerSecond / rawFetchPerSecond; the goal is >= 0.5. */
  ratioToRaw: number;
  /**
   * The same mails' turns with no channel at all (stored first, untimed; no IMAP, no SMTP): what the
   * engine alone allows, so the best ratio any channel could reach on this host is engineBoundRatio.
   */
  engineOnlyPerSecond: number;
  engineBoundRatio: number;
  /** mailparser alone over the same sources, on one core (warm): the parser the channel must use. */
  parseOnlyPerSecond: number;
  /** The run's 1,000 replies sent again through a fresh channel's `send` (nodemailer pool, real SMTP server). */
  smtpSendOnlyPerSecond: number;
  /**
   * The best ratio to the raw fetch if parsing, turns and sending ran perfectly pipelined on every core of
   * this host, with IMAP intake, Dovecot and the SMTP server costing nothing:
   * cores / (1/parseOnly + 1/engineOnly + 1/smtpSendOnly) / rawFetchPerSecond.
   */
  pipelineBoundRatio: number;
  ticketsOpened: number;
  repliesSent: number;
  inboxLeft: number;
};

const DESK = 'helpdesk@example.com';
const SECRET = 'bench-thread-secret-0123456789abcdef';
const PROBLEMS = [
  'VPN disconnects every few minutes when working from home',
  'Outlook keeps asking for my password since this morning',
  'The printer on the 2nd floor shows offline',
  'Please install Visio on my laptop',
  'My account is locked after the password change',
];

export function benchMail(i: number): string {
  const problem = PROBLEMS[i % PROBLEMS.length];
  return [
    `From: User ${i} <user${i}@example.com>`, `To: ${DESK}`, `Subject: ${problem} (#${i})`,
    `Message-ID: <bench-${i}.${Date.now()}@example.com>`, 'Date: Thu, 26 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '',
    `Hello,\r\n\r\n${problem}. It started today and I cannot work properly.\r\n\r\nThanks,\r\nUser ${i}\r\n`,
  ].join('\r\n');
}

/** Seconds to fetch every mail's source from connect to logout, as a plain imapflow client would. */
async function rawFetch(port: number, pass: string, n: number): Promise<number> {
  const start = performance.now();
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: DESK, pass }, logger: false, disableAutoIdle: true });
  let fetched = 0;
  await client.connect();
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    for await (const m of client.fetch('1:*', { uid: true, source: true })) if (m.source) fetched++;
  } finally {
    await client.logout().catch(() => client.close());
  }
  if (fetched !== n) throw new Error(`mail bench: raw fetch saw ${fetched} of ${n} mails`);
  return (performance.now() - start) / 1000;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`mail bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * `n` mails in a real Dovecot inbox, processed end to end by the real app (parse, store, turn with the
 * configured classifier, ticket, acknowledgement over SMTP, mark and move), beside a raw imapflow
 * fetch of the same mails in the same run.
 */
export async function emailBench(n = 1000): Promise<EmailBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-mail-bench-'));
  const dovecot = await startDovecot([DESK]);
  // The SMTP server runs in its own process, as Dovecot does: its CPU is not the channel's.
  const smtp = await startSmtpCaptureProcess();
  try {
    const mails = Array.from({ length: n }, (_, i) => benchMail(i));
    await deliver(dovecot.lmtpPort, DESK, mails);
    // The raw side is timed warm, like the channel, which reads the mails after it: one untimed pass first
    // (Dovecot's caches, imapflow's JIT), then the median of three timed passes, each connect to logout.
    const rawFirstSeconds = await rawFetch(dovecot.imapPort, dovecot.password, n);
    const rawRuns = [await rawFetch(dovecot.imapPort, dovecot.password, n), await rawFetch(dovecot.imapPort, dovecot.password, n), await rawFetch(dovecot.imapPort, dovecot.password, n)];
    const rawFetchSeconds = rawRuns.sort((a, b) => a - b)[1];

    const channelConfig: EmailChannelConfig = {
      address: DESK,
      imap: { host: '127.0.0.1', port: dovecot.imapPort, secure: false, user: DESK, pass: dovecot.password },
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
      threadSecret: SECRET,
      attachmentsDir: path.join(dir, 'attachments'),
    };
    const channel = createEmailChannel(channelConfig);
    const app = await benchApp(path.join(dir, 'bench.db'), { channels: [channel] });
    const start = performance.now();
    await app.start(false);
    let endToEndSeconds = 0;
    let intakeSeconds = 0;
    try {
      await until(() => {
        if (!intakeSeconds && channel.passes >= 1) intakeSeconds = (performance.now() - start) / 1000;
        return smtp.mails.length >= n;
      }, 300_000, `${n} acknowledgements`);
      endToEndSeconds = (performance.now() - start) / 1000;
      await until(() => channel.passes >= 1, 60_000, 'the inbox pass to finish');
      intakeSeconds ||= (performance.now() - start) / 1000;
    } finally {
      await app.stop();
    }
    // Undo quoted-printable soft line breaks, which can split a ticket number.
    const numbers = new Set(smtp.mails.map((m) => /\b(INC|REQ)-\d{6}\b/.exec(m.raw.replace(/=\r?\n/g, ''))?.[0]).filter(Boolean));
    const inbox = new ImapFlow({ host: '127.0.0.1', port: dovecot.imapPort, secure: false, auth: { user: DESK, pass: dovecot.password }, logger: false, disableAutoIdle: true });
    await inbox.connect();
    let inboxLeft = 0;
    try {
      inboxLeft = (await inbox.status('INBOX', { messages: true })).messages ?? 0;
    } finally {
      await inbox.logout().catch(() => inbox.close());
    }
    const repliesSent = smtp.mails.length;
    const engineOnlySeconds = await engineOnly(mails, dir);
    const parsePerSecond = n / (await parseOnly(mails));
    const sendPerSecond = await smtpSendOnly(path.join(dir, 'bench.db'), channelConfig, smtp);
    const rawFetchPerSecond = n / rawFetchSeconds;
    const secondsPerMail = 1 / parsePerSecond + engineOnlySeconds / n + 1 / sendPerSecond;
    const endToEndPerSecond = n / endToEndSeconds;
    return {
      mails: n,
      rawFetchSeconds: round(rawFetchSeconds, 3), rawFetchPerSecond: round(rawFetchPerSecond), rawFetchColdPerSecond: round(n / rawFirstSeconds),
      endToEndSeconds: round(endToEndSeconds, 3), endToEndPerSecond: round(endToEndPerSecond),
      intakePerSecond: round(n / intakeSeconds),
      ratioToRaw: round(endToEndPerSecond / rawFetchPerSecond, 3),
      engineOnlyPerSecond: round(n / engineOnlySeconds),
      engineBoundRatio: round(n / engineOnlySeconds / rawFetchPerSecond, 3),
      parseOnlyPerSecond: round(parsePerSecond),
      smtpSendOnlyPerSecond: round(sendPerSecond),
      pipelineBoundRatio: round(os.cpus().length / secondsPerMail / rawFetchPerSecond, 3),
      ticketsOpened: numbers.size, repliesSent, inboxLeft,
    };
  } finally {
    await smtp.stop();
    await dovecot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The app as the mail benches run it. The bench's mails are near-identical reports from many senders: a major
 * incident in real life; its notices are not what this figure measures, so clustering is switched off.
 * The real classifier, KB search (offers dropped) and SLA, with a one-question dialog so that every mail yields a ticket
 * and its acknowledgement (the full dialogs would first mail a form back).
 */
export async function benchApp(databasePath: string, options: Pick<AppOptions, 'channels' | 'dispatch'>): Promise<App> {
  const config = parseConfig({ DATABASE_PATH: databasePath, PORT: '0', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', MI_THRESHOLD_USERS: '1000000' });
  const instant = fixedTurnDeps()(new Date()).dialogs;
  let real: ((now: Date) => TurnDeps) | null = null;
  // The KB search still runs (its cost is part of a mail's path), but its offer is dropped: the bench's
  // reports all have articles now, and an offer waits for "Did this solve it?" instead of logging a ticket.
  const app = await createApp(config, { ...options, dialogs: dialogEntries, turnDeps: (now) => {
    const deps = real!(now);
    const kbSearch: TurnDeps['kbSearch'] = (text, lang) => {
      deps.kbSearch(text, lang);
      return [];
    };
    return { ...deps, dialogs: instant, kbSearch };
  } });
  real = app.services.turnDeps;
  return app;
}

/** Seconds of the engine alone on the same mails, parsed and mapped by the channel's code and stored untimed. */
async function engineOnly(mails: string[], dir: string): Promise<number> {
  const deps: MapDeps = { ourAddresses: [DESK], threadSecret: SECRET, attachments: { dir: path.join(dir, 'attachments-engine'), maxBytes: 10 << 20, maxCount: 20 } };
  const app = await benchApp(path.join(dir, 'engine-only.db'), { dispatch: false });
  try {
    for (const raw of mails) {
      const mapped = await mapInbound(await parseMail(Buffer.from(raw)), Buffer.from(raw), deps);
      // Into the store directly: engine.accept would start the turns before the clock does.
      if (mapped.kind === 'message') await app.store.acceptInbound(mapped.message, new Date().toISOString());
    }
    const start = performance.now();
    await app.engine.recover();
    await app.engine.idle();
    return (performance.now() - start) / 1000;
  } finally {
    await app.stop();
  }
}

/**
 * Replies per second through the channel's own `send` alone: the replies of the end-to-end run, read from its
 * database, sent again by a fresh channel (its inbox is empty by now) in batches of 50 as the dispatcher
 * sends, until the SMTP server has them all.
 */
async function smtpSendOnly(databasePath: string, config: EmailChannelConfig, smtp: SmtpCapture): Promise<number> {
  const db = new Database(databasePath, { readonly: true });
  // The transcript's copy of each reply: a sent outbox row no longer keeps its own.
  const rows = db.prepare('SELECT o.id, o.ref_json, m.payload_json AS message_json FROM outbox o JOIN messages m ON m.outbox_id = o.id ORDER BY o.id').all() as Array<{ id: number; ref_json: string; message_json: string }>;
  db.close();
  const channel = createEmailChannel(config);
  const app = await benchApp(`${databasePath}.send-only`, { channels: [channel], dispatch: false });
  await app.start(false);
  try {
    const before = smtp.mails.length;
    const start = performance.now();
    for (let i = 0; i < rows.length; i += 50) {
      await Promise.all(rows.slice(i, i + 50).map((row) => channel.send(JSON.parse(row.ref_json), JSON.parse(row.message_json), row.id)));
    }
    await smtp.waitFor(before + rows.length, 60_000);
    return rows.length / ((performance.now() - start) / 1000);
  } finally {
    await app.stop();
  }
}

/** Seconds for mailparser alone to parse every source once, one after another (the engine-only pass warmed it). */
async function parseOnly(mails: string[]): Promise<number> {
  const sources = mails.map((raw) => Buffer.from(raw));
  const start = performance.now();
  for (const source of sources) await parseMail(source);
  return (performance.now() - start) / 1000;
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
