import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { applyTimeouts } from '../../src/http/server';

/** Keep the event loop busy for `ms`: what a long garbage collection or a slow synchronous step does to a loaded server. */
function stall(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end);
}

/** POST a small body over `agent`; the status, or the client's error code when the connection was dropped. */
function post(port: number, agent: http.Agent): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request({ port, method: 'POST', path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    req.end('x'.repeat(1000));
  });
}

/** A server with the production timeouts that answers "ok" once the body is read; `keepAliveMs` shortens its idle timer. */
async function okServer(keepAliveMs: number): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  applyTimeouts(server, 60_000);
  server.keepAliveTimeout = keepAliveMs;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('keep-alive connections and a stalled event loop', () => {
  test('a request sent on a kept-alive connection before its idle timer ran out is answered even when the loop stalls past it', async () => {
    // Arrange: the server's timeouts, with the keep-alive timer shortened so the stall can be short (Node adds 1 s to it).
    const { server, port } = await okServer(2_000);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await post(port, agent)).toBe(200);

      // Act: the next request goes out at once on the same connection; then the loop stalls past the idle timer,
      // so when it runs again the timer fires before the server has read the waiting request.
      const second = post(port, agent);
      setImmediate(() => stall(4_000));

      // Assert: the waiting request is read and answered, not reset as if the connection had been idle.
      expect(await second).toBe(200);
    } finally {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a kept-alive connection that stays silent is still closed by the server after its idle time', async () => {
    // Arrange: a raw client, which closes nothing by itself.
    const { server, port } = await okServer(100);
    const client = net.connect(port, '127.0.0.1');
    let answer = '';
    client.on('data', (chunk) => (answer += chunk));
    try {
      // Act: one request, then silence.
      client.write('POST / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx');
      await new Promise((resolve) => client.once('close', resolve));

      // Assert: answered, then the server ended the connection.
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      const open = await new Promise<number>((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
      expect(open).toBe(0);
    } finally {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
