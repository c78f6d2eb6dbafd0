import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config';
import { openCoreStores } from '../store/open-core-stores';
import type { Store } from '../store/store';

/**
 * Turns per second through the Store alone (accept the message, then commit a turn that opens a ticket and
 * queues a reply), one at a time and with `parallel` conversations at once, as several webhooks would; then
 * parallel turns that open no ticket (a ticket-opening turn holds the numbering counter's lock until commit).
 * On the SQLite file of a temp folder, or on DATABASE_URL's PostgreSQL, which must be empty (it is written to).
 * Prints one JSON object. `npm run bench:store` (build first).
 */
export async function measureStoreCommits(env: NodeJS.ProcessEnv, turns = 2000, parallel = 8): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-store-bench-'));
  const config = loadConfig({ ...env, DATABASE_PATH: path.join(dir, 'bench.db') }, dir);
  const stores = await openCoreStores(config);
  try {
    if (await stores.store.getTicketByNumber('INC-000001')) throw new Error('the database has tickets: point DATABASE_URL at an empty database');
    let next = 0;
    const one = async (store: Store, opensTicket = true) => {
      const n = next++;
      const now = new Date(Date.parse('2026-03-02T09:00:00.000Z') + n).toISOString();
      const accepted = await store.acceptInbound({ ref: { channel: 'webchat', conversationId: `c${n}`, userId: `u${n % 500}` }, platformMessageId: `m${n}`, text: 'my laptop is broken' }, now);
      await store.commitTurn({
        conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: 'en', state: { phase: 'ticket_open' },
        tickets: !opensTicket ? [] : [{ kind: 'open', draft: { type: 'incident', category: 'hardware', impact: 3, urgency: 2, priority: 'P4', summary: 'Laptop broken', description: 'My laptop is broken', lang: 'en', responseDueAt: now, resolveDueAt: now } }],
        events: opensTicket ? [{ ticketId: 'new', actor: 'bot', kind: 'opened', data: {} }] : [], outbound: [{ kind: 'text', text: 'Logged as {ticket}.' }], now,
      });
    };
    const timed = async (run: () => Promise<void>) => {
      const started = process.hrtime.bigint();
      await run();
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    const sequential = await timed(async () => {
      for (let i = 0; i < turns; i++) await one(stores.store);
    });
    const concurrent = await timed(async () => {
      await Promise.all(Array.from({ length: parallel }, async () => {
        while (next < 2 * turns) await one(stores.store);
      }));
    });
    // Most turns open no ticket: they do not wait for the numbering counter's row lock.
    const replyOnly = await timed(async () => {
      await Promise.all(Array.from({ length: parallel }, async () => {
        while (next < 3 * turns) await one(stores.store, false);
      }));
    });
    return {
      database: stores.kind, turns, parallel,
      sequentialTurnsPerSecond: Math.round(turns / sequential),
      parallelTurnsPerSecond: Math.round(turns / concurrent),
      parallelReplyOnlyTurnsPerSecond: Math.round(turns / replyOnly),
      perTurnMs: Math.round((sequential / turns) * 1000 * 100) / 100,
    };
  } finally {
    await stores.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  measureStoreCommits(process.env).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error) => {
      process.stderr.write(`bench:store: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
