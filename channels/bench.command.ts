import path from 'node:path';
import { dialogEntries } from '../dialogs';
import { engineBench } from '../src/bench/engine.bench';
import { classifyBenchFigures } from '../src/classify/bench';
import { parseArgs, type CliCommand } from '../src/cli/command';
import { kbBenchFigures } from '../src/kb/bench';
import { understandBench } from '../src/understand/bench';
import { emailBench } from './email/email.bench';
import { emailLatencyBench } from './email/latency.bench';
import { mailOutageBench } from './email/outage.bench';
import { slackAckBench } from './slack/slack.bench';
import { slackSocketHandoverBench } from './slack/slack-socket.bench';
import { feishuAckBench } from './feishu/feishu.bench';
import { wecomAckBench } from './wecom/wecom.bench';
import { evaluateConversations, loadScenarios } from '../src/eval/conversations-eval';
import { SCENARIO_DIR } from '../src/cli/eval-conversations.command';
import { overloadBench } from '../src/bench/overload.bench';
import { startWebchatLoadTarget } from './webchat/load-target';
import { apiListBench, webhookBench } from '../src/bench/api.bench';
import { consoleQueueBench } from '../src/bench/console.bench';
import { consoleLiveBench } from '../src/bench/console-live.bench';
import { liveUpdateBench } from './webchat/live.bench';
import { pgEngineBench } from '../src/bench/pg-engine.bench';
import { pgInstancesBench } from '../src/bench/pg-instances.bench';

