import { dmEvent } from './helpers/fixtures';
import { postEvent } from './helpers/signed-request';
import { startSlackTestApp, type SlackTestApp } from './helpers/slack-test-app';

/** The outbox rows, straight from the SQLite file. */
function outboxRows(t: SlackTestApp): Array<{ id: number; status: string; attempts: number; next_attempt_at: string; last_error: string | null }> {
  const db = (t.app.store as unknown as { db: { prepare(sql: string): { all(): unknown[] } } }).db;
  return db.prepare('SELECT id, status, attempts, next_attempt_at, last_error FROM outbox ORDER BY id').all() as never;
}

describe('Slack 429 with Retry-After', () => {
  let t: SlackTestApp;
  afterEach(async () => {
    await t.stop();
  });

  it('the outbox does not retry a rate-limited reply before Retry-After, then delivers it', async () => {
    // Arrange: the first reply gets HTTP 429 + Retry-After: 3 (base backoff is 20 ms in these tests).
    t = await startSlackTestApp({}, {}, (api) => api.failNext('chat.postMessage', { status: 429, retryAfter: 3 }));
    // Act
    expect((await postEvent(t.baseUrl, dmEvent('My printer jams on every page', '1700009000.000001'))).status).toBe(200);
    const limited = await t.api.waitFor(() => t.api.callsOf('chat.postMessage')[0]);
    const row = await t.api.waitFor(() => outboxRows(t).find((r) => r.attempts === 1));
    // Assert: the next attempt is planned no earlier than Retry-After, and nothing is sent before it.
    expect(row.status).toBe('pending');
    expect(row.last_error).toContain('rate limited');
    expect(Date.parse(row.next_attempt_at) - limited.at).toBeGreaterThanOrEqual(3000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(t.api.callsOf('chat.postMessage')).toHaveLength(1);
    const retried = await t.api.waitFor(() => t.api.callsOf('chat.postMessage')[1], 10_000);
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(3000);
    expect(String(retried.args.text)).toBe(String(limited.args.text));
  });
});
