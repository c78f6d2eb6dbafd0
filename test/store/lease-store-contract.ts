import { ExclusiveJob } from '../../src/cluster/exclusive-job';
import type { CoreStores } from '../../src/store/core-stores';
import { at, NOW } from './contract-helpers';
import type { StoreHarness } from './harness';

/** The behaviour every LeaseStore must have (SQLite and PostgreSQL run this same suite). */
export function leaseStoreContract(name: string, harness: StoreHarness): void {
  describe(`LeaseStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    test('exactly one of many instances asking at once gets the lease', async () => {
      const instances = [s, await harness.another(), await harness.another()];
      const asks = await Promise.all(Array.from({ length: 12 }, (_, i) => instances[i % 3].leases.acquire('sla', `holder-${i}`, NOW, 10_000)));
      expect(asks.filter(Boolean)).toHaveLength(1);
      expect(await s.leases.holder('sla', NOW)).toBe(`holder-${asks.indexOf(true)}`);
    });

    test("a dead holder's lease is taken over after it expires, not before; the old holder cannot renew it then", async () => {
      expect(await s.leases.acquire('imap', 'a', NOW, 60_000)).toBe(true);
      expect(await s.leases.acquire('imap', 'b', at(0.5), 60_000)).toBe(false);
      expect(await s.leases.acquire('imap', 'a', at(0.5), 60_000)).toBe(true);
      expect(await s.leases.holder('imap', at(1.4))).toBe('a');
      expect(await s.leases.holder('imap', at(1.5))).toBeNull();
      expect(await s.leases.acquire('imap', 'b', at(1.5), 60_000)).toBe(true);
      expect(await s.leases.renew('imap', 'a', at(1.6), 60_000)).toBe(false);
      expect(await s.leases.holder('imap', at(1.6))).toBe('b');
    });

    test('renewing keeps the lease past its first expiry; a release frees it at once; names are independent', async () => {
      expect(await s.leases.acquire('retention', 'a', NOW, 60_000)).toBe(true);
      expect(await s.leases.acquire('broadcasts', 'b', NOW, 60_000)).toBe(true);
      expect(await s.leases.renew('retention', 'a', at(0.9), 60_000)).toBe(true);
      expect(await s.leases.acquire('retention', 'b', at(1.5), 60_000)).toBe(false);
      expect(await s.leases.renew('retention', 'b', at(1.5), 60_000)).toBe(false);
      await s.leases.release('retention', 'b');
      expect(await s.leases.holder('retention', at(1.5))).toBe('a');
      await s.leases.release('retention', 'a');
      expect(await s.leases.acquire('retention', 'b', at(1.5), 60_000)).toBe(true);
      expect(await s.leases.holder('broadcasts', at(0.5))).toBe('b');
    });

    test('ExclusiveJob: the job runs on one instance; when its holder dies it moves to another after the TTL', async () => {
      let now = Date.parse(NOW);
      const clock = () => new Date(now);
      const running = new Set<string>();
      const keeper = (stores: CoreStores, holder: string) => new ExclusiveJob({
        leases: stores.leases, name: 'sla', holder, ttlMs: 30_000, clock,
        job: { start: () => void running.add(holder), stop: async () => void running.delete(holder) },
      });
      const [a, b, c] = [keeper(s, 'a'), keeper(await harness.another(), 'b'), keeper(await harness.another(), 'c')];
      await Promise.all([a.check(), b.check(), c.check()]);
      expect(running.size).toBe(1);
      const [first] = [...running];
      const others = [a, b, c].filter((k) => !k.holds());
      expect(others).toHaveLength(2);
      // The holder renews every ttl/3 and keeps it.
      for (let i = 0; i < 4; i++) {
        now += 10_000;
        await Promise.all([a, b, c].map((k) => k.check()));
        expect([...running]).toEqual([first]);
      }
      // The holder dies (stops checking, never releases): the others take over once its lease ran out.
      now += 20_000;
      await Promise.all(others.map((k) => k.check()));
      expect([...running]).toEqual([first]);
      now += 10_000;
      await Promise.all(others.map((k) => k.check()));
      running.delete(first);
      expect(running.size).toBe(1);
      expect(others.filter((k) => k.holds())).toHaveLength(1);
    });

    test('ExclusiveJob: a clean stop releases the lease and another instance takes over at its next check', async () => {
      const clock = () => new Date(NOW);
      const started: string[] = [];
      const keeper = (stores: CoreStores, holder: string) => new ExclusiveJob({
        leases: stores.leases, name: 'retention', holder, ttlMs: 60_000, clock,
        job: { start: () => void started.push(holder), stop: async () => void started.push(`-${holder}`) },
      });
      const a = keeper(s, 'a');
      const b = keeper(await harness.another(), 'b');
      await a.check();
      await b.check();
      expect(started).toEqual(['a']);
      await a.stop();
      await b.check();
      expect(started).toEqual(['a', '-a', 'b']);
      expect(await s.leases.holder('retention', NOW)).toBe('b');
    });

    test('ExclusiveJob: a job that fails to start gives the lease up and is started again at the next check', async () => {
      const clock = () => new Date(NOW);
      let attempts = 0;
      const keeper = new ExclusiveJob({
        leases: s.leases, name: 'sla', holder: 'a', ttlMs: 60_000, clock,
        job: { start: () => { if (++attempts === 1) throw new Error('not ready'); }, stop: async () => undefined },
      });
      await keeper.check();
      expect(keeper.holds()).toBe(false);
      expect(await s.leases.holder('sla', NOW)).toBeNull();
      await keeper.check();
      expect(keeper.holds()).toBe(true);
      expect(attempts).toBe(2);
    });
  });
}
