import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { PgLiveBus } from '../../src/cluster/pg-live-bus';
import { Dispatcher } from '../../src/engine/dispatcher';
import { Engine } from '../../src/engine/engine';
import { HttpRouter } from '../../src/http/router';
import { IngressGate } from '../../src/http/ingress-gate';
import { createHttpServer } from '../../src/http/server';
import { StreamGate } from '../../src/http/stream-gate';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { deriveKey } from '../../src/store/install-secret';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { fixedTurnDeps } from './fixed-deps';

/**
 * One Frontdesk instance with the web chat on a PostgreSQL database (already migrated): its own pool,
 * engine (claims), dispatcher, HTTP server and live bus, as several instances behind a load balancer.
 * `dispatch: false` leaves its outbox to the others; `beforeTurn` runs before each turn (a slow or stopped
 * instance); `maxQueueWaitSeconds` is the engine's wait budget.
 */
export async function pgWebchatInstance(url: string, name: string, options: { dispatch?: boolean; beforeTurn?: () => Promise<void>; maxQueueWaitSeconds?: number } = {}) {
  const log = createLogger({ level: 'silent' });
  const metrics = createMetrics();
  const clock = () => new Date();
  const db = new PgDatabase(url, { poolSize: 4 });
  const stores = pgCoreStores(db);
  const channel = createWebchatChannel({ rateLimits: false });
  const engine = new Engine({ store: stores.store, log, metrics, clock, turnDeps: fixedTurnDeps(), capabilitiesOf: () => channel.capabilities,
    maxQueueWaitSeconds: options.maxQueueWaitSeconds,
    enrichContext: options.beforeTurn && (async (ctx) => (await options.beforeTurn!(), ctx)),
  });
  const stopWatch = engine.watch(500);
  const dispatcher = new Dispatcher({ store: stores.store, channels: new Map([['webchat', channel]]), log, metrics, clock, maxAttempts: 5, baseDelayMs: 50, claimLeaseMs: 5000, stopTimeoutMs: 500 });
  engine.events.on('committed', (result) => result.outboxIds.length > 0 && dispatcher.kick());
  const router = new HttpRouter();
  const ingress = new IngressGate();
  const http = createHttpServer(router, log, metrics, ingress, {});
  const streams = new StreamGate({ perSession: 10, perAddress: 100, max: 100, idleMs: 60_000, keepaliveMs: 15_000 }, log, metrics);
  const live = await PgLiveBus.open(url, db, name, log);
  const secret = await stores.installSecret();
  await channel.start({
    accept: (msg) => engine.accept(msg), ingressQuiet: async () => undefined, admit: (ref) => engine.admit(ref), streams,
    secret: (purpose) => deriveKey(secret, purpose), router, log, live, lookup: stores.store,
    transcript: async (ref, afterId) => {
      const conversation = await stores.store.findConversation(ref);
      return conversation ? stores.store.transcript(conversation.id, afterId) : [];
    },
  });
  const port = await http.listen(0, '127.0.0.1');
  if (options.dispatch !== false) dispatcher.start();
  return {
    url: `http://127.0.0.1:${port}`, engine, dispatcher, db, live, store: stores.store,
    async stop() {
      stopWatch();
      streams.close();
      await http.close();
      await engine.stop();
      await dispatcher.stop();
      await channel.stop();
      await live.close();
      await stores.close();
    },
  };
}

export type PgWebchatInstance = Awaited<ReturnType<typeof pgWebchatInstance>>;

/** Start instances on the database `url()` names; each test's instances are stopped after it. `started`: this test's, in order. */
export function usePgWebchatInstances(url: () => string) {
  const started: PgWebchatInstance[] = [];
  afterEach(async () => {
    for (const instance of started.splice(0)) await instance.stop();
  });
  return {
    started,
    async start(name: string, options: { dispatch?: boolean } = {}): Promise<PgWebchatInstance> {
      const instance = await pgWebchatInstance(url(), name, options);
      started.push(instance);
      return instance;
    },
  };
}
