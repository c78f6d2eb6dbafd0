import type { KbHit } from '../../src/engine/turn-types';
import type { InboundMessage } from '../../src/types/conversation';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp } from '../helpers/test-app';

type GapRow = { conversation_id: number; channel: string; lang: string; query: string; category: string | null; at: string };

const msg = (id: string, user: string, text: string): InboundMessage => ({
  ref: { channel: 'webchat', conversationId: `web:${user}`, userId: user },
  platformMessageId: id,
  text,
});

async function gapsAfter(messages: InboundMessage[], deps?: ReturnType<typeof fixedTurnDeps>): Promise<GapRow[]> {
  const t = await startTestApp({}, { dispatch: false, ...(deps ? { turnDeps: deps } : {}) });
  try {
    for (const m of messages) await t.app.engine.receive(m);
    const db = (t.app.store as unknown as { db: import('better-sqlite3').Database }).db;
    return db.prepare('SELECT * FROM kb_gaps ORDER BY id').all() as GapRow[];
  } finally {
    await t.stop();
  }
}

const hit: KbHit = { id: 'printer-offline', title: 'Printer shows offline', excerpt: 'Untick Use Printer Offline.', url: 'http://x/kb/printer-offline' };

describe('knowledge gaps are recorded in the turn commit', () => {
  test('an intake whose search offers nothing records the question, redacted, with language, area, channel and time', async () => {
    const gaps = await gapsAfter([msg('m1', 'ana', 'The coffee machine on floor 3 leaks, call me on +86 138 0013 8000 or mail ana.lima@example.com')],
      fixedTurnDeps({ category: 'hardware' }, []));

    expect(gaps).toEqual([{
      id: 1, conversation_id: 1, channel: 'webchat', lang: 'en', category: 'hardware', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      query: 'The coffee machine on floor 3 leaks, call me on [phone] or mail [email]',
    }]);
  });

  test('no gap when an article was offered, for security reports and P1 outages (never searched), or for a "talk to a human"', async () => {
    expect(await gapsAfter([msg('m1', 'ana', 'my printer shows offline')], fixedTurnDeps({}, [hit]))).toEqual([]);
    expect(await gapsAfter([msg('m1', 'ana', 'I clicked a link in a strange mail')], fixedTurnDeps({ category: 'security' }, []))).toEqual([]);
    expect(await gapsAfter([msg('m1', 'ana', 'the whole office is offline')], fixedTurnDeps({ priority: 'P1' }, []))).toEqual([]);
    expect(await gapsAfter([msg('m1', 'ana', 'talk to a human')], fixedTurnDeps({}, []))).toEqual([]);
  });

  test('with the real knowledge base: a Chinese question nothing answers is a gap, a covered one is not', async () => {
    const gaps = await gapsAfter([
      msg('m1', 'ana', '食堂的咖啡机漏水了，谁来修？'),
      msg('m2', 'bo', 'my printer shows offline and will not print'),
    ]);

    expect(gaps.map((g) => ({ lang: g.lang, query: g.query }))).toEqual([{ lang: 'zh', query: '食堂的咖啡机漏水了，谁来修？' }]);
  });
});
