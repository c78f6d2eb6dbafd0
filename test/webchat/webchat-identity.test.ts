import http from 'node:http';
import { createWebchatChannel, webchatConfigFrom } from '../../channels/webchat/webchat.channel';
import { chatSession, openSse } from '../helpers/sse';
import { fixedTurnDeps } from '../helpers/fixed-deps';
import { startTestApp, waitFor } from '../helpers/test-app';

const start = (env: Record<string, string> = {}) =>
  startTestApp(env, { channelFactories: [(config) => createWebchatChannel(webchatConfigFrom(config))], turnDeps: fixedTurnDeps() });

const cookieOf = (res: Response) => String(res.headers.get('set-cookie')).split(';')[0];
const post = (url: string, cookie: string, text = 'printer jam', id = 'm1') =>
  fetch(`${url}/api/chat/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ clientMessageId: id, text }) });

/** Raw GET of the stream: status, headers and whatever arrives until the server closes it (or `forMs`). */
function rawStream(url: string, cookie: string, forMs: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/chat/events`, { headers: { cookie }, agent: false }, (res) => {
      let body = '';
      const timer = setTimeout(() => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, closedByServer: false });
      }, forMs);
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, closedByServer: true });
      });
    });
    req.on('error', reject);
  });
}

describe('web chat identity', () => {
  test('a client-chosen session id is never adopted (fixation): new id issued, posts and streams refused', async () => {
    const t = await start();
    try {
      const chosen = `fd_chat=${'A'.repeat(44)}`;
      const res = await fetch(`${t.url}/api/chat/session`, { method: 'POST', headers: { cookie: chosen } });
      expect(cookieOf(res)).not.toBe(chosen);
      expect(cookieOf(res)).toMatch(/^fd_chat=[A-Za-z0-9_-]{44}$/);
      expect((await post(t.url, chosen)).status).toBe(401);
      const stream = await rawStream(t.url, chosen, 2000);
      expect([stream.status, stream.headers.connection, stream.closedByServer]).toEqual([401, 'close', true]);
      // The server's own session works, and asking again keeps it.
      const issued = cookieOf(res);
      expect((await post(t.url, issued)).status).toBe(202);
      expect(cookieOf(await fetch(`${t.url}/api/chat/session`, { method: 'POST', headers: { cookie: issued } }))).toBe(issued);
    } finally {
      await t.stop();
    }
  });

  test('two different session cookies (cookie tossing) are refused rather than the first one used', async () => {
    const t = await start();
    try {
      const victim = await chatSession(t.url);
      const attacker = await chatSession(t.url);
      const both = `${attacker.cookie}; ${victim.cookie}`;
      expect((await post(t.url, both)).status).toBe(401);
      expect((await rawStream(t.url, both, 2000)).status).toBe(401);
      expect((await post(t.url, `${victim.cookie}; ${victim.cookie}`)).status).toBe(202);
    } finally {
      await t.stop();
    }
  });

  test('under an https PUBLIC_URL: __Host- cookie, Secure, HttpOnly, SameSite=Strict, and HSTS on every answer', async () => {
    const t = await start({ PUBLIC_URL: 'https://desk.example.com' });
    const plain = await start();
    try {
      const res = await fetch(`${t.url}/api/chat/session`, { method: 'POST' });
      const cookie = String(res.headers.get('set-cookie'));
      expect(cookie).toMatch(/^__Host-fd_chat=[A-Za-z0-9_-]{44}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=2592000; Secure$/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
      expect((await fetch(`${t.url}/healthz`)).headers.get('strict-transport-security')).toMatch(/max-age/);
      expect((await post(t.url, cookie.split(';')[0])).status).toBe(202);
      const plainRes = await fetch(`${plain.url}/api/chat/session`, { method: 'POST' });
      expect(String(plainRes.headers.get('set-cookie'))).not.toMatch(/Secure/);
      expect(plainRes.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await t.stop();
      await plain.stop();
    }
  });

  test('End chat clears the cookie and closes the session\'s open streams', async () => {
    const t = await start();
    try {
      const chat = await chatSession(t.url);
      const live = chat.events();
      expect(await live.opened).toBe(200);
      let closed = false;
      live.onClose(() => (closed = true));
      const end = await fetch(`${t.url}/api/chat/end`, { method: 'POST', headers: { cookie: chat.cookie } });
      expect(end.status).toBe(200);
      expect(String(end.headers.get('set-cookie'))).toMatch(/^fd_chat=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
      await waitFor(() => closed, 3000, 'stream closed');
    } finally {
      await t.stop();
    }
  });

  test('streams: per-session cap, keep-alive comments, idle streams closed; refusals counted in /metrics', async () => {
    const t = await start({ STREAMS_PER_SESSION: '2', STREAM_KEEPALIVE_SECONDS: '1', STREAM_IDLE_SECONDS: '3' });
    try {
      const chat = await chatSession(t.url);
      const first = rawStream(t.url, chat.cookie, 10_000);
      const second = openSse(`${t.url}/api/chat/events`, { cookie: chat.cookie });
      expect(await second.opened).toBe(200);
      const third = await rawStream(t.url, chat.cookie, 2000);
      expect([third.status, third.headers.connection]).toEqual([429, 'close']);
      // The first stream gets pings, then is closed for idleness (no event for 3 s).
      const idle = await first;
      expect(idle.body).toMatch(/: ping/);
      expect(idle.closedByServer).toBe(true);
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      expect(metrics).toMatch(/frontdesk_stream_refusals_total\{reason="session",frontdesk_instance="[^"]+"\} 1/);
      second.close();
    } finally {
      await t.stop();
    }
  }, 20_000);

  test('/healthz says degraded near the overall stream cap', async () => {
    const t = await start({ STREAMS_MAX: '2' });
    try {
      const chat = await chatSession(t.url);
      expect((await (await fetch(`${t.url}/healthz`)).json()).status).toBe('ok');
      const streams = [chat.events(), chat.events()];
      await Promise.all(streams.map((s) => s.opened));
      expect(await (await fetch(`${t.url}/healthz`)).json()).toMatchObject({ status: 'degraded', streams: { open: 2, max: 2 } });
      expect((await rawStream(t.url, chat.cookie, 2000)).status).toBe(503);
      streams.forEach((s) => s.close());
    } finally {
      await t.stop();
    }
  });
});
