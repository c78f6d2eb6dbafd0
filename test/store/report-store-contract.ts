import type { CoreStores } from '../../src/store/core-stores';
import { inbound } from './store-contract';
import { at, openTicketOn, updateTicket } from './contract-helpers';
import type { StoreHarness } from './harness';

/** The behaviour every KpiStore and KbFeedbackStore must have (reports, dashboard, exports); SQLite and PostgreSQL run this same suite. */
export function reportStoreContract(name: string, harness: StoreHarness): void {
  describe(`KpiStore and KbFeedbackStore contract: ${name}`, () => {
    let s: CoreStores;
    beforeEach(async () => {
      s = await harness.fresh();
    });
    afterEach(() => harness.cleanup());

    /** A conversation of user `u<n>` left waiting on an offer of these articles at `now`, or a search that found nothing. */
    async function turn(n: number, now: string, extra: { kbTried?: { id: string; helpful: boolean | null }[]; phase?: string; gap?: string; lang?: 'en' | 'zh'; answered?: string[] }) {
      const accepted = await s.store.acceptInbound(inbound(`w${n}`, extra.gap ?? 'vpn', `w${n}`, `wu${n}`), now);
      const conversation = (await s.store.getConversation(accepted.conversationId))!;
      await s.store.commitTurn({
        conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en',
        state: { phase: extra.phase ?? 'kb_offer', intake: { kbTried: extra.kbTried } }, tickets: [], events: [], outbound: [], now,
        ...(extra.gap ? { kbGap: { query: extra.gap, lang: extra.lang ?? 'en', category: 'network' } } : {}),
        ...(extra.answered ? { kbAnswer: { lang: extra.lang ?? 'en', category: 'email', articles: extra.answered } } : {}),
      });
    }

    test('KPI data: tickets created before the end with channel and events in order, major incidents, no broadcasts sent', async () => {
      const t1 = await openTicketOn(s.store, 1, { kbArticles: [{ id: 'vpn-reset', helpful: false }] }, at(0));
      await updateTicket(s.store, t1, { status: 'resolved', resolvedAt: at(20), agentId: 'bo' }, at(20));
      await openTicketOn(s.store, 2, { group: 'network' }, at(10));
      await openTicketOn(s.store, 3, {}, at(60));
      await s.incidents.createMajorIncident({ category: 'hardware', title: 'Laptops failing', now: at(30) }, [{ ticketId: t1.openedTicket!.id }]);
      const data = await s.kpi.loadKpiData(at(60));
      expect(data.tickets.map((t) => t.number)).toEqual(['INC-000001', 'INC-000002']);
      expect(data.tickets[0]).toMatchObject({
        channel: 'webchat', status: 'resolved', agentId: 'bo', createdAt: at(0), resolvedAt: at(20), majorIncidentId: expect.any(Number),
        kb: [{ id: 'vpn-reset', helpful: false }], responseDueAt: '2026-03-02T17:00:00.000Z', csat: null,
      });
      expect(data.tickets[1]).toMatchObject({ group: 'network', agentId: null, firstResponseAt: null });
      const events = await s.store.ticketEvents(t1.openedTicket!.id);
      expect(data.tickets[0].events).toEqual(events.map((e) => ({ at: e.at, kind: e.kind, data: e.data })));
      expect(data.notifications).toEqual([]);
      expect(data.majorIncidents).toEqual([{ id: expect.any(Number), number: 'MI-000001', title: 'Laptops failing', status: 'open', createdAt: at(30) }]);
      expect((await s.kpi.loadKpiData(at(0))).tickets).toEqual([]);
    });

    test('ticket export: tickets created in [from, to), oldest first, with channel and requester', async () => {
      await openTicketOn(s.store, 1, {}, at(0));
      await openTicketOn(s.store, 2, {}, at(10));
      await openTicketOn(s.store, 3, {}, at(20));
      const exported = await s.kpi.exportTickets({ from: at(0), to: at(20) });
      expect(exported.map((t) => t.number)).toEqual(['INC-000001', 'INC-000002']);
      expect(exported[0]).toEqual({ ...(await s.store.getTicket(1)), channel: 'webchat', requester: { name: 'Ana Lima', email: 'ana@example.com', department: null } });
      expect(await s.kpi.exportTickets({ from: at(21), to: at(60) })).toEqual([]);
    });

    test('KB feedback: ratings of tickets and of offers still waiting, in a window by day or by time', async () => {
      await openTicketOn(s.store, 1, { kbArticles: [{ id: 'vpn-reset', helpful: false }, { id: 'wifi', helpful: null }] }, '2026-03-01T23:59:00.000Z');
      await openTicketOn(s.store, 2, { kbArticles: [{ id: 'vpn-reset', helpful: true }] }, '2026-03-02T09:00:00.000Z');
      await openTicketOn(s.store, 3, {}, '2026-03-02T10:00:00.000Z');
      await turn(1, '2026-03-02T11:00:00.000Z', { kbTried: [{ id: 'vpn-reset', helpful: null }] });
      await turn(2, '2026-03-02T11:00:00.000Z', { phase: 'dialog', kbTried: [{ id: 'printer', helpful: false }] });
      await turn(3, '2026-03-02T11:00:00.000Z', { phase: 'ticket_open', kbTried: [{ id: 'printer', helpful: false }] });
      await turn(4, '2026-03-02T11:00:00.000Z', { phase: 'kb_offer' });
      const all = await s.kbFeedback.articleFeedback();
      expect(all).toEqual([
        { id: 'vpn-reset', offered: 3, helpful: 1, notHelpful: 1, unanswered: 1, helpfulRate: 0.5, poor: false },
        { id: 'printer', offered: 1, helpful: 0, notHelpful: 1, unanswered: 0, helpfulRate: 0, poor: false },
        { id: 'wifi', offered: 1, helpful: 0, notHelpful: 0, unanswered: 1, helpfulRate: null, poor: false },
      ]);
      expect(await s.kbFeedback.articleFeedback({ since: '2026-03-02' })).toEqual([
        { id: 'vpn-reset', offered: 2, helpful: 1, notHelpful: 0, unanswered: 1, helpfulRate: 1, poor: false },
        { id: 'printer', offered: 1, helpful: 0, notHelpful: 1, unanswered: 0, helpfulRate: 0, poor: false },
      ]);
      expect((await s.kbFeedback.articleFeedback({ until: '2026-03-02' })).map((f) => f.id)).toEqual(['vpn-reset', 'wifi']);
      expect((await s.kbFeedback.articleFeedback({ since: '2026-03-02T09:00:00.000Z', until: '2026-03-02T11:00:00.000Z' })).map((f) => [f.id, f.offered])).toEqual([['vpn-reset', 1]]);
    });

    test('questions answered without a ticket: in the KPI data before the end, and rated helpful in the KB feedback of their window', async () => {
      await turn(1, '2026-03-02T09:00:00.000Z', { phase: 'awaiting_description', answered: ['out-of-office', 'calendar-share'] });
      await turn(2, '2026-03-03T09:00:00.000Z', { phase: 'awaiting_description', answered: ['out-of-office'], lang: 'zh' });
      const data = await s.kpi.loadKpiData('2026-03-03T00:00:00.000Z');
      expect(data.kbAnswers).toEqual([{ at: '2026-03-02T09:00:00.000Z', channel: 'webchat', category: 'email', articles: ['out-of-office', 'calendar-share'], csat: null }]);
      expect(data.tickets).toEqual([]);
      expect(await s.kbFeedback.articleFeedback()).toEqual([
        { id: 'out-of-office', offered: 2, helpful: 2, notHelpful: 0, unanswered: 0, helpfulRate: 1, poor: false },
        { id: 'calendar-share', offered: 1, helpful: 1, notHelpful: 0, unanswered: 0, helpfulRate: 1, poor: false },
      ]);
      expect((await s.kbFeedback.articleFeedback({ since: '2026-03-03' })).map((f) => [f.id, f.helpful])).toEqual([['out-of-office', 1]]);
    });

    test('the rating of an answered question and the comment after it land on the conversation\'s last answer', async () => {
      /** One more turn of user 1's conversation: message `id`, committing `extra`. */
      async function next(id: string, now: string, extra: object) {
        const accepted = await s.store.acceptInbound(inbound(id, 'x', 'w1', 'wu1'), now);
        const conversation = (await s.store.getConversation(accepted.conversationId))!;
        await s.store.commitTurn({
          conversationId: conversation.id, expectedVersion: conversation.version, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en',
          state: { phase: 'awaiting_description' }, tickets: [], events: [], outbound: [], now, ...extra,
        });
      }
      await turn(1, '2026-03-02T09:00:00.000Z', { phase: 'awaiting_csat', answered: ['out-of-office'] });
      await next('r1', '2026-03-02T10:00:00.000Z', { kbAnswer: { lang: 'en', category: 'email', articles: ['calendar-share'] } });
      await next('r2', '2026-03-02T10:01:00.000Z', { kbAnswerRating: { score: 5 } });
      await next('r3', '2026-03-02T10:02:00.000Z', { kbAnswerRating: { comment: 'fast and clear' } });
      const data = await s.kpi.loadKpiData('2026-03-03T00:00:00.000Z');
      expect(data.kbAnswers!.map((a) => [a.articles, a.csat])).toEqual([[['out-of-office'], null], [['calendar-share'], 5]]);
    });

    test('KB gaps: searches that found nothing, oldest first, in a window', async () => {
      await turn(1, '2026-03-02T11:00:00.000Z', { gap: 'how do I book a parking space', phase: 'dialog' });
      await turn(2, '2026-03-01T08:00:00.000Z', { gap: '打印机卡纸', lang: 'zh', phase: 'dialog' });
      await turn(3, '2026-03-03T00:00:00.000Z', { gap: 'parking permit renewal', phase: 'dialog' });
      expect(await s.kbFeedback.gaps()).toEqual([
        { at: '2026-03-01T08:00:00.000Z', lang: 'zh', query: '打印机卡纸', category: 'network' },
        { at: '2026-03-02T11:00:00.000Z', lang: 'en', query: 'how do I book a parking space', category: 'network' },
        { at: '2026-03-03T00:00:00.000Z', lang: 'en', query: 'parking permit renewal', category: 'network' },
      ]);
      expect((await s.kbFeedback.gaps({ since: '2026-03-02', until: '2026-03-03' })).map((g) => g.query)).toEqual(['how do I book a parking space']);
      expect((await s.kbFeedback.gaps({ since: '2026-03-03T00:00:00.000Z' })).map((g) => g.query)).toEqual(['parking permit renewal']);
    });
  });
}
