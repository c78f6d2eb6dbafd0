import { IDEMPOTENCY_IN_FLIGHT_MS, IDEMPOTENCY_KEEP_MS } from '../../src/api/api-store';
import type { CoreStores } from '../../src/store/core-stores';
import { NOW, at } from './contract-helpers';
import type { StoreHarness } from './harness';

const later = (ms: number) => new Date(Date.parse(NOW) + ms);

/** The behaviour every ApiStore must have (tokens, Idempotency-Keys, call log); SQLite and PostgreSQL run this same suite. */
export function apiStoreContract(name: string, harness: StoreHarness): void {
  describe(`ApiStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    test('tokens: names are unique, listed oldest first; found by hash; revoking keeps the first time; use is recorded', async () => {
      const jira = await s.api.addToken('jira', 'h1', ['tickets:read', 'kb:read'], NOW, at(60));
      expect(jira).toEqual({ id: expect.any(Number), name: 'jira', scopes: ['tickets:read', 'kb:read'], createdAt: NOW, expiresAt: at(60), revokedAt: null, lastUsedAt: null });
      expect(await s.api.addToken('jira', 'h2', ['kb:read'], NOW, null)).toBeNull();
      const zammad = await s.api.addToken('zammad', 'h3', ['tickets:write'], at(1), null);
      expect((await s.api.listTokens()).map((t) => t.name)).toEqual(['jira', 'zammad']);
      expect(await s.api.tokenByHash('h3')).toEqual(zammad);
      expect(await s.api.tokenByHash('h2')).toBeNull();
      await s.api.touchToken(jira!.id, at(2));
      expect((await s.api.tokenByHash('h1'))?.lastUsedAt).toBe(at(2));
      expect(await s.api.revokeToken('jira', at(3))).toBe(true);
      expect(await s.api.revokeToken('jira', at(4))).toBe(true);
      expect((await s.api.tokenByHash('h1'))?.revokedAt).toBe(at(3));
      expect(await s.api.revokeToken('nobody', at(4))).toBe(false);
    });

    test('an Idempotency-Key: new, then in flight, replayed once answered, refused for another request; abandoning frees only an unanswered key', async () => {
      const token = (await s.api.addToken('jira', 'h1', ['tickets:write'], NOW, null))!;
      const now = later(0);
      expect(await s.api.claimIdempotencyKey(token.id, 'k1', 'req-a', now)).toEqual({ kind: 'new' });
      expect(await s.api.claimIdempotencyKey(token.id, 'k1', 'req-a', later(1000))).toEqual({ kind: 'in_flight' });
      expect(await s.api.claimIdempotencyKey(token.id, 'k1', 'req-b', later(1000))).toEqual({ kind: 'other_request' });
      await s.api.finishIdempotencyKey(token.id, 'k1', 201, '{"ticket":1}');
      await s.api.abandonIdempotencyKey(token.id, 'k1');
      expect(await s.api.claimIdempotencyKey(token.id, 'k1', 'req-a', later(2000))).toEqual({ kind: 'replay', status: 201, body: '{"ticket":1}' });
      // Keys are per token: another token's k1 is a new request.
      const other = (await s.api.addToken('zammad', 'h2', ['tickets:write'], NOW, null))!;
      expect(await s.api.claimIdempotencyKey(other.id, 'k1', 'req-b', later(2000))).toEqual({ kind: 'new' });
      await s.api.abandonIdempotencyKey(other.id, 'k1');
      expect(await s.api.claimIdempotencyKey(other.id, 'k1', 'req-c', later(3000))).toEqual({ kind: 'new' });
    });

    test('an unanswered key is taken over after the in-flight time; any key is forgotten after the keep time', async () => {
      const token = (await s.api.addToken('jira', 'h1', ['tickets:write'], NOW, null))!;
      expect(await s.api.claimIdempotencyKey(token.id, 'dead', 'req-a', later(0))).toEqual({ kind: 'new' });
      expect(await s.api.claimIdempotencyKey(token.id, 'dead', 'req-a', later(IDEMPOTENCY_IN_FLIGHT_MS - 1))).toEqual({ kind: 'in_flight' });
      expect(await s.api.claimIdempotencyKey(token.id, 'dead', 'req-a', later(IDEMPOTENCY_IN_FLIGHT_MS + 1))).toEqual({ kind: 'new' });
      expect(await s.api.claimIdempotencyKey(token.id, 'done', 'req-a', later(0))).toEqual({ kind: 'new' });
      await s.api.finishIdempotencyKey(token.id, 'done', 422, '{"status":422}');
      expect(await s.api.claimIdempotencyKey(token.id, 'done', 'req-a', later(IDEMPOTENCY_KEEP_MS - 1))).toMatchObject({ kind: 'replay', status: 422 });
      expect(await s.api.claimIdempotencyKey(token.id, 'done', 'req-b', later(IDEMPOTENCY_KEEP_MS + 1))).toEqual({ kind: 'new' });
    });

    test('two instances claiming the same key at once: exactly one runs it', async () => {
      const token = (await s.api.addToken('jira', 'h1', ['tickets:write'], NOW, null))!;
      const other = await harness.another();
      for (let round = 0; round < 5; round++) {
        const key = `race-${round}`;
        const claims = await Promise.all([s, other, s, other, s, other].map((stores) => stores.api.claimIdempotencyKey(token.id, key, 'req', later(round))));
        expect(claims.filter((c) => c.kind === 'new')).toHaveLength(1);
        expect(claims.filter((c) => c.kind !== 'new').every((c) => c.kind === 'in_flight')).toBe(true);
      }
    });

    test('the call log keeps every call, newest first', async () => {
      await s.api.recordCall({ at: at(0), tokenName: 'jira', method: 'GET', path: '/api/v1/tickets', status: 200, client: '10.0.0.1' });
      await s.api.recordCall({ at: at(1), tokenName: null, method: 'POST', path: '/api/v1/tickets', status: 401, client: '10.0.0.2' });
      expect(await s.api.recentCalls(10)).toEqual([
        { at: at(1), tokenName: null, method: 'POST', path: '/api/v1/tickets', status: 401, client: '10.0.0.2' },
        { at: at(0), tokenName: 'jira', method: 'GET', path: '/api/v1/tickets', status: 200, client: '10.0.0.1' },
      ]);
      expect(await s.api.recentCalls(1)).toHaveLength(1);
    });
  });
}
