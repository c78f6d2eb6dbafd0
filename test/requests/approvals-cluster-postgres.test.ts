import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { catalogEntries } from '../../dialogs/catalog';
import { HttpRouter } from '../../src/http/router';
import { createLogger } from '../../src/log';
import { tokenHash } from '../../src/requests/account-flow';
import { approvalLink, mountApprovalPages } from '../../src/requests/approval-links';
import { ApprovalMonitor } from '../../src/requests/approval-monitor';
import { Approvals } from '../../src/requests/approvals';
import { validateCatalog } from '../../src/requests/catalog-schema';
import { ConsoleApprovals } from '../../src/requests/console-approvals';
import { DirectoryActions } from '../../src/requests/directory-actions';
import type { ApprovalRow } from '../../src/requests/request-store';
import { mountResetPage } from '../../src/requests/reset-page';
import { Verifier } from '../../src/requests/verification';
import type { CoreStores } from '../../src/store/core-stores';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { NOW, at, openTicketOn } from '../store/contract-helpers';

const log = createLogger({ level: 'silent' });
const catalog = validateCatalog(catalogEntries);
const byId = new Map(catalog.map((e) => [e.id, e]));
const KEY = Buffer.alloc(32, 7);
const BOB = 'bob@example.com';

/** What one Frontdesk instance builds for approvals, on its own pool (as createSelfService does). */
function instance(stores: CoreStores, directory: object = {}) {
  const actions = new DirectoryActions(directory as never, stores.requests, { perUserHour: 10, perHour: 100 }, log);
  const approvals = new Approvals({
    store: stores.store, requests: stores.requests, directory: {} as never, actions, catalog: byId, log, announce: () => {},
    remindMs: 60 * 60_000, timeoutMs: 240 * 60_000,
  });
  const router = new HttpRouter();
  mountApprovalPages(router, { requests: stores.requests, approvals, key: KEY, clock: () => new Date(at(1)), log });
  mountResetPage(router, { store: stores.store, requests: stores.requests, actions, clock: () => new Date(at(2)), log, minLength: 12, announce: () => {} });
  return {
    approvals, router,
    console: new ConsoleApprovals({ requests: stores.requests, approvals, store: stores.store, catalog: byId }),
    monitor: new ApprovalMonitor({ requests: stores.requests, approvals, clock: () => new Date(at(61)), log, intervalMs: 3_600_000 }),
    verifier: new Verifier(stores.requests, KEY, 30 * 60_000),
  };
}

