import { dmEvent } from './helpers/fixtures';
import { postEvent } from './helpers/signed-request';
import { storedInbound, useSlackTestApp } from './helpers/slack-test-app';

describe('Slack acknowledgement and the group commit', () => {
  const t = useSlackTestApp();

  it('a batch whose commit fails answers none of its requests 200 and stores none of them; their retries are stored once each', async () => {
    // Arrange: group commits run their inserts, then fail before COMMIT: all rolled back.
    // The store's private group-commit methods, replaced for this test only.
    const store = t.app.store as unknown as { write<T>(fn: () => T): T; flushAccepts(): void };
    const flush = store.flushAccepts.bind(store);
    const write = store.write.bind(store);
    let failing = true;
    store.flushAccepts = () => {
      if (!failing) return flush();
      store.write = <T>(fn: () => T): T => write(() => {
        fn();
        throw new Error('the commit failed');
      });
      try {
        flush();
      } finally {
        store.write = write;
      }
    };
    const first = dmEvent('My laptop will not turn on', '1700000900.000100');
    const second = dmEvent('VPN drops every hour', '1700000900.000200', 'U0BOB', 'D0BOBDM');
    // Act: two DMs at once (one group commit when they arrive in the same event-loop turn), while commits fail.
    const failed = await Promise.all([postEvent(t.baseUrl, first), postEvent(t.baseUrl, second)]);
    failing = false;
    // Assert: neither acknowledged, nothing half-stored.
    expect(failed.map((r) => r.status >= 500)).toEqual([true, true]);
    expect(storedInbound(t.app)).toBe(0);
    // Slack retries both: stored now, each once; a second retry of the first is acknowledged without a second copy.
    const retried = await Promise.all([postEvent(t.baseUrl, first, { retryNum: 1 }), postEvent(t.baseUrl, second, { retryNum: 1 })]);
    expect(retried.map((r) => r.status)).toEqual([200, 200]);
    expect((await postEvent(t.baseUrl, first, { retryNum: 2 })).status).toBe(200);
    expect(storedInbound(t.app)).toBe(2);
  });
});
