import { mountApiV1 } from '../../src/api/mount-api';
import { parseConfig } from '../../src/config';
import { IngressGate } from '../../src/http/ingress-gate';
import { HttpRouter } from '../../src/http/router';
import { createHttpServer } from '../../src/http/server';
import { parseRouting } from '../../src/handoff/routing';
import { KnowledgeBase } from '../../src/kb/knowledge-base';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import type { CoreStores } from '../../src/store/core-stores';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import type { TurnResult } from '../../src/store/store';
import { slaConfigFrom } from '../../src/turn-deps';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { openTicketOn } from '../store/contract-helpers';

type Instance = { stores: CoreStores; url: string; api: ReturnType<typeof mountApiV1>; committed: TurnResult[]; close(): Promise<void> };

/** One Frontdesk instance's /api/v1 on its own pool over the shared database, as `createApp` mounts it. */
async function startInstance(databaseUrl: string, name: string): Promise<Instance> {
  const stores = pgCoreStores(new PgDatabase(databaseUrl, { poolSize: 4 }));
  const config = parseConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', PORT: '0' });
  const log = createLogger({ level: 'silent' });
  const router = new HttpRouter();
  const committed: TurnResult[] = [];
  const api = mountApiV1(router, {
    store: stores.store, api: stores.api, ticketQueries: stores.ticketQueries, kpi: stores.kpi, agentStore: stores.agents,
    kb: KnowledgeBase.load(config.KB_DIR), sla: slaConfigFrom(config), routing: parseRouting(config.ROUTING_GROUPS), incidents: stores.incidents,
    // Broadcasts move to PostgreSQL with their own store; /broadcasts is not called here.
    broadcasts: { list: () => [], progress: () => { throw new Error('not called'); } },
    config, log, clock: () => new Date(), committed: (result) => committed.push(result),
  });
  const http = createHttpServer(router, log, createMetrics({ instance: name }), new IngressGate());
  const port = await http.listen(0, '127.0.0.1');
  return { stores, url: `http://127.0.0.1:${port}/api/v1`, api, committed, close: async () => { await http.close(); await stores.close(); } };
}

const post = (url: string, token: string, body: unknown, key: string) => fetch(url, {
  method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body),
});

describeWithPostgres()('REST API on PostgreSQL, two instances on one database', () => {
  const pg = usePostgresDatabase();
  let a: Instance;
  let b: Instance;
  beforeEach(async () => {
    a = await startInstance(pg.url, 'a');
    b = await startInstance(pg.url, 'b');
  });
  afterEach(async () => {
    await a?.close();
    await b?.close();
  });

  test('the same Idempotency-Key sent to both instances at once creates one ticket; every answer is that ticket, a 409 while in flight, or a replay', async () => {
    await openTicketOn(a.stores.store, 1);
    const { token } = await a.api.tokens.add('jira', ['tickets:read', 'tickets:write'], new Date());
    const body = { requester: { channel: 'webchat', userId: 'u1' }, type: 'incident', category: 'network', impact: 2, urgency: 2, summary: 'VPN drops every hour' };
    for (let round = 1; round <= 3; round++) {
      const key = `create-${round}`;
      const answers = await Promise.all([a, b, a, b, a, b].map((i) => post(`${i.url}/tickets`, token, body, key)));
      const statuses = answers.map((r) => r.status);
      const firsts = answers.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null);
      expect(firsts).toHaveLength(1);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const created = (await firsts[0].json()) as { ticket: { number: string } };
      // Settled: a retry on either instance gets the first answer, and nothing more is written.
      for (const i of [a, b]) {
        const again = await post(`${i.url}/tickets`, token, body, key);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(await again.json()).toEqual(created);
      }
      expect((await a.stores.ticketQueries.listTickets({}, 50)).length).toBe(1 + round);
    }
    expect([...a.committed, ...b.committed].filter((r) => r.openedTicket)).toHaveLength(3);
    // Another body under a used key is refused on the other instance too.
    expect((await post(`${b.url}/tickets`, token, { ...body, summary: 'other' }, 'create-1')).status).toBe(422);
  });

  test('reads, KPIs, tokens and the call log are shared: a token revoked on one instance is refused by the other', async () => {
    await openTicketOn(a.stores.store, 1, { category: 'network' });
    await openTicketOn(a.stores.store, 2);
    const { token } = await a.api.tokens.add('auditor', ['tickets:read', 'people:read', 'kpis:read'], new Date());
    const get = (i: Instance, path: string) => fetch(`${i.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await (await get(b, '/tickets?limit=1')).json()) as { data: { number: string; requester?: unknown }[]; nextCursor: string };
    expect(page.data.map((t) => t.number)).toEqual(['INC-000002']);
    expect(page.data[0].requester).toEqual({ id: expect.any(Number), channel: 'webchat', name: 'Ana Lima', email: 'ana@example.com' });
    const next = (await (await get(a, `/tickets?limit=1&cursor=${page.nextCursor}`)).json()) as { data: { number: string }[]; nextCursor: string | null };
    expect(next).toEqual({ data: [expect.objectContaining({ number: 'INC-000001', category: 'network' })], nextCursor: null });
    expect((await get(b, '/tickets?updatedSince=yesterday')).status).toBe(400);
    const kpis = (await (await get(b, '/kpis?from=2026-03-01&to=2026-03-02')).json()) as { overall: { opened: number }; backlog: { total: number } };
    expect(kpis.overall.opened).toBe(2);
    expect(kpis.backlog.total).toBe(2);
    await b.api.tokens.revoke('auditor', new Date());
    expect((await get(a, '/tickets')).status).toBe(401);
    // Each instance records its calls once the answer is sent: wait for the last one.
    let calls = await a.stores.api.recentCalls(10);
    for (let wait = 0; calls.length < 5 && wait < 50; wait++) {
      await new Promise((r) => setTimeout(r, 50));
      calls = await a.stores.api.recentCalls(10);
    }
    expect(calls.map((c) => `${c.tokenName} ${c.status}`).sort()).toEqual(['auditor 200', 'auditor 200', 'auditor 200', 'auditor 400', 'null 401']);
  });
});