/** The router on a real HTTP listener (one per instance behind the load balancer). */
async function listen(router: HttpRouter): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const found = router.match(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname);
    if (!found || found === 'method_not_allowed') return void res.writeHead(404).end();
    void Promise.resolve(found.handler(req, res, found.params)).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describeWithPostgres()('approvals, reminders and codes across two instances on one PostgreSQL', () => {
  const pg = usePostgresDatabase();
  let a: CoreStores;
  let b: CoreStores;
  beforeEach(() => {
    a = pgCoreStores(new PgDatabase(pg.url, { poolSize: 4 }));
    b = pgCoreStores(new PgDatabase(pg.url, { poolSize: 4 }));
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  /** A logged software request (manual fulfilment) waiting for Bob. */
  async function pendingRequest(n: number): Promise<ApprovalRow> {
    const ticket = (await openTicketOn(a.store, n)).openedTicket!;
    return a.requests.createApproval({
      ticketId: ticket.id, catalogId: 'software-install', request: { software: 'Visio', device: `LAP-${n}` }, requesterEmail: `user${n}@example.com`,
      approverEmail: BOB, approverName: 'Bob Chen', step: 0, remindAt: at(60), escalateAt: at(240), createdAt: NOW,
    });
  }

  const kinds = async (stores: CoreStores, ticketId: number, kind: string) => (await stores.store.ticketEvents(ticketId)).filter((e) => e.kind === kind).length;

  test('the console on both instances clicked at once: decided once, the requester told once', async () => {
    const [x, y] = [instance(a), instance(b)];
    for (let n = 1; n <= 3; n++) {
      const row = await pendingRequest(n);
      const outcomes = await Promise.all([x.console.decide(row.id, 'approve', '', BOB, new Date(at(1))), y.console.decide(row.id, 'deny', 'not now', BOB, new Date(at(1)))]);
      expect(outcomes.filter((o) => o === 'approved' || o === 'denied')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'decided_already')).toHaveLength(1);
      expect((await kinds(b, row.ticketId, 'approval_approved')) + (await kinds(b, row.ticketId, 'approval_denied'))).toBe(1);
      const told = (await a.store.transcript((await a.store.getTicket(row.ticketId))!.conversationId)).filter((m) => /approved|declined/.test(m.text));
      expect(told).toHaveLength(1);
    }
  });

  test('the mail link posted to two instances at once: one thanks, one "decided already"', async () => {
    const servers = [await listen(instance(a).router), await listen(instance(b).router)];
    try {
      const row = await pendingRequest(1);
      const answers = await Promise.all(servers.map((s) => fetch(approvalLink(s.url, KEY, row), {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=approve',
      }).then((res) => res.status)));
      expect(answers.sort()).toEqual([200, 409]);
      expect(await kinds(a, row.ticketId, 'approval_approved')).toBe(1);
      expect((await b.requests.approval(row.id))!.status).toBe('approved');
    } finally {
      for (const s of servers) await s.close();
    }
  });

  test('two approval monitors ticking at once remind each approver once', async () => {
    // Bob talks to the bot on Slack: the reminder is posted there.
    await a.store.acceptInbound({ ref: { channel: 'slack', conversationId: 'DBOB', userId: 'UBOB' }, platformMessageId: 'bob-1', text: 'hi', user: { name: 'Bob Chen', email: BOB } }, NOW);
    const rows = [await pendingRequest(1), await pendingRequest(2)];
    const [x, y] = [instance(a), instance(b)];
    const reports = await Promise.all([x.monitor.tick(new Date(at(61))), y.monitor.tick(new Date(at(61)))]);
    expect([...reports[0].reminded, ...reports[1].reminded].sort()).toEqual(rows.map((r) => r.id).sort());
    for (const row of rows) expect(await kinds(a, row.ticketId, 'approval_reminded')).toBe(1);
    const bob = (await a.store.findConversation({ channel: 'slack', conversationId: 'DBOB' }))!;
    expect((await a.store.transcript(bob.id)).filter((m) => m.text.startsWith('Reminder:'))).toHaveLength(2);
  });

  test('a password page issued by one instance opens on the other; submitted to both at once, the password is set once', async () => {
    const set: string[] = [];
    const directory = {
      get: async (dn: string) => ({ dn, name: 'Alice Moreau' }),
      setPassword: async (person: { dn: string }) => {
        set.push(person.dn);
        await new Promise((r) => setTimeout(r, 50));
      },
    };
    const servers = [await listen(instance(a, directory).router), await listen(instance(b, directory).router)];
    try {
      const ticket = (await openTicketOn(a.store, 1)).openedTicket!;
      await a.requests.createToken({ tokenHash: tokenHash('page-token'), ticketId: ticket.id, personDn: 'uid=alice', expiresAt: at(15) }, NOW);
      expect((await fetch(`${servers[1].url}/reset/page-token`)).status).toBe(200);
      const body = 'password=Kestrel-Violet-9241&confirm=Kestrel-Violet-9241';
      const answers = await Promise.all(servers.map((s) => fetch(`${s.url}/reset/page-token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }).then((r) => r.status)));
      expect(answers.sort()).toEqual([200, 409]);
      expect(set).toEqual(['uid=alice']);
      expect((await fetch(`${servers[0].url}/reset/page-token`)).status).toBe(404);
      expect((await a.store.getTicket(ticket.id))!.status).toBe('closed');
    } finally {
      for (const s of servers) await s.close();
    }
  });

  test('a code sent by one instance is checked on the other, works once, and racing checks count every try', async () => {
    const [x, y] = [instance(a), instance(b)];
    const code = await x.verifier.issue('uid=alice', new Date(at(0)));
    expect(await y.verifier.check('uid=alice', code, new Date(at(1)))).toEqual({ result: 'ok' });
    expect(await x.verifier.check('uid=alice', code, new Date(at(1)))).toEqual({ result: 'expired' });
    // The right code typed twice at once (two instances): it works for one of them only.
    for (let round = 0; round < 5; round++) {
      const again = await y.verifier.issue('uid=bob', new Date(at(2)));
      const both = await Promise.all([x.verifier.check('uid=bob', again, new Date(at(3))), y.verifier.check('uid=bob', again, new Date(at(3)))]);
      expect(both.filter((c) => c.result === 'ok')).toHaveLength(1);
    }
    // Five wrong codes at once: none is lost, the fifth locks.
    const sent = await x.verifier.issue('uid=carol', new Date(at(2)));
    const wrong = sent === '000000' ? '111111' : '000000';
    const checks = await Promise.all(Array.from({ length: 5 }, (_, i) => (i % 2 ? x : y).verifier.check('uid=carol', wrong, new Date(at(3)))));
    expect(checks.filter((c) => c.result === 'locked')).toHaveLength(1);
    expect(checks.filter((c) => c.result === 'wrong').map((c) => (c as { left: number }).left).sort()).toEqual([1, 2, 3, 4]);
    expect(await y.verifier.locked('uid=carol', new Date(at(4)))).toBe(true);
    expect(await x.verifier.check('uid=carol', sent, new Date(at(4)))).toEqual({ result: 'expired' });
  });
});
