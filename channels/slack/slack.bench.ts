import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { burst as burstRequests } from '../../src/bench/burst-client';
import { mainThreadCpuMs } from '../../src/bench/main-thread-cpu';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { dialogEntries } from '../../dialogs';
import { signatureValid } from './slack-envelope';
import { createSlackChannel } from './slack.channel';
import { BENCH_AUTHOR, mixedRequest, SLACK_PAYLOAD_KINDS, type SlackBenchRequest, type SlackPayloadKind } from './slack-bench-payloads';

/** Latency quantiles of one burst, in milliseconds. */
export type LatencyFigures = { p50_ms: number; p99_ms: number; max_ms: number; acked_200: number };
/** One burst: its latencies, and the server's CPU time from the first request to the last answer (steadier than latency on a shared machine). */
export type BurstFigures = LatencyFigures & { server_cpu_ms: number };
/** Several bursts of one kind: medians of their p50 and p99, the worst p99, and every event acknowledged. */
export type RepeatedBurstFigures = { bursts: number; p50_ms: number; p99_ms: number; worst_p99_ms: number; acked_200: number; server_cpu_ms: number };
/** One kind of request over several mixed bursts: every answer of that kind pooled. */
export type KindFigures = LatencyFigures & { requests: number };
/** Mixed bursts of events and interaction payloads, new users each burst. */
export type MixedBurstFigures = { overall: RepeatedBurstFigures; per_kind: Record<SlackPayloadKind, KindFigures>; ratio_p99_to_bare: number };

/** Ack latency of the Slack endpoint under bursts of signed events, beside a bare Node server in the same run. */
export type SlackAckBenchResult = {
  events: number;
  users: number;
  /** The first burst after start: code not yet optimised by the JIT, users unknown. */
  first_burst: BurstFigures;
  /** A running server, users it has not met (users.info runs after the acks). The headline figure. */
  new_users: RepeatedBurstFigures;
  /** A running server, users whose profiles are cached. */
  known_users: RepeatedBurstFigures;
  /** The same client against a bare node:http server that only checks the signature and parses the JSON. */
  bare_node: RepeatedBurstFigures;
  /** new_users.p99 / bare_node.p99. */
  ratio_p99_to_bare: number;
  /** The same size of burst, mixed: DM messages, block_actions (answer buttons, the agents' overflow menu), view_submission, shortcuts (message and global), :ticket: reactions and app_home_opened. */
  interactions: MixedBurstFigures;
  /** Turns run for the bursts, and how many of them failed (a bench of apologies would measure nothing). */
  turns: number;
  failed_turns: number;
};

/**
 * Start Frontdesk with the Slack channel (real bolt, temp SQLite, a local Web API stand-in in its own thread)
 * and fire `events` correctly signed DM events at once from a worker thread (so the client's own work does not
 * count), measuring how long each waits for its HTTP answer. The answer leaves after the message is
 * stored; turns and replies run in the same process, as in production. Each burst starts once the
 * previous one's turns and replies are done. The mixed bursts add, in the same run, the interaction payloads
 * as Slack sends them (slack-bench-payloads.ts) to the events. One burst's p99 moves by several milliseconds from run to run
 * on a shared machine, so the steady-state kinds run `repeats` bursts each.
 */
