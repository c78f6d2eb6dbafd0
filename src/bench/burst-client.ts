import { Worker } from 'node:worker_threads';

/** One request of a burst, as a platform would post it. */
export type BurstRequest = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };

/** Per request, in the order given: milliseconds from writing it to the end of its answer, and the status. */
export type BurstResult = { latencies: number[]; statuses: number[] };

/**
 * Send `requests` to 127.0.0.1:`port` all at once, one keep-alive connection each, from a worker thread, and
 * time each answer. Every connection is opened and warmed first (GET /healthz), and every request is
 * serialised before the clock starts: the burst then measures the server, not TCP handshakes or the
 * client's own HTTP machinery. The same client serves the channel benches and their bare-Node floors.
 */
export async function burst(port: number, requests: BurstRequest[]): Promise<BurstResult> {
  const raw = requests.map(serialise);
  const worker = new Worker(CLIENT_SOURCE, { eval: true, workerData: { port, raw } });
  try {
    const results = await new Promise<Array<{ ms: number; status: number }>>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    return { latencies: results.map((r) => r.ms), statuses: results.map((r) => r.status) };
  } finally {
    await worker.terminate();
  }
}

function serialise(request: BurstRequest): string {
  const body = request.body ?? '';
  const headers = { ...request.headers, 'content-length': String(Buffer.byteLength(body)) };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `${request.method} ${request.path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: keep-alive\r\n${lines}\r\n${body}`;
}

// Plain JavaScript: a worker started with `eval` is not compiled by TypeScript. An answer ends after its
// headers plus content-length bytes, or at the last chunk of a chunked body.
const CLIENT_SOURCE = `
const net = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const { port, raw } = workerData;
const WARM = 'GET /healthz HTTP/1.1\\r\\nhost: 127.0.0.1\\r\\nconnection: keep-alive\\r\\n\\r\\n';
function complete(buf) {
  const end = buf.indexOf('\\r\\n\\r\\n');
  if (end < 0) return null;
  const head = buf.subarray(0, end).toString('latin1');
  const length = /\\r\\ncontent-length: *(\\d+)/i.exec(head);
  if (length) return buf.length >= end + 4 + Number(length[1]) ? Number(head.slice(9, 12)) : null;
  if (/\\r\\ntransfer-encoding: *chunked/i.test(head)) return buf.includes('0\\r\\n\\r\\n', end + 4) ? Number(head.slice(9, 12)) : null;
  return Number(head.slice(9, 12));
}
function exchange(socket, request) {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const started = process.hrtime.bigint();
    const onData = (chunk) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      const status = complete(buf);
      if (status === null) return;
      socket.off('data', onData);
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(request);
  });
}
const open = () => new Promise((resolve, reject) => {
  const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
  socket.setNoDelay(true);
  socket.once('error', reject);
});
(async () => {
  const sockets = await Promise.all(raw.map(open));
  await Promise.all(sockets.map((s) => exchange(s, WARM)));
  const buffers = raw.map((r) => Buffer.from(r));
  const results = await Promise.all(sockets.map((s, i) => exchange(s, buffers[i])));
  for (const s of sockets) s.destroy();
  parentPort.postMessage(results);
})().catch((error) => { throw error; });
`;
