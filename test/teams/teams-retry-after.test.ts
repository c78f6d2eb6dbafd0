import { fixture, type TeamsHarness } from './helpers/teams-test-app';
import { useTeamsHarness } from './helpers/use-teams-harness';

/** The outbox rows, straight from the SQLite file. */
function outboxRows(h: TeamsHarness): Array<{ status: string; attempts: number; next_attempt_at: string; last_error: string | null }> {
  const db = (h.app.store as unknown as { db: { prepare(sql: string): { all(): unknown[] } } }).db;
  return db.prepare('SELECT status, attempts, next_attempt_at, last_error FROM outbox ORDER BY id').all() as never;
}

describe('Teams 429 with Retry-After', () => {
  const h = useTeamsHarness();

  test('the outbox waits the connector\'s Retry-After before the next attempt', async () => {
    // Arrange: every post answered 429 + Retry-After: 2, more times than the connector client retries by itself.
    h.connector.throttleSeconds = 2;
    h.connector.throttleNext = 10;
    await h.post(fixture('personal-message', {}, h.connector.serviceUrl));
    // Act
    await h.settle();
    // Assert
    const posts = h.connector.posted();
    const last = posts[posts.length - 1];
    const [row] = outboxRows(h);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('429');
    expect(Date.parse(row.next_attempt_at) - last.at).toBeGreaterThanOrEqual(2000);
    // A drain before that time sends nothing; the platform answers again afterwards and the reply goes out once.
    h.connector.throttleNext = 0;
    await h.app.dispatcher.drainDue();
    expect(h.connector.posted()).toHaveLength(posts.length);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(row.next_attempt_at) - Date.now() + 50));
    await h.app.dispatcher.drainDue();
    expect(h.connector.posted()).toHaveLength(posts.length + 1);
    expect(outboxRows(h)[0].status).toBe('sent');
  });
});
