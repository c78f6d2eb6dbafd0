import type { KbRating } from '../../src/kb/feedback';
import type { SqliteStore } from '../../src/store/sqlite-store';
import type { Lang } from '../../src/types/conversation';

/** One recorded gap to seed. */
export type SeedGap = { query: string; lang: Lang; at: string; category?: string };

/** Unanswered questions of a realistic week, English and Chinese, through the store's real turn commit. */
export const WEEK_OF_GAPS: SeedGap[] = [
  { query: 'how do I book a meeting room for Friday', lang: 'en', at: '2026-03-02T09:00:00.000Z', category: 'other' },
  { query: 'book meeting room 5F', lang: 'en', at: '2026-03-03T09:00:00.000Z', category: 'other' },
  { query: 'Meeting room booking does not work', lang: 'en', at: '2026-03-04T11:00:00.000Z', category: 'software' },
  { query: '怎么预订会议室？', lang: 'zh', at: '2026-03-04T12:00:00.000Z', category: 'other' },
  { query: '会议室预订不了', lang: 'zh', at: '2026-03-05T02:00:00.000Z', category: 'other' },
  { query: 'the coffee machine leaks, call [phone]', lang: 'en', at: '2026-03-05T09:00:00.000Z', category: 'hardware' },
];

/** Commit each gap as the engine does (a turn with `kbGap`), in its own conversation. */
export async function seedGaps(store: SqliteStore, gaps: readonly SeedGap[]): Promise<void> {
  for (const [i, gap] of gaps.entries()) {
    const accepted = await store.acceptInbound({ ref: { channel: 'webchat', conversationId: `gap${i}`, userId: `gu${i}` }, platformMessageId: `gm${i}`, text: gap.query }, gap.at);
    await store.commitTurn({
      conversationId: accepted.conversationId, expectedVersion: 0, inboundMessageId: accepted.messageId, mode: 'bot', lang: gap.lang,
      state: { phase: 'dialog' }, tickets: [], events: [], outbound: [], now: gap.at,
      kbGap: { query: gap.query, lang: gap.lang, category: gap.category },
    });
  }
}

/** Offers of one article answered "no" `n` times (tickets carrying kb_json), so it is rated poorly. */
export async function seedUnhelpful(store: SqliteStore, id: string, n: number, at: string): Promise<void> {
  const kb: KbRating[] = [{ id, helpful: false }];
  for (let i = 0; i < n; i++) {
    const accepted = await store.acceptInbound({ ref: { channel: 'webchat', conversationId: `poor-${id}-${i}`, userId: `pu${i}` }, platformMessageId: `pm-${id}-${i}`, text: 'help' }, at);
    await store.commitTurn({
      conversationId: accepted.conversationId, expectedVersion: 0, mode: 'bot', lang: 'en', state: {}, events: [], outbound: [], now: at,
      tickets: [{ kind: 'open', draft: {
        type: 'incident', category: 'hardware', impact: 3, urgency: 3, priority: 'P5', summary: 'help', description: 'help', lang: 'en',
        kbArticles: kb, responseDueAt: at, resolveDueAt: at,
      } }],
    });
  }
}
