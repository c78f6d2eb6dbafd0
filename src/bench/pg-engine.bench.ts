import path from 'node:path';
import { createApp } from '../app';
import { parseConfig } from '../config';
import type { DialogEntry } from '../dialog/registry';
import { createLogger } from '../log';
import { bareTurnsPerSecond, measureTurnShape } from './bare-pg-turns';
import { BENCH_CONVERSATIONS, LOCAL, runEngineTurns } from './engine.bench';
import { percentile, round } from './percentiles';
import { startTempPostgres } from './temp-postgres';

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
    let run: { seconds: number; latencies: number[] };
    try {
      if ((await measureTurnShape(url)).turns > 0) throw new Error('the database already has turns: point DATABASE_URL at a fresh database');
      run = await runEngineTurns(app, turns);
    } finally {
      await app.stop();
    }
    const shape = await measureTurnShape(url);
    const bare = await bareTurnsPerSecond(url, shape, turns, BENCH_CONVERSATIONS);
    const engineRate = turns / run.seconds;
    return {
      database: temp ? 'throw-away PostgreSQL 15 (fsync off, same machine)' : 'DATABASE_URL',
      turns,
      per_turn: { replies: round(shape.outboxRows / shape.turns), tickets: round(shape.ticketsOpened / shape.turns), ticket_events: round(shape.ticketEvents / shape.turns), kb_gaps: round(shape.kbGaps / shape.turns) },
      engine_turns_per_s: round(engineRate),
      engine_turn_p50_ms: round(percentile(run.latencies, 50)),
      engine_turn_p99_ms: round(percentile(run.latencies, 99)),
      bare_pg_turns_per_s: round(bare),
      ratio_engine_to_bare: round(engineRate / bare),
    };
  } finally {
    temp?.stop();
  }
}
