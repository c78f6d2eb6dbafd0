import { createLogger } from '../../src/log';
import type { CoreStores } from '../../src/store/core-stores';
import { PgDatabase } from '../../src/store/postgres/pg-database';
import { pgCoreStores } from '../../src/store/postgres/pg-core-stores';
import { WebhookJob } from '../../src/webhooks/webhook-job';
import { describeWithPostgres } from '../helpers/postgres';
import { usePostgresDatabase } from '../helpers/postgres-database';
import { waitFor } from '../helpers/test-app';
import { NOW, openTicketOn } from '../store/contract-helpers';
import { startReceiver } from './receiver';

const TICKETS = 40;

describeWithPostgres()('outgoing webhooks from two instances on one PostgreSQL', () => {
  const postgres = usePostgresDatabase();

  test('every delivery is sent once, in order per subscription, although both instances pump and send at once', async () => {
    const receivers = await Promise.all([startReceiver(), startReceiver(), startReceiver((n) => (n % 7 === 3 ? 503 : 204))]);
    const instances: CoreStores[] = [pgCoreStores(new PgDatabase(postgres.url, { poolSize: 4 })), pgCoreStores(new PgDatabase(postgres.url, { poolSize: 4 }))];
    const log = createLogger({ level: 'silent' });
    const jobs = instances.map((stores, i) => new WebhookJob({
      webhooks: stores.webhooks, holder: `web-${i + 1}`, log, clock: () => new Date(), maxAttempts: 50, baseDelayMs: 5, timeoutMs: 2000,
    }));
    try {
      for (const r of receivers) await instances[0].webhooks.addSubscription({ url: r.url, events: ['ticket.created'], scopes: ['tickets:read'], secret: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0' }, NOW);
      for (const job of jobs) job.start();
      // Tickets opened on both instances while both jobs run, each commit kicking its own instance's job.
      await Promise.all(instances.map(async (stores, i) => {
        for (let n = i + 1; n <= TICKETS; n += 2) {
          const opened = await openTicketOn(stores.store, n);
          const c = (await stores.store.getConversation(opened.conversation.id))!;
          await stores.store.commitTurn({
            conversationId: c.id, expectedVersion: c.version, mode: c.mode, lang: c.lang, state: c.state, tickets: [],
            events: [{ ticketId: opened.openedTicket!.id, actor: 'bot', kind: 'opened', data: {} }], outbound: [], now: NOW,
          });
          jobs[i].kick();
        }
      }));
      await waitFor(() => receivers.every((r) => r.delivered().length === TICKETS), 30_000, 'every ticket delivered to every receiver');
      await Promise.all(jobs.map((job) => job.stop()));
      for (const r of receivers) {
        const ids = r.delivered().map((d) => d.id);
        expect(new Set(ids).size).toBe(TICKETS); // none twice
        // In order: by audit event id, retries of a 503 included (a failed head holds the rest back).
        expect(ids).toEqual([...ids].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))));
      }
      expect(receivers[2].received.some((r) => r.status === 503)).toBe(true);
      expect((await instances[0].webhooks.listSubscriptions()).map((s) => s.pending)).toEqual([0, 0, 0]);
    } finally {
      await Promise.all(jobs.map((job) => job.stop()));
      for (const stores of instances) await stores.close();
      for (const r of receivers) await r.close();
    }
  });
});
