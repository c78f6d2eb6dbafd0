import path from 'node:path';
import { createApp } from '../app';
import { parseConfig } from '../config';
import type { DialogEntry } from '../dialog/registry';
import { createLogger } from '../log';
import type { ChannelAdapter } from '../types/channel';
import { bareTurnsPerSecond, measureTurnShape } from './bare-pg-turns';
import { percentile, round } from './percentiles';
import { startTempPostgres } from './temp-postgres';

const PROBLEMS = [
  'my laptop will not turn on after the update', 'outlook keeps asking for my password', 'printer on floor 3 shows offline',
  'VPN drops every few minutes at home', 'I need Visio installed please', '我的打印机一直显示脱机', '共享盘打不开了，提示没有权限',
];
const CONVERSATIONS = 200;

/** A channel that accepts every send at once: the bench measures the engine, not a platform. */
const LOCAL: ChannelAdapter = {
  name: 'terminal',
  capabilities: { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 100_000, markdown: 'plain' },
  start: async () => {},
  stop: async () => {},
  send: async () => {},
};

/**
 * Engine turns per second on PostgreSQL beside a bare node-postgres loop writing the same rows, in one run on
 * one server (DATABASE_URL's, which must be a fresh database, or a throw-away one). The engine is the real
 * app (createApp on PostgreSQL: claims, context reads, classifier, KB, dialogs, commit, dispatcher marking the
 * replies sent), one turn at a time. The bare loop then issues PgStore's own write statements in the same
 * transactions, with as many tickets, events, replies and gaps per turn as the engine's turns wrote
 * (counted from the database), and nothing else. `ratio_engine_to_bare` is the share of the bare write rate
 * the engine reaches: 1 would mean the engine costs nothing beyond its commits.
 */
export async function pgEngineBench(dialogs: DialogEntry[], databaseUrl: string | undefined, turns = 1000) {
  const temp = databaseUrl ? null : await startTempPostgres();
  const url = databaseUrl ?? temp!.url;
  try {
    const config = parseConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url, KB_DIR: path.join(__dirname, '..', '..', '..', 'kb-articles'), INSTANCE_NAME: 'bench-engine' });
    const app = await createApp(config, { channels: [LOCAL], dialogs, dispatch: false, log: createLogger({ level: 'silent' }) });
    await app.start(false);
    const latencies: number[] = [];
    let engineSeconds: number;
    try {
      if ((await measureTurnShape(url)).turns > 0) throw new Error('the database already has turns: point DATABASE_URL at a fresh database');
      const started = process.hrtime.bigint();
      for (let i = 0; i < turns; i++) {
        const t0 = process.hrtime.bigint();
        const ref = { channel: 'terminal' as const, conversationId: `bench-${i % CONVERSATIONS}`, userId: `user-${i % CONVERSATIONS}` };
        await app.engine.receive({ ref, platformMessageId: `bench-${i}`, text: PROBLEMS[i % PROBLEMS.length] });
        await app.dispatcher.drainDue();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      engineSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    } finally {
      await app.stop();
    }
    const shape = await measureTurnShape(url);
    const bare = await bareTurnsPerSecond(url, shape, turns, CONVERSATIONS);
    const engineRate = turns / engineSeconds;
    return {
      database: temp ? 'throw-away PostgreSQL 15 (fsync off, same machine)' : 'DATABASE_URL',
      turns,
      per_turn: { replies: round(shape.outboxRows / shape.turns), tickets: round(shape.ticketsOpened / shape.turns), ticket_events: round(shape.ticketEvents / shape.turns), kb_gaps: round(shape.kbGaps / shape.turns) },
      engine_turns_per_s: round(engineRate),
      engine_turn_p50_ms: round(percentile(latencies, 50)),
      engine_turn_p99_ms: round(percentile(latencies, 99)),
      bare_pg_turns_per_s: round(bare),
      ratio_engine_to_bare: round(engineRate / bare),
    };
  } finally {
    temp?.stop();
  }
}
