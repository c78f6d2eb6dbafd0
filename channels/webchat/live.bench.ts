import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startTempPostgres } from '../../src/bench/temp-postgres';
import { percentile, round } from '../../src/bench/percentiles';
import { PgLiveBus } from '../../src/cluster/pg-live-bus';
import { HttpRouter } from '../../src/http/router';
import { IngressGate } from '../../src/http/ingress-gate';
import { createHttpServer } from '../../src/http/server';
import { StreamGate } from '../../src/http/stream-gate';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { deriveKey } from '../../src/store/install-secret';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import type { ChannelContext } from '../../src/types/channel';
import { createWebchatChannel } from './webchat.channel';

/** One instance: web chat, HTTP server and live bus on the shared database (no engine: replies are sent directly). */
async function instance(url: string, name: string, secret: Buffer) {
  const log = createLogger({ level: 'silent' });
  const metrics = createMetrics();
  const db = new PgDatabase(url, { poolSize: 2 });
  const live = await PgLiveBus.open(url, db, name, log);
  const router = new HttpRouter();
  const server = createHttpServer(router, log, metrics, new IngressGate(), {});
  const streams = new StreamGate({ perSession: 10, perAddress: 100, max: 100, idleMs: 600_000, keepaliveMs: 15_000 }, log, metrics);
  const channel = createWebchatChannel({ rateLimits: false });
  await channel.start({
    accept: async () => { throw new Error('no turns in this bench'); }, admit: () => ({ ok: true }), ingressQuiet: async () => undefined,
    streams, secret: (purpose) => deriveKey(secret, purpose), transcript: async () => [], lookup: {} as ChannelContext['lookup'], router, log, live,
  });
  const port = await server.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`, channel,
    async stop() {
      streams.close();
      await server.close();
      await channel.stop();
      await live.close();
      await db.close();
    },
  };
}

/** An event stream that resolves a waiter per event id with the time it arrived. */
function listen(url: string, cookie: string): Promise<{ next(id: number): Promise<number>; close(): void }> {
  const waiters = new Map<number, (at: number) => void>();
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', cookie } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const match of chunk.matchAll(/^id: (\d+)$/gm)) waiters.get(Number(match[1]))?.(performance.now());
      });
      resolve({ next: (id) => new Promise<number>((done) => waiters.set(id, done)), close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

/**
 * Cross-instance live-update latency: a web-chat reply sent by instance B (its channel's send, then its
 * announcement with NOTIFY once recorded) until the event arrives on the stream a page holds open on instance A, beside
 * the same reply sent by A itself. On DATABASE_URL's PostgreSQL, or a throw-away one. Goal p99 under 200 ms.
 */
export async function liveUpdateBench(databaseUrl: string | undefined, samples = 300): Promise<Record<string, unknown>> {
  const temp = databaseUrl ? null : await startTempPostgres();
  const url = databaseUrl ?? temp!.url;
  const secret = randomBytes(32);
  const a = await instance(url, 'bench-a', secret);
  const b = await instance(url, 'bench-b', secret);
  try {
    const session = await fetch(`${a.url}/api/chat/session`, { method: 'POST' });
    const cookie = String(session.headers.get('set-cookie')).split(';')[0];
    const { sessionId } = (await session.json()) as { sessionId: string };
    const stream = await listen(`${a.url}/api/chat/events`, cookie);
    const ref = { channel: 'webchat' as const, conversationId: sessionId, userId: sessionId };
    const cross: number[] = [];
    const local: number[] = [];
    let id = 0;
    const measure = async (from: typeof a, into: number[]) => {
      const deliveryId = ++id;
      const arrived = stream.next(deliveryId);
      const started = performance.now();
      const message = { kind: 'text' as const, text: `reply ${deliveryId}` };
      await from.channel.send(ref, message, deliveryId);
      // As the dispatcher does once the send is recorded: the other instances are told then.
      from.channel.recorded(ref, message, deliveryId);
      // Timed at the event's arrival on the stream.
      into.push((await arrived) - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    for (let i = 0; i < samples; i++) {
      await measure(b, cross);
      await measure(a, local);
    }
    stream.close();
    const figures = (ms: number[]) => ({ p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)), maxMs: round(Math.max(...ms)) });
    return { samples, goalP99Ms: 200, crossInstance: figures(cross), sameInstance: figures(local), database: temp ? 'throw-away PostgreSQL 15' : 'DATABASE_URL' };
  } finally {
    await a.stop();
    await b.stop();
    temp?.stop();
  }
}
