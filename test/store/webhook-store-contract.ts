import type { CoreStores } from '../../src/store/core-stores';
import type { PgStore } from '../../src/store/postgres/pg-store';
import type { Store, TurnResult } from '../../src/store/store';
import { at, NOW, openTicketOn } from './contract-helpers';
import type { StoreHarness } from './harness';

/** An audit event on a ticket, written by a turn on its conversation as the engine writes it. */
async function audit(store: Store, opened: TurnResult, kind: string, data: Record<string, unknown> = {}): Promise<void> {
  const c = (await store.getConversation(opened.conversation.id))!;
  await store.commitTurn({
    conversationId: c.id, expectedVersion: c.version, mode: c.mode, lang: c.lang, state: c.state, tickets: [],
    events: [{ ticketId: opened.openedTicket!.id, actor: 'agent:root', kind, data }], outbound: [], now: NOW,
  });
}

/** A ticket opened with its 'opened' audit event, as the engine records it. */
async function opened(store: Store, n: number): Promise<TurnResult> {
  const result = await openTicketOn(store, n);
  await audit(store, result, 'opened');
  return result;
}

const secret = (n: number) => `whsec_${String(n).repeat(8)}`;

/** The behaviour every WebhookStore must have (SQLite and PostgreSQL run this same suite). */
export function webhookStoreContract(name: string, harness: StoreHarness): void {
  describe(`WebhookStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    test('subscriptions: add, get, list with waiting rows, disable, enable with fresh attempts, remove with their log', async () => {
      const a = await s.webhooks.addSubscription({ url: 'https://a.example.org/hook', events: ['ticket.created'], scopes: ['tickets:read'], secret: secret(1) }, NOW);
      expect(a).toMatchObject({ url: 'https://a.example.org/hook', events: ['ticket.created'], scopes: ['tickets:read'], disabledAt: null, disabledReason: null });
      expect(await s.webhooks.getSubscription(a.id)).toEqual(a);
      expect(await s.webhooks.getSubscription(999)).toBeNull();
      await opened(s.store, 1);
      await s.webhooks.pump(NOW);
      const [row] = await s.webhooks.pendingOf(a.id, 10);
      await s.webhooks.markFailed(row.id, { attempts: 3, status: 500, error: 'answered 500', nextAttemptAt: at(60) });
      await s.webhooks.disable(a.id, 'the receiver answered 410 Gone', at(1));
      await s.webhooks.disable(a.id, 'later reason', at(2)); // the first reason stays
      const [listed] = await s.webhooks.listSubscriptions();
      expect([listed.pending, listed.disabledReason, Date.parse(listed.disabledAt!)]).toEqual([1, 'the receiver answered 410 Gone', Date.parse(at(1))]);
      expect(await s.webhooks.nextDue()).toBeNull(); // a disabled subscription sends nothing
      await s.webhooks.enable(a.id, at(3));
      expect((await s.webhooks.getSubscription(a.id))?.disabledAt).toBeNull();
      expect((await s.webhooks.pendingOf(a.id, 10))[0].attempts).toBe(0);
      expect(Date.parse((await s.webhooks.nextDue())!)).toBe(Date.parse(at(3)));
      await s.webhooks.removeSubscription(a.id);
      expect(await s.webhooks.listSubscriptions()).toEqual([]);
      expect(await s.webhooks.recentDeliveries(10)).toEqual([]);
    });

    test('pump: each new event once per matching subscription, only events after the subscription, one per incident', async () => {
      const before = await opened(s.store, 1);
      expect(await s.webhooks.pump(NOW)).toEqual({ read: 0, listening: false });
      const tickets = await s.webhooks.addSubscription({ url: 'https://t.example.org', events: ['ticket.created', 'ticket.commented'], scopes: ['tickets:read'], secret: secret(2) }, NOW);
      const people = await s.webhooks.addSubscription({ url: 'https://p.example.org', events: ['ticket.created'], scopes: ['tickets:read', 'people:read'], secret: secret(3) }, NOW);
      const incidents = await s.webhooks.addSubscription({ url: 'https://i.example.org', events: ['incident.opened'], scopes: ['incidents:read'], secret: secret(4) }, NOW);
      const first = await opened(s.store, 2);
      const second = await opened(s.store, 3);
      await audit(s.store, first, 'agent_reply', { text: 'Try a restart' });
      await audit(s.store, before, 'major_incident_opened', { majorIncident: 'MI-000001', title: 'Mail down' });
      await audit(s.store, second, 'major_incident_opened', { majorIncident: 'MI-000001', title: 'Mail down' });
      const pumped = await s.webhooks.pump(NOW);
      expect(pumped.listening).toBe(true);
      expect(pumped.read).toBeGreaterThanOrEqual(5);
      expect(await s.webhooks.pump(NOW)).toEqual({ read: 0, listening: true });
      const t = await s.webhooks.pendingOf(tickets.id, 10);
      expect(t.map((d) => JSON.parse(d.body).type)).toEqual(['ticket.created', 'ticket.created', 'ticket.commented']);
      expect(t.map((d) => d.url)).toEqual(Array(3).fill('https://t.example.org'));
      const created = JSON.parse(t[0].body);
      expect(created.data.ticket).toMatchObject({ number: first.openedTicket!.number, category: 'hardware' });
      expect(created.data.ticket.requester).toBeUndefined();
      expect(JSON.parse(t[2].body).data.change).toEqual({ kind: 'agent_reply', actor: 'agent:root', at: expect.any(String) }); // no words without conversations:read
      const p = await s.webhooks.pendingOf(people.id, 10);
      expect(JSON.parse(p[0].body).data.ticket.requester).toMatchObject({ channel: 'webchat', name: 'Ana Lima', email: 'ana@example.com' });
      const i = await s.webhooks.pendingOf(incidents.id, 10);
      expect(i.map((d) => JSON.parse(d.body).data.incident.number)).toEqual(['MI-000001']);
      expect(new Set([...t, ...p, ...i].map((d) => d.messageId)).size).toBe(4); // one webhook-id per event, the same for every subscription
      expect((await s.webhooks.recentDeliveries(2)).map((d) => d.id)).toEqual([Math.max(...[...t, ...p, ...i].map((d) => d.id)), expect.any(Number)]);
    });

    test('sending: only subscriptions whose oldest row is due; sent and failed rows recorded; next due', async () => {
      const a = await s.webhooks.addSubscription({ url: 'https://a.example.org', events: ['ticket.created'], scopes: ['tickets:read'], secret: secret(5) }, NOW);
      const b = await s.webhooks.addSubscription({ url: 'https://b.example.org', events: ['ticket.created'], scopes: ['tickets:read'], secret: secret(6) }, NOW);
      await opened(s.store, 1);
      await opened(s.store, 2);
      await s.webhooks.pump(NOW);
      expect((await s.webhooks.claimDue('one', NOW, 60_000, 10)).sort((x, y) => x - y)).toEqual([a.id, b.id]);
      const [first, second] = await s.webhooks.pendingOf(a.id, 10);
      await s.webhooks.markSent(first.id, 204, at(1));
      await s.webhooks.markFailed(second.id, { attempts: 1, status: null, error: 'unreachable: refused', nextAttemptAt: at(10) });
      const [headB] = await s.webhooks.pendingOf(b.id, 1);
      await s.webhooks.markFailed(headB.id, { attempts: 1, status: 503, error: 'answered 503', nextAttemptAt: at(5) });
      for (const id of [a.id, b.id]) await s.webhooks.releaseClaim(id, 'one');
      expect(await s.webhooks.claimDue('one', at(2), 60_000, 10)).toEqual([]);
      // The heads decide: b's second row is due already, but waits behind its failed head (no busy retry timer).
      expect(Date.parse((await s.webhooks.nextDue())!)).toBe(Date.parse(at(5)));
      expect(await s.webhooks.claimDue('one', at(6), 60_000, 10)).toEqual([b.id]);
      const log = await s.webhooks.recentDeliveries(10);
      expect(log.find((d) => d.id === first.id)).toMatchObject({ status: 'sent', attempts: 1, lastStatus: 204, lastError: null });
      expect(log.find((d) => d.id === second.id)).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null, lastError: 'unreachable: refused' });
    });

    if (name !== 'PostgreSQL') return; // One server per SQLite file (the database lock): one sender, nothing to share.

    test('two instances: each subscription is claimed by one; the other takes it over only once the claim lapses', async () => {
      const subs = [];
      for (let n = 1; n <= 6; n++) subs.push(await s.webhooks.addSubscription({ url: `https://${n}.example.org`, events: ['ticket.created'], scopes: ['tickets:read'], secret: secret(n) }, NOW));
      await opened(s.store, 1);
      const other = await harness.another();
      await Promise.all([s.webhooks.pump(NOW), other.webhooks.pump(NOW)]);
      expect((await s.webhooks.listSubscriptions()).map((x) => x.pending)).toEqual(Array(6).fill(1));
      const [mine, theirs] = await Promise.all([s.webhooks.claimDue('A', NOW, 60_000, 10), other.webhooks.claimDue('B', NOW, 60_000, 10)]);
      expect([...mine, ...theirs].sort((x, y) => x - y)).toEqual(subs.map((x) => x.id));
      expect(mine.filter((id) => theirs.includes(id))).toEqual([]);
      expect(await other.webhooks.claimDue('B', at(0.5), 60_000, 10)).toEqual([]);
      const taken = mine.length ? mine[0] : theirs[0];
      const [holder, rival] = mine.length ? ['A', 'B'] : ['B', 'A'];
      expect(await s.webhooks.holdClaim(taken, holder, at(0.5), 60_000)).toBe(true);
      expect(await s.webhooks.holdClaim(taken, rival, at(0.5), 60_000)).toBe(false);
      // The holder stalls past its lease: the rival takes over, and the holder learns it before its next send.
      const rivalStore = rival === 'B' ? other : s;
      expect(await rivalStore.webhooks.claimDue(rival, at(3), 60_000, 10)).toContain(taken);
      expect(await s.webhooks.holdClaim(taken, holder, at(3), 60_000)).toBe(false);
      await s.webhooks.releaseClaim(taken, holder); // not the holder any more: changes nothing
      expect(await rivalStore.webhooks.claimDue('C', at(3.5), 60_000, 10)).not.toContain(taken);
    });

    test('the pump waits for a turn still writing an older audit event instead of passing it', async () => {
      await s.webhooks.addSubscription({ url: 'https://a.example.org', events: ['ticket.updated'], scopes: ['tickets:read'], secret: secret(1) }, NOW);
      const ticket = await opened(s.store, 1);
      await s.webhooks.pump(NOW);
      const db = (s.store as PgStore).db;
      let finish = () => {};
      const held = new Promise<void>((resolve) => {
        finish = resolve;
      });
      let written = () => {};
      const inserted = new Promise<void>((resolve) => {
        written = resolve;
      });
      // A slow turn: draws the smaller id, commits last.
      const slow = db.transaction(async (tx) => {
        await tx.run("INSERT INTO ticket_events (ticket_id, at, actor, kind, data_json) VALUES ($1, $2, 'agent:root', 'note', '{}')", [ticket.openedTicket!.id, NOW]);
        written();
        await held;
      });
      await inserted;
      await audit(s.store, ticket, 'escalated');
      const other = await harness.another();
      const pumping = other.webhooks.pump(NOW);
      await new Promise((resolve) => setTimeout(resolve, 300));
      finish();
      await slow;
      await pumping;
      await s.webhooks.pump(NOW);
      const kinds = (await s.webhooks.recentDeliveries(10)).map((d) => d.messageId);
      expect(kinds).toHaveLength(2); // both updates queued: the slow one was not skipped
    });
  });
}