/** Every figure of `npm run bench`; each part runs its baseline side by side in the same run. */
const PARTS: Record<string, (evalDir: string, cwd: string, env: NodeJS.ProcessEnv) => Promise<unknown>> = {
  engine: () => engineBench(dialogEntries, 1000),
  kb: (evalDir, cwd) => kbBenchFigures({ kbDir: path.join(cwd, 'kb-articles'), evalDir }),
  classify: (evalDir) => classifyBenchFigures(evalDir),
  // The conversation suite's good/total (the same figure as `frontdesk eval conversations`).
  conversations: async (_evalDir, cwd) => {
    const { failures, ...figures } = await evaluateConversations(loadScenarios(SCENARIO_DIR()), { dialogs: dialogEntries, kbDir: path.join(cwd, 'kb-articles') });
    return { ...figures, failed: failures.map((f) => f.id) };
  },
  // Ack p99 at 200 concurrent events (goal under 50 ms); Socket Mode: disconnect request to the new socket's hello (goal under 2 s).
  slack: async () => ({ ...(await slackAckBench(200, 50)), socket_handover: await slackSocketHandoverBench(10) }),
  feishu: () => feishuAckBench(200, 50),
  // Callback ack p99 at 200 concurrent encrypted WeCom callbacks (goal under 50 ms, like Slack).
  wecom: () => wecomAckBench(200),
  email: async () => ({ ...(await emailBench(1000)), idleLatency: await emailLatencyBench(10, 20) }),
  // Postfix stopped for 60 s under load (mails and web chat), then stop() during an outage (needs root for Postfix).
  'mail-outage': () => mailOutageBench(60),
  understand: async () => understandBench(2000),
  // GET /api/v1/tickets p50/p99 over HTTP with 100,000 tickets (goal p99 < 50 ms) beside the bare SQLite page.
  api: () => apiListBench(100_000, 300),
  // The console's queue with 10,000 open tickets: first page, filters, search (goal p99 < 100 ms) and the first view in Chromium (goal < 300 ms).
  console: () => consoleQueueBench(10_000, 200, 20),
  // A live update from agent A (take over, reply, release) to agent B's console: SSE event and B's DOM in Chromium, 300 samples, goal p99 < 200 ms.
  'console-live': () => consoleLiveBench(300, 10_000),
  // Webhook delivery: a burst's throughput, and the lag from audit commit to receiver at a steady rate.
  webhooks: () => webhookBench(2000, 100, 5),
  // Cross-instance live updates on PostgreSQL (DATABASE_URL, or a throw-away server): reply sent on B to the stream on A, p99 goal 200 ms.
  live: (_evalDir, _cwd, env) => liveUpdateBench(env.DATABASE_URL, 300),
  // Engine turns/s on PostgreSQL beside bare node-postgres writing the same rows in the same transactions (DATABASE_URL: a fresh database, or a throw-away server).
  'pg-engine': (_evalDir, _cwd, env) => pgEngineBench(dialogEntries, env.DATABASE_URL, Number(env.FRONTDESK_BENCH_TURNS ?? 1000)),
  // Served turns/s and reply p99 of 1, 2 and 3 `frontdesk start` processes on one PostgreSQL, web chat users over HTTP (2 cores: see the note it prints).
  'pg-instances': (_evalDir, cwd, env) => pgInstancesBench(path.join(__dirname, '..', '..'), env.DATABASE_URL, path.join(cwd, 'kb-articles'), {
    counts: (env.FRONTDESK_BENCH_INSTANCES ?? '1,2,3').split(',').map(Number), rounds: Number(env.FRONTDESK_BENCH_INSTANCE_ROUNDS ?? 2), users: 100, seconds: 10, settleSeconds: 4,
    overloadRate: Number(env.FRONTDESK_BENCH_OFFERED ?? 60), steadyRate: Number(env.FRONTDESK_BENCH_STEADY ?? 15),
  }),
  // FRONTDESK_BENCH_SERVER_ROOT: measure another built checkout (e.g. an older version) with the same load.
  // The server's own defaults (MAX_QUEUE_WAIT_SECONDS, LOG_LEVEL) unless set; each window first settles for longer than the wait budget.
  overload: (_evalDir, cwd, env) => overloadBench(() => startWebchatLoadTarget(env.FRONTDESK_BENCH_SERVER_ROOT ?? path.join(__dirname, '..', '..'), {
    ...(env.MAX_QUEUE_WAIT_SECONDS ? { MAX_QUEUE_WAIT_SECONDS: env.MAX_QUEUE_WAIT_SECONDS } : {}),
    ...(env.LOG_LEVEL ? { LOG_LEVEL: env.LOG_LEVEL } : {}), KB_DIR: path.join(cwd, 'kb-articles'),
  }), { stepSeconds: 4, settleSeconds: Number(env.MAX_QUEUE_WAIT_SECONDS ?? 5) + 1, rounds: Number(env.FRONTDESK_BENCH_ROUNDS ?? 5) }),
};

/**
 * `frontdesk bench [--only engine,kb,classify,conversations,slack,feishu,wecom,email,mail-outage,understand,api,console,console-live,webhooks,live,pg-engine,pg-instances,overload] [--eval-dir DIR]`: prints one JSON object.
 * A part that cannot run here (no Dovecot for email, no eval data) reports its error instead of a figure.
 */
export const runBenchCommand: CliCommand = async (args, io) => {
  const { options } = parseArgs(args);
  const only = typeof options.only === 'string' ? options.only.split(',') : Object.keys(PARTS);
  const evalDir = path.resolve(io.cwd, typeof options['eval-dir'] === 'string' ? options['eval-dir'] : io.env.FRONTDESK_EVAL_DIR ?? '../shared/eval');
  const figures: Record<string, unknown> = { machine: { cpus: require('node:os').cpus().length, node: process.version } };
  for (const name of only) {
    const part = PARTS[name];
    if (!part) {
      io.stderr.write(`unknown bench part "${name}"; parts: ${Object.keys(PARTS).join(', ')}\n`);
      return 1;
    }
    io.stderr.write(`bench: ${name}...\n`);
    try {
      figures[name] = await part(evalDir, io.cwd, io.env);
    } catch (error) {
      figures[name] = { error: (error as Error).message };
    }
  }
  io.stdout.write(`${JSON.stringify(figures)}\n`);
  return 0;
};
