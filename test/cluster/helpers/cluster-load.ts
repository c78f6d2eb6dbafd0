import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../helpers/server-process';
import { SlackApiStandIn } from '../../slack/helpers/slack-api-stand-in';
import { TEST_SIGNING_SECRET } from '../../slack/helpers/signed-request';
import { ChatStream, deliver } from './chat-user';
import { checkCluster, type ClusterChecks, type SentChat } from './cluster-checks';
import { InstanceSet } from './instances';
import { nginxConfig, startNginx, stopNginx } from './nginx';
import { checkSlack, slackUser, type SlackChecks } from './slack-users';
import { runOutage, type DatabaseOutage, type OutageReport } from './database-outage';

/** Size of a run: web chat and Slack users, messages each, instances, and a SIGKILL every `killEveryMs` (or, with `outage`, the database stopped instead). */
export type ClusterLoadOptions = {
  users: number; slackUsers: number; messagesPerUser: number; slackMessagesPerUser: number; instances: number; killEveryMs: number; thinkMs: [number, number]; seed?: number;
  outage?: DatabaseOutage;
};

/** What a run measured. */
export type ClusterReport = ClusterChecks & SlackChecks & {
  users: number; slackUsers: number; messages: number; kills: number; retriedPosts: number; reconnects: number; repliesLate: number; streamEndings: Record<string, number>;
  latencyMs: { p50: number; p95: number; max: number }; seconds: number; exitCodes: number[]; exitedOutput?: string;
  /** Refused posts by HTTP status (a 503 while the database is down), retried as the page and Slack do. */
  refused: Record<number, number>;
  outage?: OutageReport;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The environment every instance of a cluster run shares: the database, web chat and Slack (stand-in), limits for one test address. */
export function clusterEnv(databaseUrl: string, dir: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl, DATABASE_PATH: path.join(dir, 'unused.db'), LOG_LEVEL: 'warn', TRUST_PROXY: '1',
    WEBCHAT_ENABLED: 'true', DISPATCH_BASE_DELAY_MS: '50', DATABASE_POOL_SIZE: '8',
    SLACK_BOT_TOKEN: 'xoxb-cluster-test', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    // Every user comes from 127.0.0.1 through nginx: the per-address limits would throttle the test, not a person.
    RATE_LIMIT_CHAT_PER_ADDRESS: '100000/10000', STREAMS_PER_ADDRESS: '5000', STREAMS_MAX: '5000', MAX_QUEUE_WAIT_SECONDS: '60',
  };
}

/** A small seeded generator: think times and kill victims differ run to run only when the seed does. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0);

/**
 * Real instances (bin/frontdesk.js) on one PostgreSQL database behind nginx (docs/nginx/frontdesk.conf);
 * web chat users, each with its event stream open through nginx, send their messages one by one and wait
 * for each reply, while an instance is SIGKILLed every `killEveryMs` and started again. Then every message,
 * reply, stream and ticket number is checked against the database.
 */
