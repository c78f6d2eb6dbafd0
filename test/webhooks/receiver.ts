import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got. */
export type Received = { headers: http.IncomingHttpHeaders; body: string; status: number };

/** A local webhook receiver; `answer` decides each status (default 204). */
export async function startReceiver(answer: (n: number, body: string) => number = () => 204) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = answer(received.length, body);
      received.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    /** Bodies answered 2xx, parsed. */
    delivered: () => received.filter((r) => r.status < 300).map((r) => ({ id: String(r.headers['webhook-id']), ...JSON.parse(r.body) })),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
