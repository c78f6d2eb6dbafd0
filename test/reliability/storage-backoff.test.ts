import type { ChannelAdapter } from '../../src/types/channel';
import type { InboundMessage } from '../../src/types/conversation';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp, waitFor } from '../helpers/test-app';

const terminal: ChannelAdapter = {
  name: 'terminal',
  capabilities: { buttons: false, cards: false, threads: false, forms: false, maxTextLength: 4000, markdown: 'plain' },
  start: async () => {},
  stop: async () => {},
  send: async () => {},
};

const msg = (id: string, text: string, user = 'ana'): InboundMessage => ({
  ref: { channel: 'terminal', conversationId: `term:${user}`, userId: user },
  platformMessageId: id,
  text,
});

describe('the database refuses writes (SQLITE_FULL through PRAGMA max_page_count)', () => {
  test('turns back off instead of looping, clients get 503, /healthz is unhealthy, and it recovers when space returns', async () => {
    // Arrange: a working app, then a database that may not grow by one more page.
    const t = await startTestApp({}, { channels: [terminal], turnDeps: fixedTurnDeps() });
    try {
      await t.app.engine.receive(msg('m0', 'my laptop will not boot'));
      const commits = jest.spyOn(t.app.store, 'commitTurn');
      const pages = Number(t.app.sqliteStore().db.pragma('page_count', { simple: true }));
      t.app.sqliteStore().db.pragma(`max_page_count = ${pages}`);

      // Act: messages (several users, long texts) until the store refuses one.
      let refused: unknown = null;
      for (let i = 1; i <= 500 && !refused; i++) {
        await t.app.engine.accept(msg(`m${i}`, `detail ${i} `.repeat(200), `user${i % 7}`)).catch((error) => (refused = error));
      }
      const accepted = commits.mock.calls.length;
      await new Promise((r) => setTimeout(r, 2000));
      const turnsIn2s = commits.mock.calls.length - accepted;
      const health = await fetch(`${t.url}/healthz`);

      // Assert: a 503 error, unhealthy, and at most a few retries in two seconds (not hundreds).
      expect(refused).toMatchObject({ status: 503 });
      expect(health.status).toBe(503);
      expect(t.app.sqliteStore().health.healthy).toBe(false);
      expect(turnsIn2s).toBeLessThanOrEqual(3);

      // Act: space returns.
      t.app.sqliteStore().db.pragma('max_page_count = 1073741823');

      // Assert: healthy again by itself and every stored message answered (none lost, none left pending).
      await waitFor(() => t.app.sqliteStore().health.healthy, 15_000, 'the database to be writable again');
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
      await waitFor(async () => (await t.app.store.pendingInbound(10)).length === 0, 15_000, 'pending turns to be answered');
      expect((await t.app.engine.accept(msg('after', 'thanks'))).status).toBe('accepted');
    } finally {
      await t.stop();
    }
  }, 60_000);
});