export async function runClusterLoad(databaseUrl: string, options: ClusterLoadOptions): Promise<ClusterReport> {
  const started = Date.now();
  const rnd = random(options.seed ?? 22);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-cluster-'));
  fs.chmodSync(dir, 0o755);
  const slack = await new SlackApiStandIn().start();
  // Each process start calls Slack under its own prefix: a copy posted by a killed process is told apart.
  const instances = await InstanceSet.start(options.instances, clusterEnv(databaseUrl, dir), (label) => ({ SLACK_API_URL: `${slack.url}${label}/` }));
  let nginx = null;
  const chats: SentChat[] = [];
  const counter = { retried: 0, refused: {} as Record<number, number> };
  const latencies: number[] = [];
  const late = { n: 0 };
  let kills = 0;
  try {
    const port = await freePort();
    nginx = await startNginx(dir, nginxConfig(dir, port, instances.ports, undefined, 4096), port);
    const base = `http://127.0.0.1:${port}`;
    const think = () => options.thinkMs[0] + rnd() * (options.thinkMs[1] - options.thinkMs[0]);
    const user = async (u: number) => {
      await sleep(rnd() * options.thinkMs[1]);
      const res = await deliver(() => fetch(`${base}/api/chat/session`, { method: 'POST' }), counter);
      await res.arrayBuffer();
      const cookie = String(res.headers.get('set-cookie')).split(';')[0];
      const session = cookie.split('=')[1];
      const stream = new ChatStream(base, cookie);
      const chat: SentChat = { label: session, keys: [], stream };
      chats.push(chat);
      stream.open();
      for (let m = 0; m < options.messagesPerUser; m++) {
        await sleep(think());
        const clientMessageId = `u${u}m${m}`;
        chat.keys.push(`${session}:${clientMessageId}`);
        const before = stream.replies;
        const text = m === 0 ? `my laptop ${u} will not boot` : `more detail ${m} about laptop ${u}`;
        const posted = await deliver(() => fetch(`${base}/api/chat/messages`, {
          method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ clientMessageId, text }),
        }), counter);
        await posted.arrayBuffer();
        const accepted = Date.now();
        // A person waits for the answer before writing again (a minute at most); over 30 s counts as late.
        const answered = await stream.waitForMoreThan(before, 60_000);
        if (answered) latencies.push(Date.now() - accepted);
        if (!answered || Date.now() - accepted > 30_000) late.n++;
      }
    };
    let loadDone = false;
    const load = Promise.all([
      ...Array.from({ length: options.users }, (_, u) => user(u)),
      ...Array.from({ length: options.slackUsers }, async (_, u) => chats.push(await slackUser(base, slack, u, options.slackMessagesPerUser, think, counter, latencies, late))),
    ]).finally(() => (loadDone = true));
    // Or the database goes away for a while under the load, and no instance is touched.
    const outage = options.outage ? await runOutage(options.outage, instances) : undefined;
    // The killer: one instance at a time, SIGKILLed and started again after a second, while the load runs.
    while (!loadDone && !options.outage) {
      await Promise.race([sleep(options.killEveryMs), load.catch(() => undefined)]);
      if (loadDone) break;
      const victim = Math.floor(rnd() * options.instances);
      await instances.kill(victim);
      kills++;
      await sleep(1000);
      await instances.restart(victim);
    }
    await load;
    // Settle: every message answered, every reply sent and seen by its stream; then time for a duplicate to show.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const db = new Client({ connectionString: databaseUrl });
      await db.connect();
      const open = Number((await db.query<{ n: string }>("SELECT (SELECT count(*) FROM messages WHERE direction = 'in' AND processed_at IS NULL) + (SELECT count(*) FROM outbox WHERE status = 'pending') AS n")).rows[0].n);
      const sentIds = (await db.query<{ id: string }>("SELECT o.id FROM outbox o JOIN conversations c ON c.id = o.conversation_id WHERE o.status = 'sent' AND c.channel = 'webchat'")).rows.length;
      await db.end();
      const seen = chats.reduce((n, c) => n + (c.stream?.replies ?? 0), 0);
      if (open === 0 && seen >= sentIds) break;
      if (Date.now() > deadline) break;
      await sleep(250);
    }
    await sleep(1000);
    // Nothing restarted the instances, and none exited on its own (checked again after the settle).
    if (outage) Object.assign(outage, { started: instances.started, exited: instances.exited() });
    const checks = await checkCluster(databaseUrl, chats);
    const slackChecks = await checkSlack(databaseUrl, slack, instances.killedLabels);
    const reconnects = chats.reduce((n, c) => n + (c.stream?.reconnects ?? 0), 0);
    const streamEndings = Object.fromEntries(chats.flatMap((c) => [...(c.stream?.endings ?? [])]).reduce((m, [k, v]) => m.set(k, (m.get(k) ?? 0) + v), new Map<string, number>()));
    // Streams close before the instances stop: their shutdown would count as reconnects.
    chats.forEach((c) => c.stream?.close());
    // An instance that exited by itself: what it wrote before (its last words) goes into the report.
    const exitedOutput = instances.exited().length > 0 ? instances.exitedOutput() : undefined;
    const exitCodes = await instances.stop();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      ...checks, ...slackChecks, users: options.users, slackUsers: options.slackUsers, messages: chats.reduce((n, c) => n + c.keys.length, 0), kills, retriedPosts: counter.retried,
      reconnects, repliesLate: late.n, refused: counter.refused, outage,
      streamEndings,
      latencyMs: { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) ?? 0 },
      seconds: Math.round((Date.now() - started) / 1000), exitCodes, ...(exitedOutput ? { exitedOutput } : {}),
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\ninstance output:\n${instances.output().slice(-4000)}`);
  } finally {
    chats.forEach((c) => c.stream?.close());
    await instances.dispose();
    await stopNginx(nginx);
    await slack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
