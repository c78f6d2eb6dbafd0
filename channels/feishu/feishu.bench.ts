import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { burst as burstRequests } from '../../src/bench/burst-client';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { dialogEntries } from '../../dialogs';
import { decryptEvent, encryptEvent, larkSignature, signatureMatches } from './feishu-crypto';
import { createFeishuChannel, FEISHU_EVENTS_PATH } from './feishu.channel';

/** One burst's acknowledgement latencies, in milliseconds. */
export type FeishuBurstFigures = { p50_ms: number; p99_ms: number; max_ms: number; acked_200: number };
/** Several bursts: medians of their p50 and p99, the worst p99, the fewest acknowledged. */
export type FeishuRepeatedFigures = { bursts: number; p50_ms: number; p99_ms: number; worst_p99_ms: number; acked_200: number };

/** Callback ack latency of /feishu/events under bursts of encrypted, signed events, beside a bare Node server. */
export type FeishuAckBenchResult = {
  events: number;
  users: number;
  first_burst: FeishuBurstFigures;
  /** Users the server has not met (contact lookups run after the acks): the headline figure. */
  new_users: FeishuRepeatedFigures;
  known_users: FeishuRepeatedFigures;
  /** node:http with the same signature check, decryption and JSON parse, nothing stored. */
  bare_node: FeishuRepeatedFigures;
  ratio_p99_to_bare: number;
  turns: number;
  failed_turns: number;
};

const APP_ID = 'cli_bench';
const TOKEN = 'bench-verification-token';

/**
 * Start Frontdesk with the Feishu channel (temp SQLite, a local Open Platform stand-in in its own thread),
 * fire `events` encrypted and signed p2p messages at once from a worker thread and time each answer.
 * Turns and replies run in the same process, as in production; each burst starts on a quiet server.
 */
