import { noticeMessage } from '../../src/broadcast/broadcast-notice';
import type { CoreStores } from '../../src/store/core-stores';
import type { Store } from '../../src/store/store';
import type { ChannelName } from '../../src/types/conversation';
import { at, NOW, openTicketOn } from './contract-helpers';
import type { StoreHarness } from './harness';
import { inbound } from './store-contract';

/** A user `u<n>` who wrote once on `channel` (a direct conversation `c<n>`); its conversation id. */
async function wrote(store: Store, n: number, channel: ChannelName = 'webchat', threadId?: string): Promise<number> {
  const message = inbound(`m${n}-${threadId ?? ''}`, 'hello', `c${n}`, `u${n}`);
  const accepted = await store.acceptInbound({ ...message, ref: { ...message.ref, channel, threadId } }, at(-60 + n));
  return accepted.conversationId;
}

/** Queue a delivery's notice the way the sender does: one turn with the message; its outbox id. */
async function queueNotice(store: Store, conversationId: number, text: string): Promise<number> {
  const c = (await store.getConversation(conversationId))!;
  const result = await store.commitTurn({
    conversationId: c.id, expectedVersion: c.version, mode: c.mode, lang: c.lang, state: c.state, tickets: [], events: [],
    outbound: [noticeMessage({ text, followUp: null, incident: null }, 'notice', c.lang)], now: NOW,
  });
  return result.outboxIds[0];
}

