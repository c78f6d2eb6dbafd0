import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app';
import { parseConfig } from '../config';
import { createLogger } from '../log';
import { Subscriptions } from '../webhooks/subscriptions';
import { percentile, round } from './percentiles';
import { seedTickets } from './seed-tickets';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function withApp<T>(env: Record<string, string>, fn: (app: Awaited<ReturnType<typeof createApp>>, url: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-api-bench-'));
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_PATH: path.join(dir, 'bench.db'), WEBCHAT_ENABLED: 'false', API_RATE_LIMIT_PER_TOKEN: '1000000/1000000', ...env });
  const app = await createApp(config, { log: createLogger({ level: 'silent' }) });
  const port = await app.start();
  try {
    return await fn(app, `http://127.0.0.1:${port}`);
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * GET /api/v1/tickets over HTTP with `tickets` tickets: the first page, filtered pages and pages deep into
 * the cursor, `requests` calls each; beside it the same page as a bare SQLite query (the baseline).
 */
export async function apiListBench(tickets = 100_000, requests = 300) {
  return withApp({}, async (app, url) => {
    seedTickets(app.sqliteStore().db, tickets);
    const token = (await app.api.tokens.add('bench', ['tickets:read'], new Date())).token;
    const headers = { authorization: `Bearer ${token}` };
    const deep = Buffer.from(`t:${Math.floor(tickets / 2)}`).toString('base64url');
    const queries = ['/tickets?limit=50', '/tickets?status=escalated&limit=50', '/tickets?priority=P1&group=network&limit=50', `/tickets?limit=50&cursor=${deep}`, '/tickets?category=security&status=resolved&limit=50'];
    const latencies: number[] = [];
    for (let i = 0; i < requests * queries.length; i++) {
      const start = process.hrtime.bigint();
      const res = await fetch(`${url}/api/v1${queries[i % queries.length]}`, { headers });
      const body = (await res.json()) as { data: unknown[] };
      if (res.status !== 200 || body.data.length === 0) throw new Error(`list answered ${res.status} with ${body.data.length} tickets`);
      latencies.push(ms(start));
    }
    const bare: number[] = [];
    const stmt = app.sqliteStore().db.prepare('SELECT * FROM tickets WHERE status = ? ORDER BY id DESC LIMIT 51');
    for (let i = 0; i < requests; i++) {
      const start = process.hrtime.bigint();
      stmt.all('escalated');
      bare.push(ms(start));
    }
    return {
      tickets, requests: latencies.length,
      p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), goalP99Ms: 50,
      bareSqlitePageP99Ms: round(percentile(bare, 99)),
    };
  });
}

/** Start a receiver answering 204 that records when each webhook id arrived. */
async function receiver() {
  const arrivals = new Map<string, number>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.set(String(req.headers['webhook-id']), Date.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, arrivals, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * Webhook delivery: a burst of `burst` audit events to one subscription (throughput, in order), and a
 * steady `rate` events/s for `seconds` (lag from the audit commit to the receiver, p50/p99).
 */
export async function webhookBench(burst = 2000, rate = 100, seconds = 5) {
  return withApp({}, async (app) => {
    const target = await receiver();
    try {
      await new Subscriptions(app.webhookStore).add(target.url, ['ticket.updated'], ['tickets:read'], new Date());
      const [ticketId] = seedTickets(app.sqliteStore().db, 1);
      const insert = app.sqliteStore().db.prepare("INSERT INTO ticket_events (ticket_id, at, actor, kind, data_json) VALUES (?, ?, 'bench', 'sla_warning', '{}') RETURNING id");
      const wait = async (n: number) => {
        while (target.arrivals.size < n) await new Promise((r) => setTimeout(r, 5));
      };
      const start = Date.now();
      app.sqliteStore().db.transaction(() => {
        for (let i = 0; i < burst; i++) insert.get(ticketId, new Date().toISOString());
      })();
      app.webhooks.kick();
      await wait(burst);
      const burstSeconds = (Date.now() - start) / 1000;
      const committed = new Map<string, number>();
      const total = rate * seconds;
      for (let i = 0; i < total; i++) {
        const row = insert.get(ticketId, new Date().toISOString()) as { id: number };
        committed.set(`evt_${row.id}`, Date.now());
        app.webhooks.kick();
        await new Promise((r) => setTimeout(r, 1000 / rate));
      }
      await wait(burst + total);
      const lags = [...committed].map(([id, at]) => (target.arrivals.get(id) as number) - at);
      return {
        burst, burstSeconds: round(burstSeconds), deliveriesPerSecond: Math.round(burst / burstSeconds),
        steady: { eventsPerSecond: rate, events: total, lagP50Ms: percentile(lags, 50), lagP99Ms: percentile(lags, 99) },
      };
    } finally {
      await target.close();
    }
  });
}
