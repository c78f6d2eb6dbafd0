import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createApp } from '../../src/app';
import { parseConfig } from '../../src/config';
import { percentile } from '../../src/bench/percentiles';
import { dialogEntries } from '../../dialogs';
import { WecomCrypto } from './wecom-crypto';
import { parseWecomXml } from './wecom-xml';
import { wecomExtension } from './wecom-agents';
import { createWecomChannel, wecomConfigFrom, WECOM_CALLBACK_PATH } from './wecom.channel';
import { burst, type BurstResult } from '../../src/bench/burst-client';

/** Ack latency quantiles of bursts, in milliseconds (medians over the bursts; the worst p99 too). */
export type WecomBurstFigures = { bursts: number; p50_ms: number; p99_ms: number; worst_p99_ms: number; acked_200: number };

/** Callback ack latency of the WeCom endpoint under bursts of encrypted callbacks, beside a bare Node server. */
export type WecomAckBenchResult = { events: number; first_burst: WecomBurstFigures; new_users: WecomBurstFigures; bare_node: WecomBurstFigures; ratio_p99_to_bare: number; token_fetches: number };

const KEY = { corpId: 'wwbench', agentId: '1000002', secret: 'bench-secret', token: 'benchToken', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };

/**
 * Start Frontdesk with the WeCom channel (temp SQLite, a stand-in API in its own thread) and post `events`
 * encrypted, signed text callbacks at once from a worker thread, timing each ack (the empty 200 after the
 * message is stored). Turns and replies (message/send) run in the same process, as in production; each burst
 * starts once the previous one's replies are sent. The bare server verifies and decrypts, and stores nothing.
 */
export async function wecomAckBench(events = 200, repeats = 5): Promise<WecomAckBenchResult> {
  const api = await startApiStub();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-wecom-bench-'));
  const config = parseConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEBCHAT_ENABLED: 'false', DATABASE_PATH: path.join(dir, 'bench.db'),
    WECOM_CORP_ID: KEY.corpId, WECOM_AGENT_ID: KEY.agentId, WECOM_SECRET: KEY.secret, WECOM_TOKEN: KEY.token, WECOM_ENCODING_AES_KEY: KEY.encodingAesKey, WECOM_API_URL: api.url,
  });
  const channel = createWecomChannel(wecomConfigFrom(config));
  const app = await createApp(config, { channels: [channel], dialogs: dialogEntries, extensions: [wecomExtension] });
  const port = (await app.start()) as number;
  const bare = await startBareServer();
  const crypto = new WecomCrypto(KEY.token, KEY.encodingAesKey, KEY.corpId);
  try {
    const run = async (target: number, from: number) => {
      const result = await wecomBurst(target, Array.from({ length: events }, (_, i) => callback(crypto, from + i)));
      await app.engine.idle();
      await app.dispatcher.drainDue();
      return result;
    };
    const first = summarise([await run(port, 0)]);
    const steady = [];
    for (let r = 1; r <= repeats; r++) steady.push(await run(port, r * events));
    const bareRuns = [];
    for (let r = 0; r < repeats; r++) bareRuns.push(await wecomBurst(bare.port, Array.from({ length: events }, (_, i) => callback(crypto, i))));
    const [newUsers, bareNode] = [summarise(steady), summarise(bareRuns)];
    return { events, first_burst: first, new_users: newUsers, bare_node: bareNode, ratio_p99_to_bare: Math.round((newUsers.p99_ms / bareNode.p99_ms) * 100) / 100, token_fetches: channel.api.stats.tokenFetches };
  } finally {
    await bare.stop();
    await app.stop();
    await api.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One text callback from user i % 50 of its burst, as WeCom posts it. */
function callback(crypto: WecomCrypto, i: number): { query: string; body: string } {
  const inner = `<xml><ToUserName><![CDATA[${KEY.corpId}]]></ToUserName><FromUserName><![CDATA[bench${Math.floor(i / 200)}u${i % 50}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[电脑很慢 (${i})]]></Content><MsgId>${9_000_000_000 + i}</MsgId><AgentID>${KEY.agentId}</AgentID></xml>`;
  const encrypted = crypto.encrypt(inner);
  const timestamp = '1700000000';
  const nonce = String(randomBytes(4).readUInt32BE(0));
  return { query: `msg_signature=${crypto.signature(timestamp, nonce, encrypted)}&timestamp=${timestamp}&nonce=${nonce}`, body: `<xml><ToUserName><![CDATA[${KEY.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>` };
}

function summarise(runs: Array<{ latencies: number[]; statuses: number[] }>): WecomBurstFigures {
  const p = (q: number) => runs.map((r) => percentile(r.latencies, q));
  const median = (values: number[]) => percentile(values, 50);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { bursts: runs.length, p50_ms: round(median(p(50))), p99_ms: round(median(p(99))), worst_p99_ms: round(Math.max(...p(99))), acked_200: Math.min(...runs.map((r) => r.statuses.filter((s) => s === 200).length)) };
}

/** The floor: node:http, the same signature check and decryption, nothing stored. */
async function startBareServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const crypto = new WecomCrypto(KEY.token, KEY.encodingAesKey, KEY.corpId);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST') return void res.end('ok');
      const url = new URL(req.url ?? '/', 'http://x');
      const encrypted = parseWecomXml(Buffer.concat(chunks).toString())?.Encrypt ?? '';
      const valid = crypto.verify(url.searchParams.get('msg_signature') ?? '', url.searchParams.get('timestamp') ?? '', url.searchParams.get('nonce') ?? '', encrypted);
      if (valid) parseWecomXml(crypto.decrypt(encrypted));
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

/** The callbacks as WeCom posts them, through the shared burst client. */
function wecomBurst(port: number, callbacks: Array<{ query: string; body: string }>): Promise<BurstResult> {
  return burst(port, callbacks.map(({ query, body }) => ({ method: 'POST', path: `${WECOM_CALLBACK_PATH}?${query}`, headers: { 'content-type': 'text/xml' }, body })));
}

/** WeCom's API answering yes (gettoken, message/send, user/get, department/get) in its own thread. */
async function startApiStub(): Promise<{ url: string; stop(): Promise<void> }> {
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
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const api = (req.url || '').split('?')[0].replace(/^\\/cgi-bin\\//, '');
    const answer = api === 'gettoken' ? { errcode: 0, errmsg: 'ok', access_token: 'bench-token', expires_in: 7200 }
      : api === 'user/get' ? { errcode: 0, errmsg: 'ok', userid: 'u', name: '测试用户', email: 'u@example.test', department: [2], main_department: 2 }
      : api === 'department/get' ? { errcode: 0, errmsg: 'ok', department: { id: 2, name: '研发部' } }
      : { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: 'm', response_code: 'rc' };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;
