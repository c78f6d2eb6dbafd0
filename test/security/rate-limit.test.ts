import { createWebchatChannel } from '../../channels/webchat/webchat.channel';
import { createRateLimiter } from '../../src/http/rate-limit';
import { startTestApp } from '../helpers/test-app';
import { fixedTurnDeps } from '../helpers/fixed-deps';

describe('rate limits', () => {
  test('a token bucket allows the burst, refuses the next with a retry time, and refills with time', () => {
    // Arrange
    let now = 0;
    const limiter = createRateLimiter({ burst: 3, perSecond: 1, now: () => now });
    // Act
    const first = [1, 2, 3].map(() => limiter.take('1.2.3.4').ok);
    const refused = limiter.take('1.2.3.4');
    const other = limiter.take('5.6.7.8').ok;
    now += 1000;
    const refilled = limiter.take('1.2.3.4').ok;
    // Assert
    expect(first).toEqual([true, true, true]);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(other).toBe(true);
    expect(refilled).toBe(true);
  });

  test('memory stays bounded: past maxKeys the least recently used key is forgotten', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 1, maxKeys: 100, now: () => 0 });
    for (let i = 0; i < 1000; i++) limiter.take(`ip-${i}`);
    expect(limiter.size).toBe(100);
  });

  test('web chat: per session, then per address, answered 429 with Retry-After before the body is read', async () => {
    // Arrange: small limits so the test is quick.
    const t = await startTestApp({}, {
      channels: [createWebchatChannel({ rateLimits: { perIp: { burst: 8, perSecond: 0.01 }, perSession: { burst: 3, perSecond: 0.01 } } })],
      turnDeps: fixedTurnDeps(),
    });
    try {
      const open = async () => String((await fetch(`${t.url}/api/chat/session`, { method: 'POST' })).headers.get('set-cookie')).split(';')[0];
      const post = (cookie: string, id: string) => fetch(`${t.url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ clientMessageId: id, text: 'printer jam' }) });
      const a = await open();
      // Act
      const session = [];
      for (let i = 0; i < 4; i++) session.push((await post(a, `a${i}`)).status);
      const b = await open();
      const address = [];
      for (let i = 0; i < 4; i++) address.push(await post(b, `b${i}`));
      // Assert: 3 per session; the address bucket (8: 2 session opens + 6 posts) runs out on b's 3rd post.
      expect(session).toEqual([202, 202, 202, 429]);
      expect(address.map((r) => r.status)).toEqual([202, 202, 429, 429]);
      expect(Number(address[3].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await address[3].json()).error).toMatch(/too many requests/);
    } finally {
      await t.stop();
    }
  });
});
