import type { CoreStores } from '../../src/store/core-stores';
import type { LoginDelayPolicy } from '../../src/console/login-delay';
import { at, NOW, openTicketOn, updateTicket } from './contract-helpers';
import type { StoreHarness } from './harness';
import { QueueQuery } from '../../src/console/queue-query';

const POLICY: LoginDelayPolicy = { freeFailures: 2, maxDelayMs: 60_000, forgetAfterMs: 3_600_000 };
const account = (login: string) => ({ key: `account:${login}`, policy: POLICY });
const address = { key: 'address:10.0.0.1', policy: { ...POLICY, freeFailures: 5 } };

/** The behaviour every AgentStore must have (SQLite and PostgreSQL run this same suite). */
export function agentStoreContract(name: string, harness: StoreHarness): void {
  describe(`AgentStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    test('agents: added once, listed by id, their hash readable for verification only', async () => {
      await s.agents.addAgent({ id: 'zoe', name: 'Zoe', role: 'agent', groups: ['network'] }, 'hash-z', NOW);
      await s.agents.addAgent({ id: 'bo', name: 'Bo', role: 'admin', groups: [] }, 'hash-b', NOW);
      await expect(s.agents.addAgent({ id: 'bo', name: 'Other', role: 'agent', groups: [] }, 'x', NOW)).rejects.toThrow(/exists already/);
      expect((await s.agents.listAgents()).map((a) => a.id)).toEqual(['bo', 'zoe']);
      expect(await s.agents.getAgent('zoe')).toEqual({ id: 'zoe', name: 'Zoe', role: 'agent', groups: ['network'], createdAt: NOW, disabledAt: null });
      expect(await s.agents.passwordHash('bo')).toBe('hash-b');
      expect(await s.agents.passwordHash('nobody')).toBeNull();
    });

    test('sessions: found until they expire; a new password, disabling or deleting the agent ends them', async () => {
      await s.agents.addAgent({ id: 'bo', name: 'Bo', role: 'agent', groups: [] }, 'h', NOW);
      const session = (token: string) => ({ tokenHash: token, agentId: 'bo', csrfToken: `csrf-${token}`, expiresAt: at(60) });
      await s.agents.createSession(session('t1'), NOW);
      expect(await s.agents.findSession('t1', at(59))).toMatchObject({ tokenHash: 't1', csrfToken: 'csrf-t1', expiresAt: at(60), agent: { id: 'bo' } });
      expect(await s.agents.findSession('t1', at(60))).toBeNull();
      await s.agents.setPassword('bo', 'h2', NOW);
      expect(await s.agents.findSession('t1', NOW)).toBeNull();
      await expect(s.agents.setPassword('nobody', 'h', NOW)).rejects.toThrow(/no agent/);
      await s.agents.createSession(session('t2'), NOW);
      expect(await s.agents.setDisabled('bo', true, at(1))).toBe(true);
      expect(await s.agents.findSession('t2', NOW)).toBeNull();
      expect(await s.agents.getAgent('bo')).toBeNull();
      expect((await s.agents.getAgentRecord('bo'))?.disabledAt).toBe(at(1));
      expect(await s.agents.setDisabled('bo', false, at(2))).toBe(true);
      await s.agents.createSession(session('t3'), NOW);
      await s.agents.deleteSession('t3');
      expect(await s.agents.findSession('t3', NOW)).toBeNull();
      await s.agents.createSession(session('t4'), NOW);
      expect(await s.agents.deleteAgent('bo')).toBe(true);
      expect(await s.agents.findSession('t4', NOW)).toBeNull();
      expect(await s.agents.deleteAgent('bo')).toBe(false);
      expect(await s.agents.setDisabled('bo', true, NOW)).toBe(false);
    });

    test('login throttle: free failures, then a delay; success clears the account and gives the address its failure back', async () => {
      expect(await s.agents.reserveLoginAttempt([account('bo'), address], NOW)).toEqual({ ok: true });
      expect(await s.agents.reserveLoginAttempt([account('bo'), address], NOW)).toEqual({ ok: true });
      // Two failures reached the free allowance: the third attempt waits a second.
      expect(await s.agents.reserveLoginAttempt([account('bo'), address], NOW)).toEqual({ ok: false, retryAt: new Date(Date.parse(NOW) + 1000).toISOString() });
      const later = new Date(Date.parse(NOW) + 1000).toISOString();
      expect(await s.agents.reserveLoginAttempt([account('bo'), address], later)).toEqual({ ok: true });
      await s.agents.loginSucceeded(account('bo'), address, later);
      expect(await s.agents.reserveLoginAttempt([account('bo')], later)).toEqual({ ok: true });
      await s.agents.clearLoginDelay('bo');
      // Failures older than forgetAfterMs are forgotten.
      expect(await s.agents.reserveLoginAttempt([account('bo'), address], at(120))).toEqual({ ok: true });
    });

    test('parallel guesses on two instances are counted one by one: only the free ones get through', async () => {
      const other = await harness.another();
      const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? other : s).agents.reserveLoginAttempt([account('bo')], NOW)));
      expect(attempts.filter((a) => a.ok)).toHaveLength(POLICY.freeFailures);
    });

    test('the queue: tickets waiting for agents, of the given groups, by priority then response due time; search and paging', async () => {
      const p4 = await openTicketOn(s.store, 1, { group: 'network', priority: 'P4' });
      const p1 = await openTicketOn(s.store, 2, { group: 'network', priority: 'P1', status: 'escalated' });
      await openTicketOn(s.store, 3, { group: 'desktop', priority: 'P2' });
      const done = await openTicketOn(s.store, 4, { group: 'network', priority: 'P1' });
      await updateTicket(s.store, done, { status: 'resolved', resolvedAt: NOW });
      const page = (groups: string[] | null, query: Record<string, unknown> = {}) => s.agents.searchQueue({ groups, agentId: 'bo' }, QueueQuery.parse(query));
      expect((await page(['network'])).tickets.map((t) => t.id)).toEqual([p1.openedTicket!.id, p4.openedTicket!.id]);
      expect((await page(['nobody'])).total).toBe(0);
      expect((await page([])).total).toBe(0);
      expect((await page(null)).total).toBe(3);
      expect((await page(null, { status: 'all' })).total).toBe(4);
      const second = await page(null, { pageSize: 2, page: 2 });
      expect([second.total, second.tickets.length]).toEqual([3, 1]);
      const number = p4.openedTicket!.number;
      expect((await page(null, { q: number.toLowerCase() })).tickets.map((t) => t.number)).toEqual([number]);
      expect((await page(null, { q: '100%_' })).total).toBe(0);
    });

    test('the at-risk view: the running clock (response, then resolution) with 75% of its target used; pending tickets are out', async () => {
      const calm = await openTicketOn(s.store, 1, { group: 'network' });
      const soon = await openTicketOn(s.store, 2, { group: 'network', responseDueAt: at(60) });
      const answered = await openTicketOn(s.store, 3, { group: 'network', responseDueAt: at(60), resolveDueAt: at(100) });
      await updateTicket(s.store, answered, { firstResponseAt: at(5) });
      const waiting = await openTicketOn(s.store, 4, { group: 'network', responseDueAt: at(60) });
      await updateTicket(s.store, waiting, { status: 'pending_user' });
      // Half an hour on hold, ended: that time is not used.
      const held = await openTicketOn(s.store, 5, { group: 'network', responseDueAt: at(60) });
      await s.sla.openPause(held.openedTicket!.id, at(10));
      await s.sla.closePause(held.openedTicket!.id, at(40));
      const atRisk = async (minutes: number) => (await s.agents.searchQueue({ groups: null, agentId: 'bo', now: at(minutes) }, QueueQuery.parse({ sla: 'at_risk', status: 'all' })))
        .tickets.map((t) => t.id).sort();
      expect(await atRisk(40)).toEqual([]);
      expect(await atRisk(50)).toEqual([soon.openedTicket!.id]);
      // The answered one runs on its resolution clock (100 min), the held one 30 min later than it would have.
      expect(await atRisk(74)).toEqual([soon.openedTicket!.id]);
      expect(await atRisk(76)).toEqual([soon, answered, held].map((r) => r.openedTicket!.id).sort());
      // Past its 17:00 response target (75% at 15:00) the first one is listed too; the pending one never.
      expect(await atRisk(370)).toEqual([calm, soon, answered, held].map((r) => r.openedTicket!.id).sort());
    });

    test('work e-mail: found in any case, one agent per address, cleared again', async () => {
      await s.agents.addAgent({ id: 'bo', name: 'Bo', role: 'agent', groups: [], email: 'bo@example.com' }, 'h', NOW);
      await s.agents.addAgent({ id: 'zoe', name: 'Zoe', role: 'agent', groups: [] }, 'h', NOW);
      expect((await s.agents.agentByEmail('BO@example.com'))?.id).toBe('bo');
      await expect(s.agents.setEmail('zoe', 'bo@example.com', NOW)).rejects.toThrow(/another agent/);
      await s.agents.setEmail('zoe', 'zoe@example.com', NOW);
      expect((await s.agents.getAgent('zoe'))?.email).toBe('zoe@example.com');
      await s.agents.setEmail('bo', null, NOW);
      expect(await s.agents.agentByEmail('bo@example.com')).toBeNull();
    });

    test('idempotency keys: the first claim runs, a repeat replays its answer, another body is refused, a failure frees the key', async () => {
      const now = new Date(NOW);
      expect(await s.agents.claimRequest('bo', 'k1', 'hash-a', now)).toEqual({ kind: 'new' });
      expect(await s.agents.claimRequest('bo', 'k1', 'hash-a', now)).toEqual({ kind: 'in_flight' });
      expect(await s.agents.claimRequest('bo', 'k1', 'hash-b', now)).toEqual({ kind: 'other_request' });
      await s.agents.finishRequest('bo', 'k1', '{"ok":true}');
      expect(await s.agents.claimRequest('bo', 'k1', 'hash-a', now)).toEqual({ kind: 'replay', responseJson: '{"ok":true}' });
      expect(await s.agents.claimRequest('zoe', 'k1', 'hash-a', now)).toEqual({ kind: 'new' });
      await s.agents.finishRequest('zoe', 'k1', null);
      expect(await s.agents.claimRequest('zoe', 'k1', 'hash-a', now)).toEqual({ kind: 'new' });
    });
  });
}
