import type { IncomingMessage } from 'node:http';
import { createWebchatChannel, webchatConfigFrom } from '../../channels/webchat/webchat.channel';
import { parseTrustProxy, resolveClient } from '../../src/http/client-address';
import { parseConfig } from '../../src/config';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp } from '../helpers/test-app';

const req = (peer: string, xff?: string, proto?: string) =>
  ({ socket: { remoteAddress: peer }, headers: { ...(xff ? { 'x-forwarded-for': xff } : {}), ...(proto ? { 'x-forwarded-proto': proto } : {}) } }) as unknown as IncomingMessage;

describe('TRUST_PROXY', () => {
  test('no trust: the TCP peer is the client whatever the headers say', () => {
    expect(resolveClient(req('10.0.0.5', '1.2.3.4', 'https'), parseTrustProxy(''))).toEqual({ address: '10.0.0.5', https: false });
  });

  test('a hop count takes the address the last N proxies saw; what the client wrote further left is ignored', () => {
    const one = parseTrustProxy('1');
    expect(resolveClient(req('10.0.0.5', '203.0.113.7', 'https'), one)).toEqual({ address: '203.0.113.7', https: true });
    // The client sent its own X-Forwarded-For: the proxy appended the real address after it.
    expect(resolveClient(req('10.0.0.5', '6.6.6.6, 203.0.113.7'), one).address).toBe('203.0.113.7');
    expect(resolveClient(req('10.0.0.5', '6.6.6.6, 203.0.113.7, 10.0.0.9'), parseTrustProxy('2')).address).toBe('203.0.113.7');
  });

  test('a CIDR list trusts only those peers, skipping trusted hops from the right; IPv4-mapped peers match', () => {
    const list = parseTrustProxy('10.0.0.0/8, 192.168.1.1');
    expect(resolveClient(req('::ffff:10.1.2.3', '6.6.6.6, 203.0.113.7, 192.168.1.1', 'https'), list)).toEqual({ address: '203.0.113.7', https: true });
    // A peer outside the list is the client itself, and its headers are not believed.
    expect(resolveClient(req('198.51.100.2', '1.1.1.1', 'https'), list)).toEqual({ address: '198.51.100.2', https: false });
    expect(() => parseConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  test('behind a trusted proxy each user has their own rate bucket and the cookie is Secure over https; limits come from the env', async () => {
    const env = { TRUST_PROXY: '127.0.0.1/32,::1', RATE_LIMIT_CHAT_PER_ADDRESS: '2/0.01' };
    const t = await startTestApp(env, { channelFactories: [(config) => createWebchatChannel(webchatConfigFrom(config))], turnDeps: fixedTurnDeps() });
    const untrusted = await startTestApp({ RATE_LIMIT_CHAT_PER_ADDRESS: '2/0.01' }, { channelFactories: [(config) => createWebchatChannel(webchatConfigFrom(config))], turnDeps: fixedTurnDeps() });
    try {
      const open = (url: string, ip: string) => fetch(`${url}/api/chat/session`, { method: 'POST', headers: { 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' } });
      const a = [await open(t.url, '203.0.113.1'), await open(t.url, '203.0.113.1'), await open(t.url, '203.0.113.1')].map((r) => r.status);
      const b = (await open(t.url, '203.0.113.2')).status;
      expect(a).toEqual([200, 200, 429]);
      expect(b).toBe(200);
      expect(String((await open(t.url, '203.0.113.3')).headers.get('set-cookie'))).toMatch(/; Secure/);
      // Without TRUST_PROXY the header is ignored: one bucket for everyone, and no Secure from a header.
      const shared = [await open(untrusted.url, '203.0.113.1'), await open(untrusted.url, '203.0.113.2'), await open(untrusted.url, '203.0.113.3')];
      expect(shared.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(String(shared[0].headers.get('set-cookie'))).not.toMatch(/Secure/);
    } finally {
      await t.stop();
      await untrusted.stop();
    }
  });
});
