import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { renderForSlack } from '../../../channels/slack/slack-blocks';
import type { OutboundMessage } from '../../../src/types/conversation';
import { freePort, kill } from '../../helpers/server-process';
import { SlackApiStandIn } from '../../slack/helpers/slack-api-stand-in';
import { signature, TEST_SIGNING_SECRET } from '../../slack/helpers/signed-request';
import { checkDatabase, type DbReport } from './db-invariants';
import { ReconnectingPage } from './sse-page';

/** Size of a run: messages in total (half web chat, half Slack), messages per conversation, SIGKILLs. */
export type CrashLoadOptions = { messages: number; perConversation?: number; kills: number; concurrency?: number; seed?: number };

/** What a run measured; `problems` empty means every promise held. */
export type CrashLoadReport = {
  messages: number; conversations: number; kills: number; restarts: number; retriedPosts: number;
  stored: number; replies: number; tickets: number; sseEvents: number; slackPosts: number; seconds: number;
  /** Slack posts repeated because a SIGKILL fell between Slack accepting a post and our commit of it. */
  inflightResends: number;
  db: DbReport; problems: string[];
};

/** The repository root, whether this runs from test/ (jest) or from dist/test/ (npm run soak). */
function repoRoot(dir: string): string {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'tsconfig.json'))) return d;
  }
  throw new Error(`no repository root above ${dir}`);
}

const ROOT = repoRoot(__dirname);

