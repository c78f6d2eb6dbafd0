import { dmEvent, fixture } from './helpers/fixtures';
import { postEvent, postInteraction, signature } from './helpers/signed-request';
import { storedInbound, useSlackTestApp } from './helpers/slack-test-app';

describe('Slack request verification (HMAC signature, 5-minute window)', () => {
  const t = useSlackTestApp();

  const now = () => Math.floor(Date.now() / 1000);
  const event = () => dmEvent('please reset my password', '1700000900.000100');

  it.each([
    ['signed with another secret', { secret: 'not-the-signing-secret' }],
    ['a tampered signature', { signatureHeader: `v0=${'0'.repeat(64)}` }],
    ['an unknown signature version', { signatureHeader: 'v1=abc' }],
    ['a replay older than five minutes (correctly signed)', { timestamp: now() - 6 * 60 }],
    ['a timestamp more than five minutes ahead (correctly signed)', { timestamp: now() + 6 * 60 }],
  ])('refuses an event %s with 401 and stores nothing', async (_name, options) => {
    // Act
    const res = await postEvent(t.baseUrl, event(), options);
    await t.app.engine.idle();
    // Assert
    expect(res.status).toBe(401);
    expect(storedInbound(t.app)).toBe(0);
    expect(t.api.callsOf('users.info')).toHaveLength(0);
  });

  it('refuses a body changed after signing', async () => {
    // Arrange: sign one body, send another.
    const ts = now();
    const signed = JSON.stringify(event());
    const sent = signed.replace('reset my password', 'give me admin rights');
    // Act
    const res = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(signed, ts) },
      body: sent,
    });
    // Assert
    expect(res.status).toBe(401);
    expect(storedInbound(t.app)).toBe(0);
  });

  it('refuses unsigned requests and forged button clicks', async () => {
    // Act
    const unsigned = await fetch(`${t.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event()) });
    const forgedClick = await postInteraction(t.baseUrl, fixture('block-actions'), { secret: 'forged' });
    // Assert
    expect([unsigned.status, forgedClick.status]).toEqual([401, 401]);
    expect(storedInbound(t.app)).toBe(0);
  });

  it('accepts the same event correctly signed now (the refusals above were the signature, not the payload)', async () => {
    // Act
    const res = await postEvent(t.baseUrl, event());
    // Assert
    expect(res.status).toBe(200);
    expect(storedInbound(t.app)).toBe(1);
  });
});
