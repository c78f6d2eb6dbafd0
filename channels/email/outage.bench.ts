import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import type { App } from '../../src/app';
import { chatSession } from '../../test/helpers/sse';
import { newMail } from '../../test/email/helpers/fixtures';
import { deliver, readFolder, startDovecot, type Dovecot } from '../../test/email/helpers/mail-servers';
import { startPostfix, type Postfix } from '../../test/email/helpers/postfix';
import { HELPDESK, startMailApp } from '../../test/email/helpers/test-app';

/** Figures of one SMTP outage under load (the jest test asserts the goals on them, the bench prints them). */
export type MailOutageResult = {
  outageSeconds: number;
  /** Mails delivered into the helpdesk inbox while Postfix was down, and the users who sent them. */
  mailsDuringOutage: number;
  users: number;
  /** Of those, stored by the channel (ticket opened, reply queued) before Postfix returned. */
  storedDuringOutage: number;
  /** Web-chat turns during the outage, how many were answered, and their post-to-answer times. */
  chatTurns: number;
  chatAnswered: number;
  chatP50Ms: number;
  chatMaxMs: number;
  /** The same web-chat turn before the outage, for comparison. */
  chatBeforeP50Ms: number;
  /** Why turns failed, if any did (the first three). */
  chatErrors: string[];
  /** From Postfix's return until the outbox had no unsent mail (goal: under 10 s). */
  allSentAfterReturnMs: number;
  /** From Postfix's return until every reply was in its user's mailbox. */
  allDeliveredAfterReturnMs: number;
  /** Mails that got no reply, and replies beyond one per mail (by In-Reply-To). */
  lost: number;
  duplicated: number;
  failedRows: number;
};

/** Figures of stop() at a bad moment (Postfix down, mails arriving and queued) and the restart after it. */
export type MailStopResult = {
  mails: number;
  /** How long stop() took with Postfix down and replies pending. */
  stopMs: number;
  pendingAtStop: number;
  lost: number;
  duplicated: number;
  failedRows: number;
};

const QUIET = { MI_THRESHOLD_USERS: '1000', DISPATCH_STOP_TIMEOUT_MS: '3000' };
const TOPICS = ['monitor flickers', 'dock does not charge', 'keyboard misses keys', 'headset crackles', 'webcam is black', 'mouse lags'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/** Servers for one run: a Dovecot with the helpdesk and `users` mailboxes, and Postfix delivering into it. */
export async function startOutageServers(users: string[]): Promise<{ dovecot: Dovecot; postfix: Postfix; stop(): Promise<void> }> {
  const dovecot = await startDovecot([HELPDESK, ...users]);
  const postfix = await startPostfix(dovecot.lmtpPort);
  return { dovecot, postfix, stop: async () => { await postfix.stop().catch(() => undefined); await dovecot.stop(); } };
}

/** Users `user0@…` to `user<n-1>@…`. */
export function outageUsers(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `user${i}@example.com`);
}

/** One web-chat turn in a fresh session: milliseconds from the post to the bot's answer, or null after `timeoutMs`. */
async function chatTurn(url: string, text: string, timeoutMs = 15_000): Promise<number | null> {
  const chat = await chatSession(url);
  const stream = chat.events();
  try {
    await stream.opened;
    const start = performance.now();
    await chat.post(text);
    for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(10)) {
      if (stream.events.some((e) => e.event === 'message')) return performance.now() - start;
    }
    return null;
  } finally {
    stream.close();
  }
}