export async function slackAckBench(events = 200, users = 50, repeats = 5): Promise<SlackAckBenchResult> {
  const api = await startWebApiStub();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-slack-bench-'));
  const secret = randomBytes(16).toString('hex');
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', DATABASE_PATH: path.join(dir, 'bench.db'),
    SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: secret,
  });
  // No tier-2 channel: the agents' overflow clicks and modals are parsed, routed by bolt and acknowledged by
  // their listeners, but nothing is done after the ack. With one, every escalated ticket's messages are mirrored
  // into that one channel at Slack's 1 post/s, and each burst would wait minutes for the previous one's posts.
  const channel = createSlackChannel({ botToken: 'xoxb-bench', signingSecret: secret, slackApiUrl: api.url });
  const app = await createApp(config, { channels: [channel], dialogs: dialogEntries });
  const port = (await app.start()) as number;
  const bare = await startBareServer(secret);
  try {
    const run = async (from: number, group: string, requests?: SlackBenchRequest[]) => {
      const result = await busyBurst(port, secret, requests ?? Array.from({ length: events }, (_, i) => eventRequest(from + i, users, group)));
      // The next burst starts on a quiet server: every turn taken and every reply posted. Replies paced to
      // Slack's per-channel rate (several per DM in a burst) are planned for later: wait for those too.
      await app.engine.idle();
      await app.dispatcher.drainDue();
      const deadline = Date.now() + 60_000;
      while ((await app.store.countOutbox('pending')) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      return result;
    };
    const first = figures(await run(0, 'A'));
    const newUsers: BurstFigures[] = [];
    for (let r = 0; r < repeats; r++) newUsers.push(figures(await run((1 + r) * events, `N${r}`)));
    // The last group's profiles are cached now.
    const knownUsers: BurstFigures[] = [];
    for (let r = 0; r < repeats; r++) knownUsers.push(figures(await run((1 + repeats + r) * events, `N${repeats - 1}`)));
    const mixed: Array<{ requests: SlackBenchRequest[]; result: BurstResult }> = [];
    for (let r = 0; r < repeats; r++) {
      const requests = Array.from({ length: events }, (_, i) => mixedRequest(i, users, `M${r}`));
      mixed.push({ requests, result: await run(0, `M${r}`, requests) });
    }
    const bareNode: BurstFigures[] = [];
    for (let r = 0; r < repeats; r++) bareNode.push(figures(await busyBurst(bare.port, secret, Array.from({ length: events }, (_, i) => eventRequest(i, users, 'C')))));
    const outcomes = (await app.metrics.turns.get()).values;
    const [newFigures, bareFigures, mixedFigures] = [summarise(newUsers), summarise(bareNode), summarise(mixed.map((m) => figures(m.result)))];
    return {
      events, users, first_burst: first, new_users: newFigures, known_users: summarise(knownUsers), bare_node: bareFigures,
      ratio_p99_to_bare: round(newFigures.p99_ms / bareFigures.p99_ms),
      interactions: { overall: mixedFigures, per_kind: perKind(mixed), ratio_p99_to_bare: round(mixedFigures.p99_ms / bareFigures.p99_ms) },
      turns: outcomes.reduce((sum, v) => sum + v.value, 0),
      failed_turns: outcomes.filter((v) => v.labels.outcome === 'error').reduce((sum, v) => sum + v.value, 0),
    };
  } finally {
    await bare.stop();
    await app.stop();
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type BurstResult = { latencies: number[]; statuses: number[]; cpuMs?: number };

function figures(result: BurstResult): BurstFigures {
  return { ...latencyFigures(result), server_cpu_ms: round(result.cpuMs ?? 0) };
}

function latencyFigures(result: BurstResult): LatencyFigures {
  const { statuses } = result;
  const latencies = [...result.latencies].sort((x, y) => x - y);
  return {
    p50_ms: round(quantile(latencies, 0.5)),
    p99_ms: round(quantile(latencies, 0.99)),
    max_ms: round(latencies[latencies.length - 1]),
    acked_200: statuses.filter((s) => s === 200).length,
  };
}

/** Every answer of each kind over the mixed bursts, pooled: 16 of a kind per burst is too few for a p99 each. */
function perKind(bursts: Array<{ requests: SlackBenchRequest[]; result: BurstResult }>): Record<SlackPayloadKind, KindFigures> {
  const pooled = Object.fromEntries(SLACK_PAYLOAD_KINDS.map((kind) => [kind, { latencies: [] as number[], statuses: [] as number[] }]));
  for (const { requests, result } of bursts) {
    requests.forEach((request, i) => {
      pooled[request.kind].latencies.push(result.latencies[i]);
      pooled[request.kind].statuses.push(result.statuses[i]);
    });
  }
  return Object.fromEntries(SLACK_PAYLOAD_KINDS.map((kind) => [kind, { requests: pooled[kind].latencies.length, ...latencyFigures(pooled[kind]) }])) as Record<SlackPayloadKind, KindFigures>;
}

function summarise(bursts: BurstFigures[]): RepeatedBurstFigures {
  const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
  return {
    bursts: bursts.length,
    p50_ms: median(bursts.map((b) => b.p50_ms)),
    p99_ms: median(bursts.map((b) => b.p99_ms)),
    worst_p99_ms: Math.max(...bursts.map((b) => b.p99_ms)),
    acked_200: Math.min(...bursts.map((b) => b.acked_200)),
    server_cpu_ms: median(bursts.map((b) => b.server_cpu_ms)),
  };
}

/** The floor: node:http, the same signature check and JSON parse, nothing stored. */
async function startBareServer(secret: string): Promise<{ port: number; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST') return void res.end('ok');
      const raw = Buffer.concat(chunks);
      const valid = signatureValid(raw, String(req.headers['x-slack-request-timestamp']), String(req.headers['x-slack-signature']), secret);
      if (valid) JSON.parse(raw.toString());
      res.writeHead(valid ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The events-only bursts' DM message (the figures before interaction payloads existed keep this shape). */
function eventRequest(i: number, users: number, group: string): SlackBenchRequest {
  const ts = `1700100000.${String(i).padStart(6, '0')}`;
  const user = `U0BENCH${group}${i % users}`;
  const body = JSON.stringify({
    token: 'bench', team_id: 'T0BENCH', api_app_id: 'A0BENCH', type: 'event_callback', event_id: `Ev0BENCH${i}`, event_time: 1700100000,
    event: { type: 'message', channel_type: 'im', channel: `D0BENCH${group}${i % users}`, user, text: `my laptop is slow (${i})`, ts, event_ts: ts },
  });
  return { kind: 'message', body, contentType: 'application/json' };
}

/** A burst, and the CPU time of this process's main thread (the server's; the client and the Web API stand-in run in workers) meanwhile. */
async function busyBurst(port: number, secret: string, requests: SlackBenchRequest[]): Promise<BurstResult> {
  const before = mainThreadCpuMs();
  const result = await burst(port, secret, requests);
  return { ...result, cpuMs: mainThreadCpuMs() - before };
}

/** Signed as Slack signs (v0, HMAC-SHA256 of `v0:ts:body`) here; the worker only sends them all at once and times each answer, in the order given. */
async function burst(port: number, secret: string, requests: SlackBenchRequest[]): Promise<BurstResult> {
  const ts = Math.floor(Date.now() / 1000);
  return burstRequests(port, requests.map(({ body, contentType }) => ({
    method: 'POST' as const, path: '/slack/events', body,
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}` },
  })));
}

/**
 * A Web API that says yes to everything the channel calls (auth.test, users.info, chat.postMessage), in its own
 * worker thread: Slack's servers are not in our process, so answering them must not cost our event loop time.
 */
async function startWebApiStub(): Promise<{ url: string; stop(): Promise<void> }> {
  const worker = new Worker(STUB_SOURCE, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}/api/`,
    stop: async () => {
      await worker.terminate();
    },
  };
}

const STUB_SOURCE = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
let counter = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const method = (req.url || '').replace(/^\\/api\\//, '');
    const args = new URLSearchParams(Buffer.concat(chunks).toString());
    const answer = method === 'auth.test'
      ? { ok: true, user_id: 'U0BENCHBOT', bot_id: 'B0BENCHBOT', team_id: 'T0BENCH' }
      : method === 'users.info'
        ? { ok: true, user: { id: 'U', profile: { real_name: 'Bench User', email: 'bench@example.test', title: 'QA' } } }
        // The message a :ticket: reaction is on, by the author the reaction names.
        : method === 'conversations.history' || method === 'conversations.replies'
          ? { ok: true, messages: [{ type: 'message', ts: args.get('latest'), user: '${BENCH_AUTHOR}', text: 'The wiki times out for everyone on floor 2' }] }
          : method === 'chat.getPermalink'
            ? { ok: true, permalink: 'https://bench.slack.com/archives/' + args.get('channel') + '/p' + String(args.get('message_ts')).replace('.', '') }
            : method === 'views.open'
              ? { ok: true, view: { id: 'V0BENCH' + (++counter) } }
              : { ok: true, ts: '1700200000.' + String(++counter).padStart(6, '0') };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