/** The behaviour every Broadcasts store must have (SQLite and PostgreSQL run this same suite). */
export function broadcastStoreContract(name: string, harness: StoreHarness): void {
  describe(`Broadcasts contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    test('the audience: one delivery per person, on their direct conversation; terminal users only when named; filters', async () => {
      const direct = await wrote(s.store, 1);
      await wrote(s.store, 1, 'webchat', 'thread-1'); // a later threaded conversation of the same user
      await wrote(s.store, 2, 'slack');
      await wrote(s.store, 3, 'terminal');
      await openTicketOn(s.store, 4, { category: 'network', summary: 'The 100%_VPN gateway drops' });
      const everyone = await s.broadcasts.create({ text: 'Mail is down', audience: {}, createdBy: 'agent:root' }, NOW);
      expect([everyone.audience, everyone.channels, everyone.broadcast.status]).toEqual([3, 0, 'active']);
      const pending = await s.broadcasts.pending(10, NOW, everyone.broadcast.id);
      expect(pending.map((d) => d.conversationId)).toContain(direct);
      expect(pending).toHaveLength(3);
      expect((await s.broadcasts.create({ text: 'Terminal too', audience: { channels: ['terminal'] }, createdBy: 'a' }, NOW)).audience).toBe(1);
      expect((await s.broadcasts.create({ text: 'Network people', audience: { categories: ['network'] }, createdBy: 'a' }, NOW)).audience).toBe(1);
      // Service names match case-insensitively, with % and _ matching themselves.
      expect((await s.broadcasts.create({ text: 'VPN', audience: { services: ['100%_vpn'] }, createdBy: 'a' }, NOW)).audience).toBe(1);
      expect((await s.broadcasts.create({ text: 'VPN', audience: { services: ['100%xvpn'] }, createdBy: 'a' }, NOW)).audience).toBe(0);
      await expect(s.broadcasts.create({ text: 'x', audience: {}, incident: 'MI-000009', createdBy: 'a' }, NOW)).rejects.toThrow(/no major incident MI-000009/);
    });

    test('Slack channels: one target each, reused by later broadcasts, never counted as people', async () => {
      await wrote(s.store, 1, 'slack');
      const first = await s.broadcasts.create({ text: 'Channel only', audience: { slackChannels: ['C0ITNEWS', 'c0itnews'] }, createdBy: 'a' }, NOW);
      expect([first.audience, first.channels]).toEqual([0, 1]);
      const both = await s.broadcasts.create({ text: 'People and channel', audience: { channels: ['slack'], slackChannels: ['C0ITNEWS'] }, createdBy: 'a' }, NOW);
      expect([both.audience, both.channels]).toEqual([1, 1]);
      const [a] = await s.broadcasts.pending(1, NOW, first.broadcast.id);
      const channelPost = (await s.broadcasts.pending(5, NOW, both.broadcast.id)).find((d) => d.userId === a.userId);
      expect(channelPost?.conversationId).toBe(a.conversationId);
      expect((await s.broadcasts.create({ text: 'Everyone', audience: {}, createdBy: 'a' }, NOW)).audience).toBe(1);
      expect((await s.broadcasts.progress(both.broadcast.id)).notice).toEqual({ audience: 1, enqueued: 0, sent: 0, failed: 0, channels: { audience: 1, enqueued: 0, sent: 0, failed: 0 } });
    });

    test('close: the follow-up goes to everyone the notice was for but the excepted; once', async () => {
      const c1 = await wrote(s.store, 1);
      await wrote(s.store, 2);
      const { broadcast } = await s.broadcasts.create({ text: 'Mail is down', audience: {}, createdBy: 'a' }, NOW);
      const user1 = (await s.broadcasts.pending(5, NOW)).find((d) => d.conversationId === c1)!.userId;
      const closed = await s.broadcasts.close(broadcast.id, 'Mail is back', 'agent:root', at(5), { exceptUserIds: [user1] });
      expect([closed.audience, closed.broadcast.status, closed.broadcast.followUp, closed.broadcast.closedBy]).toEqual([1, 'closed', 'Mail is back', 'agent:root']);
      expect(Date.parse(closed.broadcast.closedAt!)).toBe(Date.parse(at(5)));
      await expect(s.broadcasts.close(broadcast.id, 'again', 'a', at(6))).rejects.toThrow(/closed already/);
      await expect(s.broadcasts.close(999, 'none', 'a', at(6))).rejects.toThrow(/no broadcast 999/);
      const progress = await s.broadcasts.progress(broadcast.id);
      expect([progress.notice.audience, progress.follow_up.audience]).toEqual([2, 1]);
      expect(await s.broadcasts.countPending()).toBe(3);
    });

    test('get, list newest first, the five newest active texts', async () => {
      for (let i = 1; i <= 7; i++) await s.broadcasts.create({ text: `Notice ${i}`, audience: {}, createdBy: 'a' }, at(i));
      const list = await s.broadcasts.list(3);
      expect(list.map((b) => b.text)).toEqual(['Notice 7', 'Notice 6', 'Notice 5']);
      await s.broadcasts.close(list[0].id, 'done', 'a', at(9));
      expect(await s.broadcasts.activeTexts()).toEqual(['Notice 6', 'Notice 5', 'Notice 4', 'Notice 3', 'Notice 2']);
      const got = await s.broadcasts.get(list[1].id);
      expect(got).toMatchObject({ text: 'Notice 6', audience: { channels: [], categories: [], slackChannels: [] }, incident: null, createdBy: 'a' });
      expect(Date.parse(got!.createdAt)).toBe(Date.parse(at(6)));
      expect(await s.broadcasts.get(999)).toBeNull();
    });

    test('a delivery is claimed by one of two instances at once; the claim lapses after the lease', async () => {
      await wrote(s.store, 1);
      const { broadcast } = await s.broadcasts.create({ text: 'Mail is down', audience: {}, createdBy: 'a' }, NOW);
      const [delivery] = await s.broadcasts.pending(1, NOW);
      const other = await harness.another();
      const claims = await Promise.all([s.broadcasts.claim(delivery, NOW, 60_000), other.broadcasts.claim(delivery, NOW, 60_000)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await s.broadcasts.pending(5, at(0.5))).toEqual([]);
      expect(await s.broadcasts.countPending()).toBe(1);
      // Lapsed: taken over, with the first claim's outbox mark kept for recovery.
      const [again] = await other.broadcasts.pending(5, at(1));
      expect(again.claimedAfterOutboxId).not.toBeNull();
      expect(await other.broadcasts.claim(again, at(1), 60_000)).toBe(true);
      // The first sender had queued it before dying: the next one finds that row instead of sending again.
      const outboxId = await queueNotice(s.store, delivery.conversationId, 'Mail is down');
      const candidates = ['en', 'zh'].map((lang) => JSON.stringify(noticeMessage(broadcast, 'notice', lang as 'en')));
      expect(await other.broadcasts.findQueued(again, candidates)).toBe(outboxId);
      expect(await other.broadcasts.findQueued({ ...again, claimedAfterOutboxId: outboxId }, candidates)).toBeNull();
      expect(await other.broadcasts.findQueued(delivery, candidates)).toBeNull(); // never claimed: nothing to recover
      await other.broadcasts.recordQueued(again.id, outboxId, at(1));
      expect(await s.broadcasts.countPending()).toBe(0);
      expect(await s.broadcasts.pending(5, at(10))).toEqual([]);
      expect((await s.broadcasts.progress(broadcast.id)).notice).toMatchObject({ audience: 1, enqueued: 1, sent: 0 });
    });
  });
}
