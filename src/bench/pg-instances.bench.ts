import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startFrontdeskInstances, type FrontdeskInstances } from './frontdesk-instances';
import { OpenLoopClient } from './open-loop-client';
import { percentile, round } from './percentiles';
import { startTempPostgres } from './temp-postgres';

const TEXTS = [
  'my laptop will not turn on after the update', 'outlook keeps asking for my password', 'printer on floor 3 shows offline',
  'VPN drops every few minutes at home', 'I need Visio installed please', '我的打印机一直显示脱机', '共享盘打不开了，提示没有权限',
];

/** Instance counts to measure, web chat users, the offered rates (above capacity; a light steady load), window lengths. */
export type PgInstancesOptions = { counts: number[]; rounds: number; users: number; overloadRate: number; steadyRate: number; seconds: number; settleSeconds: number };

/** One window: offered and answered rates, turns served, first-reply times of its messages, CPU of the machine's 2 cores. */
type Window = {
  offered_per_s: number; accepted_per_s: number; shed_per_s: number; served_turns_per_s: number;
  reply_p50_ms: number; reply_p99_ms: number; machine_busy: number; instances_cpu: number; postgres_cpu: number | null; client_cpu: number;
  served_per_instance_cpu_s: number; cpu_ms_per_turn: number | null; backlog_after: number; drain_turns_per_s: number;
};

/**
 * Turns/s for 1, 2 and 3 real `frontdesk start` processes on one PostgreSQL (DATABASE_URL's server, where
 * it creates and drops one database per count, so its user needs CREATEDB; or a throw-away server). Web chat
 * users (sessions over HTTP) post messages open loop, spread over the instances as a round-robin load
 * balancer would. Per count, two windows: `capacity` offers more than the instances can serve, so served
 * turns/s is what they manage (the surplus is shed with 503 by the wait budget); `steady` offers a light rate
 * that every count serves, so its reply times compare the counts at equal load. Served turns and reply times
 * come from the database: a turn is served when its message is marked answered, its reply time runs from
 * the message's acceptance to its first reply handed to the web chat streams (`outbox.sent_at`). Each window
 * also gives the CPU the instances, PostgreSQL and this client used (from /proc), hence `cpu_ms_per_turn`, and
 * how fast the backlog left at the end drained with no requests coming in. `rounds` runs every count again,
 * in the reverse order each other round, and every figure is listed per round.
 */