/** A DM event made from the recorded one (read from test/fixtures, which dist/ does not carry). */
function dmEvent(text: string, ts: string, user: string, channel: string): Record<string, unknown> {
  const body = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'slack', 'event-message-im.json'), 'utf8'));
  Object.assign(body.event, { text, ts, event_ts: ts, user, channel, client_msg_id: `msg-${ts}` });
  body.event.blocks = [];
  body.event_id = `Ev${ts.replace('.', '')}`;
  return body;
}
const SERVER = path.join(ROOT, 'dist', 'test', 'reliability', 'helpers', 'crash-server.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small seeded generator: the kill moments differ run to run only when the seed does. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

type Server = { child: ChildProcess; output: string };

async function startServer(env: Record<string, string>, url: string): Promise<Server> {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} missing: run \`npx tsc -p tsconfig.json\` (npm test does it)`);
  const server: Server = { child: spawn(process.execPath, [SERVER], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }), output: '' };
  server.child.stdout?.on('data', (c) => (server.output = (server.output + c).slice(-20_000)));
  server.child.stderr?.on('data', (c) => (server.output = (server.output + c).slice(-20_000)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}: ${server.output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${server.output}`);
    await sleep(30);
  }
}

/** POST until the server gives a 2xx: connection errors, 5xx and 429 mean "down or busy, try again". */
async function deliver(send: (attempt: number) => Promise<Response>, counter: { retried: number }): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await send(attempt);
      await res.arrayBuffer();
      if (res.status >= 200 && res.status < 300) return;
      if (res.status < 500 && res.status !== 429) throw new Error(`refused with ${res.status}`);
    } catch (error) {
      if ((error as Error).message.startsWith('refused')) throw error;
    }
    if (Date.now() > deadline) throw new Error('gave up delivering a message after 60 s');
    counter.retried++;
    await sleep(50);
  }
}

/**
 * Start a real server, push `messages` through the web chat and Slack endpoints from concurrent clients,
 * SIGKILL the server `kills` times at random moments and restart it, then check every promise.
 */
export async function runCrashLoad(options: CrashLoadOptions): Promise<CrashLoadReport> {
  const started = Date.now();
  const rnd = random(options.seed ?? 7);
  const per = options.perConversation ?? 5;
  const conversations = Math.ceil(options.messages / per);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-crash-'));
  const dbFile = path.join(dir, 'crash.db');
  const slack = await new SlackApiStandIn().start();
  // When each Web API call arrived, to tell a resend caused by a kill from a real duplicate.
  const callTimes: number[] = [];
  const push = slack.calls.push.bind(slack.calls);
  slack.calls.push = (...items) => {
    callTimes.push(Date.now());
    return push(...items);
  };
  const killTimes: number[] = [];
  /** When each restarted server answered: a post received before it can only come from the killed process. */
  const restartTimes: number[] = [];
  const port = String(await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH ?? '', PORT: port, HOST: '127.0.0.1', DATABASE_PATH: dbFile, LOG_LEVEL: 'warn',
    DISPATCH_BASE_DELAY_MS: '50', SLACK_BOT_TOKEN: 'xoxb-crash-test', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, FD_SLACK_API_URL: slack.url,
  };
  const counter = { retried: 0 };
  const pages: ReconnectingPage[] = [];
  const expected: Array<{ channel: 'webchat' | 'slack'; platformMessageId: string }> = [];
  let server = await startServer(env, url);
  let restarts = 0;
  let killed = 0;
  try {
    // Conversations: even ones in the web chat (with a page listening), odd ones as Slack DMs.
    const sends: Array<() => Promise<void>> = [];
    for (let c = 0; c < conversations; c++) {
      const count = Math.min(per, options.messages - c * per);
      if (c % 2 === 0) {
        sends.push(async () => {
          let cookie = '';
          await deliver(async () => {
            const res = await fetch(`${url}/api/chat/session`, { method: 'POST' });
            cookie = String(res.headers.get('set-cookie')).split(';')[0];
            return res;
          }, counter);
          const page = new ReconnectingPage(url, cookie);
          pages.push(page);
          page.open();
          const session = cookie.split('=')[1];
          for (let m = 0; m < count; m++) {
            const body = JSON.stringify({ clientMessageId: `c${c}m${m}`, text: m === 0 ? `my laptop ${c} will not boot` : `more detail ${m} about laptop ${c}` });
            expected.push({ channel: 'webchat', platformMessageId: `${session}:c${c}m${m}` });
            await sleep(30 + rnd() * 120); // people type: the load spans the kills
            await deliver(() => fetch(`${url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body }), counter);
          }
        });
      } else {
        sends.push(async () => {
          const user = `U0LOAD${c}`;
          const channel = `D0LOAD${c}`;
          for (let m = 0; m < count; m++) {
            const ts = `17000${String(c).padStart(5, '0')}.${String(m + 1).padStart(6, '0')}`;
            const body = JSON.stringify(dmEvent(m === 0 ? `printer ${c} is jammed` : `update ${m} on printer ${c}`, ts, user, channel));
            expected.push({ channel: 'slack', platformMessageId: `${channel}:${ts}` });
            await sleep(30 + rnd() * 120);
            await deliver((attempt) => {
              const time = Math.floor(Date.now() / 1000);
              const headers: Record<string, string> = { 'content-type': 'application/json', 'x-slack-request-timestamp': String(time), 'x-slack-signature': signature(body, time) };
              if (attempt > 0) headers['x-slack-retry-num'] = String(Math.min(attempt, 3));
              return fetch(`${url}/slack/events`, { method: 'POST', headers, body });
            }, counter);
          }
        });
      }
    }
    let next = 0;
    const load = Promise.all(Array.from({ length: options.concurrency ?? 8 }, async () => {
      while (next < sends.length) await sends[next++]();
    }));
    let loadDone = false;
    void load.then(() => (loadDone = true), () => (loadDone = true));
    // The killer: random moments while the load runs (and after, with replies still in flight).
    for (let k = 0; k < options.kills; k++) {
      await sleep(150 + rnd() * (loadDone ? 200 : 900));
      killTimes.push(Date.now());
      await kill(server.child, 'SIGKILL');
      killed++;
      server = await startServer(env, url);
      restartTimes.push(Date.now());
      restarts++;
    }
    await load;

    // Settle: every message answered and every reply sent; then give a duplicate time to show up.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const db = new Database(dbFile, { readonly: true });
      const open = db.prepare("SELECT (SELECT count(*) FROM messages WHERE direction = 'in' AND processed_at IS NULL) + (SELECT count(*) FROM outbox WHERE status = 'pending') AS n").get() as { n: number };
      db.close();
      if (open.n === 0) break;
      if (Date.now() > deadline) throw new Error(`not settled after 60 s: ${open.n} open; server output: ${server.output}`);
      await sleep(100);
    }
    await sleep(500);
    const code = await kill(server.child, 'SIGTERM');
    pages.forEach((p) => p.close());
    return { ...verify(dbFile, expected, pages, slack, conversations, callTimes, killTimes, restartTimes, started), kills: killed, restarts, retriedPosts: counter.retried, seconds: (Date.now() - started) / 1000, ...(code === 0 ? {} : { exitProblem: `SIGTERM exit ${code}` }) };
  } finally {
    pages.forEach((p) => p.close());
    await kill(server.child, 'SIGKILL');
    await slack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function verify(dbFile: string, expected: Array<{ channel: string; platformMessageId: string }>, pages: ReconnectingPage[], slack: SlackApiStandIn, conversations: number, callTimes: number[], killTimes: number[], restartTimes: number[], started: number) {
  const problems: string[] = [];
  const report = checkDatabase(dbFile, { settled: true });
  problems.push(...report.problems);
  const db = new Database(dbFile, { readonly: true });
  try {
    // Every accepted message stored exactly once.
    const stored = db.prepare("SELECT channel, platform_message_id AS id FROM messages WHERE direction = 'in'").all() as Array<{ channel: string; id: string }>;
    const storedKeys = new Map<string, number>();
    for (const r of stored) storedKeys.set(`${r.channel}|${r.id}`, (storedKeys.get(`${r.channel}|${r.id}`) ?? 0) + 1);
    const missing = expected.filter((e) => storedKeys.get(`${e.channel}|${e.platformMessageId}`) !== 1);
    if (missing.length > 0) problems.push(`${missing.length} accepted messages not stored exactly once (e.g. ${missing[0].platformMessageId})`);
    if (stored.length !== expected.length) problems.push(`${stored.length} inbound rows for ${expected.length} messages sent`);
    // Every reply delivered exactly once: web chat pages see each delivery id once, and all of their conversation's.
    const rows = db.prepare("SELECT o.id, o.message_json, c.channel, c.platform_conversation_id AS conv FROM outbox o JOIN conversations c ON c.id = o.conversation_id WHERE o.status = 'sent'").all() as Array<{ id: number; message_json: string; channel: string; conv: string }>;
    let sseEvents = 0;
    for (const page of pages) {
      for (const [id, n] of page.seen) {
        sseEvents += n;
        if (n !== 1) problems.push(`web chat delivery ${id} seen ${n} times on one page`);
      }
    }
    const webchatRows = rows.filter((r) => r.channel === 'webchat');
    const seenIds = new Set(pages.flatMap((p) => [...p.seen.keys()]));
    const unseen = webchatRows.filter((r) => !seenIds.has(r.id));
    if (unseen.length > 0) problems.push(`${unseen.length} web chat replies never reached their page (e.g. outbox ${unseen[0].id})`);
    // Slack: each conversation got exactly the posts its sent rows render to, per text. Slack has no
    // idempotency key, so a SIGKILL after Slack accepted a post but before our commit of it means one
    // resend after the restart: such a copy is counted apart (its first copy arrived < 2 s before a kill).
    const want = new Map<string, number>();
    for (const r of rows.filter((x) => x.channel === 'slack')) {
      for (const post of renderForSlack(JSON.parse(r.message_json) as OutboundMessage)) {
        const key = `${r.conv}|${post.text}`;
        want.set(key, (want.get(key) ?? 0) + 1);
      }
    }
    const got = new Map<string, number[]>();
    slack.calls.forEach((call, i) => {
      if (call.method !== 'chat.postMessage') return;
      const key = `${String(call.args.channel)}|${String(call.args.text)}`;
      got.set(key, [...(got.get(key) ?? []), callTimes[i]]);
    });
    let inflightResends = 0;
    for (const key of new Set([...want.keys(), ...got.keys()])) {
      const times = got.get(key) ?? [];
      const extra = times.length - (want.get(key) ?? 0);
      if (extra < 0) problems.push(`slack ${key.slice(0, 80)}: ${times.length} posts for ${want.get(key)} replies`);
      if (extra <= 0) continue;
      // Each kill can explain one extra copy: a copy sent by the killed process (received in the 2 s before
      // the kill, or after it but before the restarted server was up: a request already written to the
      // socket still arrives, milliseconds after SIGKILL) and another copy after the restart.
      const explained = killTimes.filter((k, i) => {
        const before = times.filter((x) => x <= (restartTimes[i] ?? k) && k - x < 2000);
        return before.length > 0 && times.some((x) => x > Math.max(k, before[0]));
      }).length;
      inflightResends += Math.min(extra, explained);
      if (extra > explained) {
        const at = times.map((x) => x - started).join(',');
        problems.push(`slack ${key.slice(0, 80)}: posted ${times.length} times for ${want.get(key) ?? 0} replies, not explained by a kill (posts at ${at} ms, kills at ${killTimes.map((k) => k - started).join(',')} ms)`);
      }
    }
    return { messages: expected.length, conversations, stored: stored.length, replies: rows.length, tickets: report.tickets, sseEvents, slackPosts: slack.callsOf('chat.postMessage').length, inflightResends, db: report, problems };
  } finally {
    db.close();
  }
}