/** Every reply in the users' mailboxes, counted by the mail it answers (In-Reply-To). */
async function repliesByMail(dovecot: Dovecot, users: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const user of users) {
    for (const m of await readFolder(dovecot.imapPort, user, dovecot.password, 'INBOX').catch(() => [])) {
      const id = (await simpleParser(m.raw)).inReplyTo ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

/** Lost (no reply) and duplicated (extra replies) among `sent` mails, by their Message-IDs. */
function tally(sent: string[], replies: Map<string, number>): { lost: number; duplicated: number } {
  return {
    lost: sent.filter((id) => !replies.get(id)).length,
    duplicated: sent.reduce((n, id) => n + Math.max(0, (replies.get(id) ?? 0) - 1), 0),
  };
}

function pendingMail(app: App): number {
  return (app.sqliteStore().db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND ref_json LIKE '%\"email\"%'").get() as { n: number }).n;
}

/** When `check` first holds (Date.now()), polling every 50 ms; NaN after `timeoutMs`. */
async function whenTrue(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<number> {
  for (const start = Date.now(); !(await check()); await sleep(50)) {
    if (Date.now() - start > timeoutMs) return NaN;
  }
  return Date.now();
}

/** Inbound mails among `ids` whose turn has run (ticket opened, reply queued). */
function handled(app: App, ids: string[]): number {
  return (app.sqliteStore().db.prepare("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NOT NULL AND platform_message_id IN (SELECT value FROM json_each(?))")
    .get(JSON.stringify(ids)) as { n: number }).n;
}

/** A mail from `user` with a unique subject and body; returns the raw mail and its Message-ID. */
function loadMail(user: string, i: number): { raw: Buffer; id: string } {
  const topic = TOPICS[i % TOPICS.length];
  const raw = newMail(user, `Request ${i}: ${topic}`, `Since this morning my ${topic} (request ${i}, desk ${100 + i}).`);
  return { raw, id: /^Message-ID:\s*(<[^>]+>)/im.exec(raw.toString('latin1'))![1] };
}

/**
 * Postfix stopped for `outageMs` while mails arrive (`perSecond`, round robin over the users) and web-chat
 * turns run (one every `chatEveryMs`); then Postfix returns. Measures what the goals name: nothing
 * lost or sent twice, web chat answering throughout, and how soon after the return every mail was out.
 */
export async function runMailOutage(options: { users: string[]; dovecot: Dovecot; postfix: Postfix; outageMs: number; perSecond: number; chatEveryMs: number }): Promise<MailOutageResult> {
  const { users, dovecot, postfix, outageMs, perSecond, chatEveryMs } = options;
  const { app, dir, url } = await startMailApp({ imapPort: dovecot.imapPort, smtpPort: postfix.smtpPort, password: dovecot.password }, { webchat: true, env: QUIET });
  try {
    const before: number[] = [];
    for (let i = 0; i < 3; i++) before.push((await chatTurn(url, `my laptop ${TOPICS[i]}`)) ?? NaN);
    await postfix.stop({ keepFiles: true });
    const sent: string[] = [];
    const chat: (number | null)[] = [];
    const chatErrors: string[] = [];
    const start = Date.now();
    const chats = (async () => {
      for (let k = 0; Date.now() - start < outageMs - 2_000; k++) {
        const due = start + k * chatEveryMs;
        if (due > Date.now()) await sleep(due - Date.now());
        chat.push(await chatTurn(url, `the ${TOPICS[k % TOPICS.length]} on my desk, case ${k}`).catch((error: Error) => {
          chatErrors.push(`${error.message}: ${(error.cause as Error | undefined)?.message ?? ''}`);
          return null;
        }));
      }
    })();
    // Mails stop 3 s before the return, so the last of them is stored by then.
    for (let i = 0; Date.now() - start < outageMs - 3_000; i++) {
      const due = start + (i * 1000) / perSecond;
      if (due > Date.now()) await sleep(due - Date.now());
      const mail = loadMail(users[i % users.length], i);
      await deliver(dovecot.lmtpPort, HELPDESK, [mail.raw]);
      sent.push(mail.id);
    }
    await chats;
    if (Date.now() - start < outageMs) await sleep(outageMs - (Date.now() - start));
    const stored = handled(app, sent);
    await postfix.restart();
    const back = Date.now();
    const allSentAt = await whenTrue(async () => {
      await app.engine.idle();
      return handled(app, sent) === sent.length && pendingMail(app) === 0;
    }, 60_000);
    let replies = new Map<string, number>();
    const deliveredAt = await whenTrue(async () => {
      replies = await repliesByMail(dovecot, users);
      return sent.every((id) => replies.get(id));
    }, 60_000);
    // A duplicate would arrive a moment after the first copy: look again once the queues are quiet.
    await app.dispatcher.drainDue();
    await sleep(2_000);
    replies = await repliesByMail(dovecot, users);
    const answered = chat.filter((t): t is number => t !== null);
    return {
      outageSeconds: outageMs / 1000, mailsDuringOutage: sent.length, users: users.length, storedDuringOutage: stored,
      chatTurns: chat.length, chatAnswered: answered.length, chatP50Ms: Math.round(percentile(answered, 50)), chatMaxMs: Math.round(Math.max(...answered)),
      chatBeforeP50Ms: Math.round(percentile(before, 50)), chatErrors: chatErrors.slice(0, 3),
      allSentAfterReturnMs: allSentAt - back, allDeliveredAfterReturnMs: deliveredAt - back,
      ...tally(sent, replies), failedRows: await app.store.countOutbox('failed'),
    };
  } finally {
    await app.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * stop() at a bad moment: Postfix down, mails arriving (`perSecond`) and replies queued. The app is stopped
 * `stopAfterMs` into the load, started again on the same database while mails keep arriving, and Postfix
 * returns at the end: every mail must be answered exactly once.
 */
export async function runStopDuringOutage(options: { users: string[]; dovecot: Dovecot; postfix: Postfix; mails: number; perSecond: number; stopAfterMs: number }): Promise<MailStopResult> {
  const { users, dovecot, postfix, mails, perSecond, stopAfterMs } = options;
  const ports = { imapPort: dovecot.imapPort, smtpPort: postfix.smtpPort, password: dovecot.password };
  const first = await startMailApp(ports, { env: QUIET });
  let second: Awaited<ReturnType<typeof startMailApp>> | null = null;
  let load: Promise<void> = Promise.resolve();
  try {
    await postfix.stop({ keepFiles: true });
    const sent: string[] = [];
    const start = Date.now();
    load = (async () => {
      for (let i = 0; i < mails; i++) {
        const due = start + (i * 1000) / perSecond;
        if (due > Date.now()) await sleep(due - Date.now());
        const mail = loadMail(users[i % users.length], 1000 + i);
        await deliver(dovecot.lmtpPort, HELPDESK, [mail.raw]);
        sent.push(mail.id);
      }
    })();
    await sleep(stopAfterMs);
    const stopping = Date.now();
    await first.app.stop();
    const stopMs = Date.now() - stopping;
    const db = new Database(path.join(first.dir, 'frontdesk.db'), { readonly: true });
    const pendingAtStop = (db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n;
    db.close();
    second = await startMailApp(ports, { dir: first.dir, env: QUIET });
    await load;
    await postfix.restart();
    const app = second.app;
    let replies = new Map<string, number>();
    await whenTrue(async () => {
      replies = await repliesByMail(dovecot, users);
      return sent.every((id) => replies.get(id));
    }, 60_000);
    await app.engine.idle();
    await app.dispatcher.drainDue();
    await sleep(2_000);
    replies = await repliesByMail(dovecot, users);
    return { mails: sent.length, stopMs, pendingAtStop, ...tally(sent, replies), failedRows: await app.store.countOutbox('failed') };
  } finally {
    // The mails still arriving must not outlive the run (a delivery into a stopped Dovecot would throw later).
    await load.catch(() => undefined);
    await first.app.stop().catch(() => undefined);
    await second?.app.stop().catch(() => undefined);
    fs.rmSync(first.dir, { recursive: true, force: true });
    await postfix.restart().catch(() => undefined);
  }
}

/** `npm run bench -- --only mail-outage`: a 60 s Postfix outage under load, then stop() during an outage. */
export async function mailOutageBench(outageSeconds = 60): Promise<{ outage: MailOutageResult; stopDuringOutage: MailStopResult }> {
  const users = outageUsers(40);
  const servers = await startOutageServers(users);
  try {
    const outage = await runMailOutage({ users, dovecot: servers.dovecot, postfix: servers.postfix, outageMs: outageSeconds * 1000, perSecond: 2, chatEveryMs: 2_000 });
    const stopDuringOutage = await runStopDuringOutage({ users, dovecot: servers.dovecot, postfix: servers.postfix, mails: 40, perSecond: 5, stopAfterMs: 3_000 });
    return { outage, stopDuringOutage };
  } finally {
    await servers.stop();
  }
}
