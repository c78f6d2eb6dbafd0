import net from 'node:net';

/** Responses counted by status, and requests that got no answer (connection error or closed). */
export type OpenLoopCounts = { sent: number; byStatus: Record<number, number>; failed: number };

/** Milliseconds between two sends: each tick sends what the clock says is due, in one write per connection. */
const TICK_MS = 2;

/**
 * An open-loop HTTP/1.1 load generator that costs the bench machine little: requests are written at a fixed
 * rate whether or not earlier ones were answered (a closed loop would slow down with the server and hide
 * overload), over a few keep-alive connections with pipelining, from ready-made request text; responses are
 * only read far enough to count their status. node:http spends several times more CPU per request, and on a
 * two-core machine that CPU is taken from the server under test.
 */
export class OpenLoopClient {
  readonly counts: OpenLoopCounts = { sent: 0, byStatus: {}, failed: 0 };
  private readonly connections: Connection[];

  constructor(host: string, port: number, connections: number) {
    this.connections = Array.from({ length: connections }, () => new Connection(host, port, this.counts));
  }

  /** Send `rate` requests a second for `seconds`; `request(i)` gives the i-th request's full text. */
  async run(rate: number, seconds: number, request: (i: number) => string): Promise<OpenLoopCounts> {
    const started = performance.now();
    let next = 0;
    for (;;) {
      const elapsed = performance.now() - started;
      // Catch up with the clock: timers fire late on a busy machine, the offered rate must not drop with them.
      const due = Math.floor((rate * Math.min(elapsed, seconds * 1000)) / 1000);
      const batches: string[][] = this.connections.map(() => []);
      for (; next < due; next++) batches[next % this.connections.length].push(request(next));
      batches.forEach((batch, i) => batch.length > 0 && this.connections[i].write(batch));
      if (elapsed >= seconds * 1000) break;
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    return this.counts;
  }

  /** Wait up to `timeoutMs` for the answers still outstanding, then close every connection. */
  async close(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.connections.some((c) => c.outstanding > 0) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const c of this.connections) c.close();
  }
}

/** One keep-alive connection: pipelined writes, responses counted as they complete. */
class Connection {
  outstanding = 0;
  private readonly socket: net.Socket;
  private buffer = '';
  private closed = false;

  constructor(host: string, port: number, private readonly counts: OpenLoopCounts) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.setEncoding('latin1');
    this.socket.on('data', (chunk: string) => this.read(chunk));
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => {
      this.counts.failed += this.outstanding;
      this.outstanding = 0;
      this.closed = true;
    });
  }

  write(requests: string[]): void {
    this.counts.sent += requests.length;
    if (this.closed) return void (this.counts.failed += requests.length);
    this.outstanding += requests.length;
    this.socket.write(requests.join(''), 'latin1');
  }

  close(): void {
    this.socket.destroy();
  }

  /** Complete responses off the front of the buffer: status line, headers, then a Content-Length body. */
  private read(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(this.buffer.slice(0, headerEnd));
      const end = headerEnd + 4 + (length ? Number(length[1]) : 0);
      if (this.buffer.length < end) return;
      const status = Number(this.buffer.slice(9, 12));
      this.counts.byStatus[status] = (this.counts.byStatus[status] ?? 0) + 1;
      this.outstanding -= 1;
      this.buffer = this.buffer.slice(end);
    }
  }
}
