import { StorageUnavailableError } from '../../src/store/storage-health';
import { dmEvent } from '../slack/helpers/fixtures';
import { postEvent } from '../slack/helpers/signed-request';
import { storedInbound, useSlackTestApp } from '../slack/helpers/slack-test-app';

// Found by cluster-postgres-restart: Slack DMs posted while PostgreSQL restarted were acknowledged and never stored.
describe('a Slack message arriving while the database cannot store it', () => {
  const t = useSlackTestApp();

  test('is refused with 503 (Slack retries it), not acknowledged and dropped as a bad payload; the retry is stored once', async () => {
    // Arrange: the next store of a message fails as it does while PostgreSQL is down.
    const accept = jest.spyOn(t.app.engine, 'accept').mockRejectedValueOnce(new StorageUnavailableError(new Error('connect ECONNREFUSED')));
    const event = dmEvent('My laptop will not turn on', '1700000000.000100');
    // Act
    const first = await postEvent(t.baseUrl, event);
    const retry = await postEvent(t.baseUrl, event, { retryNum: 1 });
    await t.app.engine.idle();
    // Assert
    expect(first.status).toBe(503);
    expect(retry.status).toBe(200);
    expect(accept).toHaveBeenCalledTimes(2);
    expect(storedInbound(t.app)).toBe(1);
  });
});
