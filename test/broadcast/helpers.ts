import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BroadcastStore } from '../../src/broadcast/broadcast-store';
import { SqliteBroadcasts } from '../../src/broadcast/broadcasts';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { ChannelName } from '../../src/types/conversation';

/** A temp folder with a database path; `cleanup` removes it. */
export function tempDb(): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-broadcast-'));
  return { file: path.join(dir, 'fd.db'), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-03-02T09:00:00.000Z') {
  let now = Date.parse(start);
  return { clock: () => new Date(now), advance: (ms: number) => { now += ms; } };
}

/** Users who wrote to the bot, as acceptInbound stores them; `threads` adds a second (threaded) conversation. */
export async function seedUsers(store: SqliteStore, users: { id: string; channel: ChannelName; threads?: boolean }[]): Promise<void> {
  let n = 0;
  for (const u of users) {
    const ref = { channel: u.channel, conversationId: `dm-${u.id}`, userId: u.id };
    await store.acceptInbound({ ref, platformMessageId: `m${++n}`, text: 'hello' }, '2026-03-01T08:00:00.000Z');
    if (u.threads) await store.acceptInbound({ ref: { ...ref, conversationId: 'C-general', threadId: `t-${u.id}` }, platformMessageId: `m${++n}`, text: 'hi' }, '2026-03-01T09:00:00.000Z');
  }
}

/** Outbox rows per conversation id whose message text contains `marker`. */
export function outboxCounts(store: SqliteStore, marker: string): Map<number, number> {
  const rows = store.db.prepare('SELECT conversation_id, count(*) AS n FROM outbox WHERE message_json LIKE ? GROUP BY conversation_id').all(`%${marker}%`) as { conversation_id: number; n: number }[];
  return new Map(rows.map((r) => [r.conversation_id, r.n]));
}

/** The Broadcasts store (async) on a SQLite store's file, as CoreStores builds it. */
export function sqliteBroadcasts(store: SqliteStore): SqliteBroadcasts {
  return new SqliteBroadcasts(new BroadcastStore(store.db));
}
