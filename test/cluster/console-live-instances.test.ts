import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PgLiveBus } from '../../src/cluster/pg-live-bus';
import { ConsoleLive } from '../../src/console/live';
import { StreamGate } from '../../src/http/stream-gate';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import type { ConsoleSession } from '../../src/store/agent-store';
import { openPostgres } from '../../src/store/postgres/open-postgres';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { PgStore } from '../../src/store/postgres/pg-store';
import { openTicketOn } from '../store/contract-helpers';
import { describeWithPostgres, startPostgres, type PostgresServer } from '../helpers/postgres';
import { openSse } from '../helpers/sse';
import { waitFor } from '../helpers/test-app';

const log = createLogger({ level: 'silent' });
const session = (groups: string[], role: 'admin' | 'agent'): ConsoleSession => ({
  tokenHash: `t-${role}-${groups.join()}`, csrfToken: 'c', expiresAt: '2999-01-01T00:00:00.000Z', agent: { id: `${role}1`, name: 'Alex', role, groups },
} as ConsoleSession);

describeWithPostgres()('console live updates across instances on one PostgreSQL database', () => {
  let server: PostgresServer;
  let url = '';
  const closers: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase();
    await (await openPostgres(url, { poolSize: 1 })).close();
  });
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await server?.dispose();
  });

  /** The console's live part of one instance, with an HTTP server whose /events opens a stream for `?as=`. */
  async function instance(name: string) {
    const db = new PgDatabase(url, { poolSize: 3 });
    const store = new PgStore(db);
    const gate = new StreamGate({ perSession: 5, perAddress: 50, max: 50, idleMs: 60_000, keepaliveMs: 15_000 }, log, createMetrics());
    const sessions = { admin: session([], 'admin'), network: session(['network'], 'agent') };
    const live = new ConsoleLive(store, log, gate, { findSession: async (hash) => Object.values(sessions).find((s) => s.tokenHash === hash) ?? null }, () => new Date());
    const bus = await PgLiveBus.open(url, db, name, log);
    live.share(bus);
    const web = http.createServer((req, res) => live.attach(req, res, sessions[new URL(req.url ?? '/', 'http://x').searchParams.get('as') as keyof typeof sessions]));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    closers.push(async () => {
      live.close();
      gate.close();
      web.closeAllConnections();
      await new Promise((resolve) => web.close(resolve));
      await bus.close();
      await db.close();
    });
    return { store, live, url: `http://127.0.0.1:${(web.address() as AddressInfo).port}` };
  }

  test('a ticket opened through instance B shows up on the consoles open on instance A that may see it', async () => {
    // Arrange: an admin's and a network agent's console on A.
    const a = await instance('a');
    const b = await instance('b');
    const admin = openSse(`${a.url}/events?as=admin`);
    const network = openSse(`${a.url}/events?as=network`);
    await admin.opened;
    await network.opened;
    // Act: a turn on B opens a hardware ticket (B's engine announces its commit to its console live part).
    const result = await openTicketOn(b.store, 1, { group: 'hardware' });
    await b.live.committed(result);
    // Assert: the admin hears of it; the network agent, who may not see hardware tickets, does not.
    await waitFor(() => admin.events.some((e) => e.event === 'changed'), 10_000, 'the change on A');
    expect(JSON.parse(admin.events.find((e) => e.event === 'changed')!.data)).toEqual({ ticket: result.openedTicket!.number, status: result.openedTicket!.status });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(network.events.filter((e) => e.event === 'changed')).toEqual([]);
    admin.close();
    network.close();
  }, 30_000);
});
