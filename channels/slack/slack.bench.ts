import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { createSlackChannel } from './slack.channel';

/** Ack latency of the Slack endpoint under a burst of signed events (cold: users.info not cached yet). */
export type SlackAckBenchResult = {
  p50_ms: number; p99_ms: number; max_ms: number; events: number; users: number; acked_200: number;
  /** A second burst of new messages from the same users, whose profiles are cached by then. */
  warm_p50_ms: number; warm_p99_ms: number;
};

/**
 * Start Frontdesk with the Slack channel (real bolt, temp SQLite, a local Web API stand-in) and fire
 * `events` correctly signed DM events at once from a worker thread (so the client's own work does not
 * count), measuring how long each waits for its HTTP answer. The answer leaves after the message is
 * stored; turns and replies run meanwhile in the same process, as in production.
 */
export async function slackAckBench(events = 200, users = 50): Promise<SlackAckBenchResult> {
  const api = await startWebApiStub();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-slack-bench-'));
  const secret = randomBytes(16).toString('hex');
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', DATABASE_PATH: path.join(dir, 'bench.db'),
    SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: secret,
  });
  const channel = createSlackChannel({ botToken: 'xoxb-bench', signingSecret: secret, slackApiUrl: api.url });
  const app = await createApp(config, { channels: [channel] });
  const port = (await app.start()) as number;
  try {
    const cold = await burst(port, secret, Array.from({ length: events }, (_, i) => eventBody(i, users)));
    await app.engine.idle();
    const warm = await burst(port, secret, Array.from({ length: events }, (_, i) => eventBody(events + i, users)));
    await app.engine.idle();
    return {
      p50_ms: round(quantile(cold.latencies, 0.5)),
      p99_ms: round(quantile(cold.latencies, 0.99)),
      max_ms: round(cold.latencies[cold.latencies.length - 1]),
      events,
      users,
      acked_200: cold.statuses.filter((s) => s === 200).length,
      warm_p50_ms: round(quantile(warm.latencies, 0.5)),
      warm_p99_ms: round(quantile(warm.latencies, 0.99)),
    };
  } finally {
    await app.stop();
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function eventBody(i: number, users: number): string {
  const ts = `1700100000.${String(i).padStart(6, '0')}`;
  const user = `U0BENCH${i % users}`;
  return JSON.stringify({
    token: 'bench', team_id: 'T0BENCH', api_app_id: 'A0BENCH', type: 'event_callback', event_id: `Ev0BENCH${i}`, event_time: 1700100000,
    event: { type: 'message', channel_type: 'im', channel: `D0BENCH${i % users}`, user, text: `my laptop is slow (${i})`, ts, event_ts: ts },
  });
}

/** Signed requests are prepared here; the worker only sends them all at once and times each answer. */
async function burst(port: number, secret: string, bodies: string[]): Promise<{ latencies: number[]; statuses: number[] }> {
  const ts = Math.floor(Date.now() / 1000);
  const requests = bodies.map((body) => ({ body, signature: `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}` }));
  const worker = new Worker(CLIENT_SOURCE, { eval: true, workerData: { port, ts, requests } });
  const results = await new Promise<Array<{ ms: number; status: number }>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return { latencies: results.map((r) => r.ms).sort((a, b) => a - b), statuses: results.map((r) => r.status) };
}

// Plain JavaScript: a worker started with `eval` is not compiled by TypeScript.
const CLIENT_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { port, ts, requests } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: requests.length });
const send = (path, method, headers, body) => new Promise((resolve, reject) => {
  const started = process.hrtime.bigint();
  const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers }, (res) => {
    res.resume();
    res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode }));
  });
  req.on('error', reject);
  req.end(body);
});
// Open every connection first (GET /healthz): the burst then measures the server, not TCP handshakes.
Promise.all(requests.map(() => send('/healthz', 'GET', {}, undefined))).then(() => Promise.all(requests.map(({ body, signature }) =>
  send('/slack/events', 'POST', { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
    'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }, body)
))).then((results) => { agent.destroy(); parentPort.postMessage(results); });
`;

/** A Web API that says yes to everything the channel calls (auth.test, users.info, chat.postMessage). */
async function startWebApiStub(): Promise<{ url: string; stop(): Promise<void> }> {
  let counter = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      const answer = method === 'auth.test'
        ? { ok: true, user_id: 'U0BENCHBOT', bot_id: 'B0BENCHBOT', team_id: 'T0BENCH' }
        : method === 'users.info'
          ? { ok: true, user: { id: 'U', profile: { real_name: 'Bench User', email: 'bench@example.test', title: 'QA' } } }
          : { ok: true, ts: `1700200000.${String(++counter).padStart(6, '0')}` };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