export async function feishuAckBench(events = 200, users = 50, repeats = 5): Promise<FeishuAckBenchResult> {
  const api = await startOpenPlatformStub();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-feishu-bench-'));
  const encryptKey = randomBytes(16).toString('hex');
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', DATABASE_PATH: path.join(dir, 'bench.db'),
    FEISHU_APP_ID: APP_ID, FEISHU_APP_SECRET: 'bench-secret', FEISHU_VERIFICATION_TOKEN: TOKEN, FEISHU_ENCRYPT_KEY: encryptKey, FEISHU_DOMAIN: api.url,
  });
  const channel = createFeishuChannel({ appId: APP_ID, appSecret: 'bench-secret', verificationToken: TOKEN, encryptKey, domain: api.url, mode: 'http', defaultLang: 'zh' });
  const app = await createApp(config, { channels: [channel], dialogs: dialogEntries });
  const port = (await app.start()) as number;
  const bare = await startBareServer(encryptKey);
  try {
    const run = async (from: number, group: string) => {
      const result = await burst(port, encryptKey, Array.from({ length: events }, (_, i) => eventBody(from + i, users, group)));
      await app.engine.idle();
      await app.dispatcher.drainDue();
      return figures(result);
    };
    const first = await run(0, 'A');
    const fresh: FeishuBurstFigures[] = [];
    for (let r = 0; r < repeats; r++) fresh.push(await run((1 + r) * events, `N${r}`));
    const known: FeishuBurstFigures[] = [];
    for (let r = 0; r < repeats; r++) known.push(await run((1 + repeats + r) * events, `N${repeats - 1}`));
    const bareRuns: FeishuBurstFigures[] = [];
    for (let r = 0; r < repeats; r++) bareRuns.push(figures(await burst(bare.port, encryptKey, Array.from({ length: events }, (_, i) => eventBody(i, users, 'C')))));
    const outcomes = (await app.metrics.turns.get()).values;
    const [newFigures, bareFigures] = [summarise(fresh), summarise(bareRuns)];
    return {
      events, users, first_burst: first, new_users: newFigures, known_users: summarise(known), bare_node: bareFigures,
      ratio_p99_to_bare: round(newFigures.p99_ms / bareFigures.p99_ms),
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

function eventBody(i: number, users: number, group: string): string {
  const user = `ou_bench${group}${i % users}`;
  return JSON.stringify({
    schema: '2.0',
    header: { event_id: `evbench${group}${i}`, event_type: 'im.message.receive_v1', create_time: String(Date.now()), token: TOKEN, app_id: APP_ID, tenant_key: 'bench' },
    event: {
      sender: { sender_id: { open_id: user, union_id: `on_${user}`, user_id: user }, sender_type: 'user', tenant_key: 'bench' },
      message: { message_id: `om_bench${group}${i}`, create_time: String(Date.now()), chat_id: `oc_bench${group}${i % users}`, chat_type: 'p2p', message_type: 'text', content: JSON.stringify({ text: `电脑很慢 (${i})` }) },
    },
  });
}

/** Requests are encrypted and signed here; the worker only sends them all at once and times each answer. */
async function burst(port: number, encryptKey: string, bodies: string[]): Promise<{ latencies: number[]; statuses: number[] }> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const requests = bodies.map((plain) => {
    const body = JSON.stringify({ encrypt: encryptEvent(encryptKey, plain) });
    return { body, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': 'bench', 'x-lark-signature': larkSignature(encryptKey, timestamp, 'bench', body) } };
  });
  const result = await burstRequests(port, requests.map(({ body, headers }) => ({ method: 'POST' as const, path: FEISHU_EVENTS_PATH, headers, body })));
  return { latencies: [...result.latencies].sort((x, y) => x - y), statuses: result.statuses };
}

/** The floor: node:http with the same signature check, decryption and JSON parse. */
async function startBareServer(encryptKey: string): Promise<{ port: number; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST') return void res.end('ok');
      const raw = Buffer.concat(chunks);
      const header = (name: string) => String(req.headers[name] ?? '');
      const valid = signatureMatches(encryptKey, { timestamp: header('x-lark-request-timestamp'), nonce: header('x-lark-request-nonce'), signature: header('x-lark-signature') }, raw);
      if (valid) JSON.parse(decryptEvent(encryptKey, JSON.parse(raw.toString()).encrypt) ?? '{}');
      res.writeHead(valid ? 200 : 401, { 'content-type': 'application/json' }).end('{}');
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

/** An Open Platform that says yes to every call the channel makes, in its own thread (Feishu is not in our process). */
async function startOpenPlatformStub(): Promise<{ url: string; stop(): Promise<void> }> {
  const worker = new Worker(STUB_SOURCE, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { url: `http://127.0.0.1:${port}`, stop: async () => void (await worker.terminate()) };
}

const STUB_SOURCE = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
let counter = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const url = req.url || '';
    const answer = url.includes('tenant_access_token') ? { code: 0, msg: 'ok', tenant_access_token: 't-bench', expire: 7200 }
      : url.includes('/bot/v3/info') ? { code: 0, msg: 'ok', bot: { open_id: 'ou_benchbot', app_name: 'Bench' } }
      : url.includes('/contact/v3/users/') ? { code: 0, msg: 'success', data: { user: { name: '测试用户', email: 'bench@example.test', department_ids: ['od-bench'] } } }
      : url.includes('/contact/v3/departments/') ? { code: 0, msg: 'success', data: { department: { name: '测试部' } } }
      : { code: 0, msg: 'success', data: { message_id: 'om_stub' + (++counter) } };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

function figures(result: { latencies: number[]; statuses: number[] }): FeishuBurstFigures {
  const { latencies, statuses } = result;
  return { p50_ms: round(quantile(latencies, 0.5)), p99_ms: round(quantile(latencies, 0.99)), max_ms: round(latencies[latencies.length - 1] ?? 0), acked_200: statuses.filter((s) => s === 200).length };
}

function summarise(bursts: FeishuBurstFigures[]): FeishuRepeatedFigures {
  const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
  return {
    bursts: bursts.length, p50_ms: median(bursts.map((b) => b.p50_ms)), p99_ms: median(bursts.map((b) => b.p99_ms)),
    worst_p99_ms: Math.max(...bursts.map((b) => b.p99_ms)), acked_200: Math.min(...bursts.map((b) => b.acked_200)),
  };
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
