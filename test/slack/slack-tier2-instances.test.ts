import { EventEmitter } from 'node:events';
import { createSlackAgents } from '../../channels/slack/slack-agents';
import { createSlackChannel } from '../../channels/slack/slack.channel';
import type { EngineEvents } from '../../src/engine/engine';
import { createLogger } from '../../src/log';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { inbound, draft } from '../store/store-contract';

const TIER2 = 'C0TIER2';

/** One Frontdesk instance's Slack agents module on the shared PostgreSQL (its own pool, channel and events). */
function instance(url: string) {
  const stores = pgCoreStores(new PgDatabase(url, { poolSize: 2 }));
  const slack = createSlackChannel({ botToken: 'xoxb-test', signingSecret: 'secret', slackApiUrl: 'http://127.0.0.1:9/api/', tier2Channel: TIER2 });
  const events = new EventEmitter<EngineEvents>();
  const agents = createSlackAgents({ store: stores.store, agentStore: stores.agents, threads: stores.agentThreads, slack, events, clock: () => new Date(), log: createLogger({ level: 'silent' }) });
  return { stores, slack, agents, events };
}

describeWithPostgres()('Slack tier-2 across instances on one PostgreSQL', () => {
  const pg = usePostgresDatabase();

  test('instance A posts the escalation; a reply in its thread and Take over clicked on instance B reach the ticket', async () => {
    const a = instance(pg.url);
    const b = instance(pg.url);
    try {
      // Arrange: a P2 ticket escalated by a turn on A; Bo is a console admin linked to Slack user U0BO on A.
      await a.stores.agents.addAgent({ id: 'bo', name: 'Bo Chen', role: 'admin', groups: [] }, 'hash', new Date().toISOString());
      await a.stores.agentThreads.link('slack', 'U0BO', 'bo', 'manual', new Date().toISOString());
      const now = new Date().toISOString();
      const accepted = await a.stores.store.acceptInbound(inbound('m1', 'my laptop will not boot'), now);
      const result = await a.stores.store.commitTurn({
        conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en', state: {},
        tickets: [{ kind: 'open', draft: draft() }], events: [{ ticketId: 'new', actor: 'bot', kind: 'escalated', data: { reason: 'P2' } }],
        outbound: [{ kind: 'text', text: 'Logged as {ticket}.' }], now,
      });
      const number = result.openedTicket!.number;
      // Both instances see the commit (as their engines would, through the live bus): the post is queued once.
      a.agents.onCommitted(result);
      b.agents.onCommitted(result);
      await Promise.all([a.agents.idle(), b.agents.idle()]);
      const posts = (await a.stores.store.dueOutbox(new Date(Date.now() + 1000).toISOString(), 20)).filter((r) => r.ref.extra?.tier2);
      expect(posts.map((r) => r.ref.extra)).toEqual([{ tier2: 'escalation', ticket: number }]);
      // A's dispatcher sent it and Slack answered with the post's ts.
      await a.slack.tier2Threads!.posted(number, '1700000000.000100');

      // Act: on B, a message in that thread and the Take over button.
      const found = await b.agents.ticketForThread(TIER2, '1700000000.000100');
      const outcome = await b.agents.takeOver(found!, { slackUserId: 'U0BO' });

      // Assert
      expect(found).toBe(number);
      expect(outcome).toMatchObject({ ok: true });
      expect(await b.stores.store.getTicketByNumber(number)).toMatchObject({ agentId: 'bo', status: 'in_progress' });
      expect(await a.agents.ownerOf(number)).toBe('U0BO');
      expect(await b.slack.tier2Threads!.threadOf(number)).toBe('1700000000.000100');
    } finally {
      await a.stores.close();
      await b.stores.close();
    }
  });
});
