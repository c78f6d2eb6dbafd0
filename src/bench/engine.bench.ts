import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createApp, type App } from '../app';
import { parseConfig } from '../config';
import type { DialogEntry } from '../dialog/registry';
import { createLogger } from '../log';
import type { ChannelAdapter } from '../types/channel';
import { percentile, round } from './percentiles';

const PROBLEMS = [
  'my laptop will not turn on after the update', 'outlook keeps asking for my password', 'printer on floor 3 shows offline',
  'VPN drops every few minutes at home', 'I need Visio installed please', '我的打印机一直显示脱机', '共享盘打不开了，提示没有权限',
];

/** How many conversations the bench's turns are spread over. */
export const BENCH_CONVERSATIONS = 200;

/** A channel that accepts every send at once: the bench measures the engine, not a platform. */
export const LOCAL: ChannelAdapter = {
  name: 'terminal',
  capabilities: { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 100_000, markdown: 'plain' },
  start: async () => {},
  stop: async () => {},
  send: async () => {},
};

/**
 * Engine turns per second and turn latency (store inbound, decide with the real classifier, KB and dialogs,
 * commit, send through a local channel) on a file database, beside a bare durable insert of the same rows.
 */
export async function engineBench(dialogs: DialogEntry[], turns = 1000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-bench-'));
  try {
    const config = parseConfig({ LOG_LEVEL: 'silent', DATABASE_PATH: path.join(dir, 'engine.db'), KB_DIR: path.join(__dirname, '..', '..', '..', 'kb-articles') });
    const app = await createApp(config, { channels: [LOCAL], dialogs, dispatch: false, log: createLogger({ level: 'silent' }) });
    await app.start(false);
    const { seconds: engineSeconds, latencies } = await runEngineTurns(app, turns);
    await app.stop();
    const bare = bareInsertBench(path.join(dir, 'bare.db'), turns);
    const engineRate = turns / engineSeconds;
    return {
      turns,
      engine_turns_per_s: round(engineRate),
      turn_p50_ms: round(percentile(latencies, 50)),
      turn_p99_ms: round(percentile(latencies, 99)),
      bare_turn_rows_per_s: round(bare),
      ratio_engine_to_bare: round(engineRate / bare),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `turns` terminal messages through the app's engine, one at a time over BENCH_CONVERSATIONS conversations,
 * each followed by a drain of the replies; the whole run's seconds and each turn's latency in ms.
 */
export async function runEngineTurns(app: App, turns: number): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < turns; i++) {
    const t0 = process.hrtime.bigint();
    const ref = { channel: 'terminal' as const, conversationId: `bench-${i % BENCH_CONVERSATIONS}`, userId: `user-${i % BENCH_CONVERSATIONS}` };
    await app.engine.receive({ ref, platformMessageId: `bench-${i}`, text: PROBLEMS[i % PROBLEMS.length] });
    await app.dispatcher.drainDue();
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latencies };
}

/**
 * The baseline: the same rows with the same durability and no logic. Per turn, as the engine needs at
 * least: the inbound message committed before the ack, the reply and its outbox row committed together,
 * then the outbox row marked sent.
 */
function bareInsertBench(file: string, turns: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE messages (id INTEGER PRIMARY KEY, channel TEXT, platform_message_id TEXT, text TEXT, created_at TEXT, UNIQUE (channel, platform_message_id));
    CREATE TABLE outbox (id INTEGER PRIMARY KEY, message_json TEXT, status TEXT, created_at TEXT)`);
  const insertMessage = db.prepare('INSERT INTO messages (channel, platform_message_id, text, created_at) VALUES (?, ?, ?, ?)');
  const insertOutbox = db.prepare("INSERT INTO outbox (message_json, status, created_at) VALUES (?, 'pending', ?)");
  const markSent = db.prepare("UPDATE outbox SET status = 'sent' WHERE id = ?");
  const inbound = db.transaction((i: number) => insertMessage.run('terminal', `bench-${i}`, PROBLEMS[i % PROBLEMS.length], new Date().toISOString()));
  const reply = db.transaction((i: number) => {
    const now = new Date().toISOString();
    insertMessage.run('terminal', null, `reply ${i}`, now);
    return Number(insertOutbox.run(JSON.stringify({ kind: 'text', text: `reply ${i}` }), now).lastInsertRowid);
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < turns; i++) {
    inbound.immediate(i);
    markSent.run(reply.immediate(i));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return turns / seconds;
}
