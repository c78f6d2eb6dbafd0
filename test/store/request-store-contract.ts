import type { NewApproval } from '../../src/requests/request-store';
import type { CoreStores } from '../../src/store/core-stores';
import type { Store } from '../../src/store/store';
import type { ChannelName } from '../../src/types/conversation';
import { at, NOW, openTicketOn } from './contract-helpers';
import type { StoreHarness } from './harness';

const approvalOf = (ticketId: number, patch: Partial<NewApproval> = {}): NewApproval => ({
  ticketId, catalogId: 'shared-folder', request: { folder: 'finance', 说明: '财务' }, requesterEmail: 'alice@example.com', approverEmail: 'bob@example.com',
  approverName: 'Bob Chen', step: 0, remindAt: at(60), escalateAt: at(240), createdAt: NOW, ...patch,
});

/** A conversation of `email` on a channel, last active at `when`. */
async function conversationOn(store: Store, channel: ChannelName, id: string, email: string, when: string): Promise<number> {
  const accepted = await store.acceptInbound({ ref: { channel, conversationId: id, userId: `${channel}:${id}` }, platformMessageId: `m-${channel}-${id}`, text: 'hello', user: { name: 'X', email } }, when);
  return accepted.conversationId;
}

/** The behaviour every RequestStore must have (SQLite and PostgreSQL run this same suite). */
export function requestStoreContract(name: string, harness: StoreHarness): void {
  describe(`RequestStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    test('a session is kept per conversation, replaced, read only when fresh enough, and deleted', async () => {
      const c = (await openTicketOn(s.store, 1)).conversation.id;
      expect(await s.requests.session(c)).toBeNull();
      await s.requests.saveSession(c, { step: 'ask', catalogId: 'software', answers: { software: 'Visio 2021' } }, at(0));
      await s.requests.saveSession(c, { step: 'code', catalogId: 'unlock', personDn: 'uid=alice,ou=people', ticketId: 1 }, at(5));
      expect(await s.requests.session(c)).toEqual({ step: 'code', catalogId: 'unlock', personDn: 'uid=alice,ou=people', ticketId: 1 });
      expect(await s.requests.session(c, at(5))).not.toBeNull();
      expect(await s.requests.session(c, at(5.01))).toBeNull();
      await s.requests.saveSession(c, null, at(6));
      expect(await s.requests.session(c)).toBeNull();
    });

    test('approvals: created pending with increasing ids, read back whole, listed per approver and when due, oldest first', async () => {
      const t1 = (await openTicketOn(s.store, 1)).openedTicket!.id;
      const t2 = (await openTicketOn(s.store, 2)).openedTicket!.id;
      const a = await s.requests.createApproval(approvalOf(t1));
      const b = await s.requests.createApproval(approvalOf(t2, { remindAt: at(10), escalateAt: at(20), approverName: null }));
      const c = await s.requests.createApproval(approvalOf(t2, { approverEmail: 'carol@example.com', step: 1 }));
      expect(a).toEqual({ ...approvalOf(t1), id: a.id, status: 'pending', reason: null, remindedAt: null, decidedAt: null });
      expect(b.id).toBeGreaterThan(a.id);
      expect(c.id).toBeGreaterThan(b.id);
      expect(await s.requests.approval(b.id)).toEqual(b);
      expect(await s.requests.approval(b.id + 1000)).toBeNull();
      expect((await s.requests.pendingFor('bob@example.com')).map((r) => r.id)).toEqual([a.id, b.id]);
      expect((await s.requests.pendingFor('bob@example.com', 1)).map((r) => r.id)).toEqual([a.id]);
      expect(await s.requests.pendingFor('nobody@example.com')).toEqual([]);
      // Due: a reminder time reached (not reminded yet) or a timeout reached; the bounds are inclusive.
      expect(await s.requests.due(at(9.9))).toEqual([]);
      expect((await s.requests.due(at(10))).map((r) => r.id)).toEqual([b.id]);
      expect((await s.requests.due(at(60))).map((r) => r.id)).toEqual([a.id, b.id, c.id]);
      expect((await s.requests.due(at(60), 2)).map((r) => r.id)).toEqual([a.id, b.id]);
      expect(await s.requests.markReminded(b.id, at(10))).toBe(true);
      expect(await s.requests.markReminded(b.id, at(11))).toBe(false);
      expect((await s.requests.approval(b.id))!.remindedAt).toBe(at(10));
      expect(await s.requests.due(at(19))).toEqual([]);
      expect((await s.requests.due(at(20))).map((r) => r.id)).toEqual([b.id]);
    });

    test('settling: once only; a settled approval is neither pending, due nor reminded', async () => {
      const t1 = (await openTicketOn(s.store, 1)).openedTicket!.id;
      const a = await s.requests.createApproval(approvalOf(t1));
      expect(await s.requests.settle(a.id, 'denied', 'Finance only', at(1))).toBe(true);
      expect(await s.requests.settle(a.id, 'approved', null, at(2))).toBe(false);
      expect(await s.requests.approval(a.id)).toMatchObject({ status: 'denied', reason: 'Finance only', decidedAt: at(1) });
      expect(await s.requests.pendingFor('bob@example.com')).toEqual([]);
      expect(await s.requests.due(at(1000))).toEqual([]);
      expect(await s.requests.markReminded(a.id, at(61))).toBe(false);
    });

    test('two instances deciding (and reminding) the same approval at once: exactly one wins each', async () => {
      const t1 = (await openTicketOn(s.store, 1)).openedTicket!.id;
      const other = await harness.another();
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push((await s.requests.createApproval(approvalOf(t1))).id);
      for (const id of ids) {
        const reminded = await Promise.all([s.requests.markReminded(id, at(61)), other.requests.markReminded(id, at(61)), s.requests.markReminded(id, at(61))]);
        expect(reminded.filter(Boolean)).toHaveLength(1);
        const settled = await Promise.all([
          s.requests.settle(id, 'approved', null, at(62)), other.requests.settle(id, 'denied', 'no', at(62)), other.requests.settle(id, 'expired', null, at(62)),
        ]);
        expect(settled.filter(Boolean)).toHaveLength(1);
        const winner = ['approved', 'denied', 'expired'][settled.indexOf(true)];
        expect((await other.requests.approval(id))!.status).toBe(winner);
      }
    });

    test('codes: saved over any earlier one; replaced only from the state the caller read (one winner when checks race)', async () => {
      const other = await harness.another();
      expect(await s.requests.code('uid=a')).toBeNull();
      await s.requests.saveCode({ subject: 'uid=a', codeHash: 'h1', expiresAt: at(10), tries: 2, lockedUntil: at(-5) }, NOW);
      await s.requests.saveCode({ subject: 'uid=a', codeHash: 'h2', expiresAt: at(10), tries: 0, lockedUntil: null }, NOW);
      const read = (await other.requests.code('uid=a'))!;
      expect(read).toEqual({ subject: 'uid=a', codeHash: 'h2', expiresAt: at(10), tries: 0, lockedUntil: null });
      const races = await Promise.all([
        s.requests.replaceCode({ ...read, codeHash: null, expiresAt: null }, read, at(1)),
        other.requests.replaceCode({ ...read, tries: 1 }, read, at(1)),
        other.requests.replaceCode({ ...read, tries: 1 }, read, at(1)),
      ]);
      expect(races.filter(Boolean)).toHaveLength(1);
      const after = (await s.requests.code('uid=a'))!;
      expect(await s.requests.replaceCode({ ...after, tries: 9 }, { codeHash: 'stale', tries: after.tries }, at(2))).toBe(false);
      // A null hash (a used or locked code) is matched as null.
      await s.requests.saveCode({ subject: 'uid=b', codeHash: null, expiresAt: null, tries: 5, lockedUntil: at(30) }, NOW);
      expect(await s.requests.replaceCode({ subject: 'uid=b', codeHash: 'h3', expiresAt: at(40), tries: 0, lockedUntil: null }, { codeHash: null, tries: 5 }, at(31))).toBe(true);
      expect(await s.requests.code('uid=b')).toEqual({ subject: 'uid=b', codeHash: 'h3', expiresAt: at(40), tries: 0, lockedUntil: null });
      expect(await s.requests.replaceCode({ subject: 'uid=none', codeHash: null, expiresAt: null, tries: 1, lockedUntil: null }, { codeHash: null, tries: 0 }, at(1))).toBe(false);
    });

    test('password pages: live until expiry, claimed by one submit at a time (across instances), released or spent', async () => {
      const t1 = (await openTicketOn(s.store, 1)).openedTicket!.id;
      const other = await harness.another();
      await s.requests.createToken({ tokenHash: 'tok', ticketId: t1, personDn: 'uid=alice', expiresAt: at(15) }, NOW);
      expect(await other.requests.token('tok', at(1))).toEqual({ tokenHash: 'tok', ticketId: t1, personDn: 'uid=alice', expiresAt: at(15), claimedAt: null, usedAt: null });
      expect(await s.requests.token('tok', at(15))).toBeNull();
      expect(await s.requests.token('other', at(1))).toBeNull();
      const claims = await Promise.all([s.requests.claimToken('tok', at(2), at(1)), other.requests.claimToken('tok', at(2), at(1)), other.requests.claimToken('tok', at(2), at(1))]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await s.requests.token('tok', at(2)))!.claimedAt).toBe(at(2));
      // A claim older than `staleBefore` (a submit that died) can be taken over.
      expect(await s.requests.claimToken('tok', at(2.5), at(1.5))).toBe(false);
      expect(await other.requests.claimToken('tok', at(3.5), at(2.5))).toBe(true);
      await other.requests.finishToken('tok', false, at(4));
      expect((await s.requests.token('tok', at(4)))!.claimedAt).toBeNull();
      expect(await s.requests.claimToken('tok', at(5), at(4))).toBe(true);
      await s.requests.finishToken('tok', true, at(6));
      expect(await s.requests.token('tok', at(6))).toBeNull();
      expect(await other.requests.claimToken('tok', at(7), at(7))).toBe(false);
      await s.requests.createToken({ tokenHash: 'late', ticketId: t1, personDn: 'uid=alice', expiresAt: at(1) }, NOW);
      expect(await s.requests.claimToken('late', at(1), at(0))).toBe(false);
    });

    test('the audit: per ticket in order; directory actions counted after a time, per target or overall', async () => {
      const t1 = (await openTicketOn(s.store, 1)).openedTicket!.id;
      await s.requests.audit({ at: at(0), actor: 'slack:U1', action: 'code_sent', target: 'uid=a', outcome: 'ok' });
      await s.requests.audit({ at: at(1), actor: 'slack:U1', action: 'verify', target: 'uid=a', outcome: 'wrong_code', ticketId: t1 });
      await s.requests.audit({ at: at(2), actor: 'approval:1', action: 'add_member', target: 'uid=a', outcome: 'ok', detail: 'added', ticketId: t1 });
      await s.requests.audit({ at: at(3), actor: 'slack:U2', action: 'unlock', target: 'uid=b', outcome: 'ok' });
      const audit = await s.requests.auditOf(t1);
      expect(audit).toEqual([
        { id: expect.any(Number), at: at(1), actor: 'slack:U1', action: 'verify', target: 'uid=a', outcome: 'wrong_code', detail: null, ticketId: t1 },
        { id: expect.any(Number), at: at(2), actor: 'approval:1', action: 'add_member', target: 'uid=a', outcome: 'ok', detail: 'added', ticketId: t1 },
      ]);
      expect(audit[1].id).toBeGreaterThan(audit[0].id);
      expect(await s.requests.auditOf(t1 + 1)).toEqual([]);
      // 'verify' is not a directory action; the window is strictly after `since`.
      expect(await s.requests.actionsSince(at(-1), 'uid=a')).toBe(2);
      expect(await s.requests.actionsSince(at(0), 'uid=a')).toBe(1);
      expect(await s.requests.actionsSince(at(-1))).toBe(3);
      expect(await s.requests.actionsSince(at(3))).toBe(0);
      expect(await s.requests.actionsSince(at(-1), 'uid=none')).toBe(0);
    });

    test("an approver's conversation: Slack before Teams before mail, the newest of a channel, any case; never the web chat", async () => {
      await conversationOn(s.store, 'email', 'alice-mail', 'alice@example.com', at(5));
      await conversationOn(s.store, 'teams', 'alice-teams', 'alice@example.com', at(4));
      const slack = await conversationOn(s.store, 'slack', 'alice-dm', 'Alice@Example.com', at(0));
      expect(await s.requests.conversationOfEmail('ALICE@example.com')).toBe(slack);
      await conversationOn(s.store, 'email', 'bob-old', 'bob@example.com', at(0));
      const newer = await conversationOn(s.store, 'email', 'bob-new', 'bob@example.com', at(3));
      expect(await s.requests.conversationOfEmail('bob@example.com')).toBe(newer);
      await conversationOn(s.store, 'webchat', 'carol-web', 'carol@example.com', at(0));
      expect(await s.requests.conversationOfEmail('carol@example.com')).toBeNull();
    });
  });
}