export async function pgInstancesBench(root: string, databaseUrl: string | undefined, kbDir: string, options: PgInstancesOptions) {
  const temp = databaseUrl ? null : await startTempPostgres();
  const serverUrl = databaseUrl ?? temp!.url;
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-bench-instances-'));
  try {
    const results: Record<string, Array<{ capacity: Window; steady: Window }>> = {};
    // Later rounds in the reverse order: a machine whose other load changes over the run does not favour one count.
    const order = Array.from({ length: options.rounds }, (_, r) => (r % 2 === 0 ? options.counts : [...options.counts].reverse())).flat();
    for (const count of order) {
      const name = `fd_bench_${count}_${process.pid}`;
      await admin(serverUrl, `CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      let instances: FrontdeskInstances | null = null;
      try {
        instances = await startFrontdeskInstances(root, count, {
          DATABASE_URL: url.toString(), DATABASE_PATH: path.join(logDir, 'unused.db'), KB_DIR: kbDir, WEBCHAT_ENABLED: 'true',
          // Every user here comes from 127.0.0.1 and writes more often than a person: the abuse limits are not measured.
          RATE_LIMIT_CHAT_PER_ADDRESS: '1000000/100000', RATE_LIMIT_CHAT_PER_SESSION: '1000/100',
        }, logDir);
        (results[`instances_${count}`] ??= []).push(await measureCount(instances, url.toString(), options));
      } finally {
        await instances?.stop();
        await admin(serverUrl, `DROP DATABASE IF EXISTS ${name}`);
      }
    }
    return {
      database: temp ? 'throw-away PostgreSQL 15 (fsync off), same machine' : 'DATABASE_URL server',
      cores: os.cpus().length, users: options.users, window_s: options.seconds, load_average_1m: round(os.loadavg()[0]),
      // One figure per round, so the spread a busy machine causes is in sight.
      served_turns_per_s: summary(results, (r) => r.capacity.served_turns_per_s),
      steady_reply_p99_ms: summary(results, (r) => r.steady.reply_p99_ms),
      cpu_ms_per_turn: summary(results, (r) => r.steady.cpu_ms_per_turn),
      ...results,
      note: 'Two cores shared by the instances, PostgreSQL, this load generator and whatever else runs on the machine (machine_busy,'
        + ' load_average_1m). A second or third instance adds no CPU here; it only lets turns overlap their waits for PostgreSQL.'
        + ' served_turns_per_s measures the share of the cores the desk got; cpu_ms_per_turn what a turn costs, which is what transfers to other machines.',
    };
  } finally {
    temp?.stop();
    fs.rmSync(logDir, { recursive: true, force: true });
  }
}

function summary(results: Record<string, Array<{ capacity: Window; steady: Window }>>, figure: (run: { capacity: Window; steady: Window }) => number | null) {
  return Object.fromEntries(Object.entries(results).map(([count, runs]) => [count, runs.map(figure)]));
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function measureCount(instances: FrontdeskInstances, url: string, options: PgInstancesOptions) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const cookies = await Promise.all(Array.from({ length: options.users }, (_, u) => session(instances.urls[u % instances.urls.length])));
    const load = new ChatLoad(instances, cookies, db);
    const capacity = await load.window(options.overloadRate, options.settleSeconds, options.seconds);
    const steady = await load.window(options.steadyRate, 1, options.seconds);
    return { capacity, steady };
  } finally {
    await db.end();
  }
}

async function session(base: string): Promise<string> {
  const res = await fetch(`${base}/api/chat/session`, { method: 'POST' });
  if (!res.ok) throw new Error(`POST /api/chat/session answered ${res.status}`);
  return String(res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** Open-loop web chat messages to every instance at once, one OpenLoopClient per instance. */
class ChatLoad {
  private seq = 0;

  constructor(private readonly instances: FrontdeskInstances, private readonly cookies: string[], private readonly db: Client) {}

  /** Offer `rate` for `settle` seconds, then measure `seconds` more at the same rate; then wait for the queue to empty. */
  async window(rate: number, settle: number, seconds: number): Promise<Window> {
    const { urls, pids } = this.instances;
    const clients = urls.map((u) => new OpenLoopClient('127.0.0.1', Number(new URL(u).port), 8));
    const run = (s: number) => Promise.all(clients.map((c) => c.run(rate / urls.length, s, () => this.request())));
    await run(settle);
    const before = clients.map((c) => ({ ...c.counts, byStatus: { ...c.counts.byStatus } }));
    const from = await this.now();
    const postgres = await postgresPids(this.db);
    const cpu = { machine: machineTicks(), instances: processTicks(pids), postgres: postgres && processTicks(postgres), client: process.cpuUsage() };
    const started = performance.now();
    await run(seconds);
    const elapsed = (performance.now() - started) / 1000;
    const until = await this.now();
    const machine = machineTicks();
    const busy = (machine.busy - cpu.machine.busy) / (machine.total - cpu.machine.total);
    const instancesCpu = (processTicks(pids) - cpu.instances) / 100 / elapsed;
    const postgresCpu = postgres && cpu.postgres !== null ? (processTicks(postgres) - cpu.postgres) / 100 / elapsed : null;
    const client = process.cpuUsage(cpu.client);
    await Promise.all(clients.map((c) => c.close(30_000)));
    const backlog = await this.pending();
    const drainStarted = performance.now();
    await this.queueEmpty(300_000);
    const drainTurnsPerSecond = backlog / ((performance.now() - drainStarted) / 1000);
    const delta = (status: number) => clients.reduce((sum, c, i) => sum + (c.counts.byStatus[status] ?? 0) - (before[i].byStatus[status] ?? 0), 0);
    const served = Number((await this.db.query("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at >= $1 AND processed_at < $2", [from, until])).rows[0].n);
    const replies = (await this.db.query(
      `SELECT extract(epoch FROM min(o.sent_at) - m.created_at) * 1000 AS ms FROM messages m
       JOIN outbox o ON o.conversation_id = m.conversation_id AND o.created_at = m.processed_at AND o.sent_at IS NOT NULL
       WHERE m.direction = 'in' AND m.created_at >= $1 AND m.created_at < $2 GROUP BY m.id, m.created_at`, [from, until])).rows.map((r) => Number(r.ms));
    const perSecond = (n: number) => round(n / elapsed);
    return {
      offered_per_s: rate, accepted_per_s: perSecond(delta(202)), shed_per_s: perSecond(delta(503)), served_turns_per_s: perSecond(served),
      reply_p50_ms: round(percentile(replies, 50)), reply_p99_ms: round(percentile(replies, 99)), machine_busy: round(busy), instances_cpu: round(instancesCpu),
      postgres_cpu: postgresCpu === null ? null : round(postgresCpu), client_cpu: round((client.user + client.system) / 1e6 / elapsed),
      served_per_instance_cpu_s: round(served / elapsed / instancesCpu),
      // CPU of the instances and PostgreSQL per turn served: what the turns cost whatever share of the cores they got.
      cpu_ms_per_turn: postgresCpu === null ? null : round(((instancesCpu + postgresCpu) * 1000) / (served / elapsed)), backlog_after: backlog, drain_turns_per_s: round(drainTurnsPerSecond),
    };
  }

  private async now(): Promise<Date> {
    return (await this.db.query('SELECT now() AS t')).rows[0].t as Date;
  }

  /** Messages not answered yet. */
  private async pending(): Promise<number> {
    return Number((await this.db.query("SELECT count(*) AS n FROM messages WHERE direction = 'in' AND processed_at IS NULL")).rows[0].n);
  }

  private async queueEmpty(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const unsent = async () => Number((await this.db.query("SELECT count(*) AS n FROM outbox WHERE status = 'pending'")).rows[0].n);
    while ((await this.pending()) + (await unsent()) > 0) {
      if (Date.now() > deadline) throw new Error(`the queue did not empty within ${timeoutMs / 1000} s after the load`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** One chat message as raw HTTP/1.1 for the next user in turn; the JSON is ASCII so its length in bytes is its length. */
  private request(): string {
    const n = this.seq++;
    const body = JSON.stringify({ clientMessageId: `p${process.pid}x${n.toString(36)}`, text: TEXTS[n % TEXTS.length] }).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `POST /api/chat/messages HTTP/1.1\r\nhost: 127.0.0.1\r\ncookie: ${this.cookies[n % this.cookies.length]}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
  }
}

/** Busy and total CPU ticks of the whole machine (all cores), from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
}

/** utime + stime ticks (1/100 s) of these processes, all threads (a process gone meanwhile counts 0). */
function processTicks(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    const fields = statFields(pid);
    return fields ? sum + Number(fields[11]) + Number(fields[12]) : sum;
  }, 0);
}

function statFields(pid: number): string[] | null {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    return null;
  }
}

/** The PostgreSQL server's processes on this machine (its postmaster and every child), or null when it runs elsewhere. */
async function postgresPids(db: Client): Promise<number[] | null> {
  const backend = Number((await db.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
  const postmaster = Number(statFields(backend)?.[1]);
  if (!postmaster) return null;
  const children = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => Number(statFields(pid)?.[1]) === postmaster);
  return [postmaster, ...children];
}
