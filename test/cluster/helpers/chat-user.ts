import http from 'node:http';
import { onSseBlocks } from '../../helpers/sse';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A web chat page's event stream that behaves like the page's EventSource: when the stream ends (its
 * instance died) it reconnects through the proxy with Last-Event-ID. Every reply (`event: message`, id =
 * outbox id) is counted as it arrives, before the page's own de-duplication, so a repeat is visible.
 */
export class ChatStream {
  /** How often each reply id arrived, and when it first did. */
  readonly seen = new Map<number, number>();
  readonly firstSeenAt = new Map<number, number>();
  reconnects = 0;
  /** Why streams ended: HTTP status of a refused open, 'ended' for a stream the server or proxy closed, 'error'. */
  readonly endings = new Map<string, number>();
  private lastId = 0;
  private request: http.ClientRequest | null = null;
  private closed = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly base: string, private readonly cookie: string) {}

  open(): void {
    if (this.closed) return;
    const headers: Record<string, string> = { accept: 'text/event-stream', cookie: this.cookie };
    if (this.lastId > 0) headers['last-event-id'] = String(this.lastId);
    let retried = false;
    const retry = (why: string) => {
      if (retried) return;
      this.endings.set(why, (this.endings.get(why) ?? 0) + 1);
      retried = true;
      this.request = null;
      if (!this.closed) setTimeout(() => { this.reconnects++; this.open(); }, 200).unref();
    };
    const req = http.get(`${this.base}/api/chat/events`, { headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return retry(String(res.statusCode));
      }
      onSseBlocks(res, (block) => this.onBlock(block));
      res.on('close', () => retry('ended'));
      res.on('error', () => undefined);
    });
    req.on('error', () => retry('error'));
    this.request = req;
  }

  /** Number of distinct replies seen so far. */
  get replies(): number {
    return this.seen.size;
  }

  /** Resolves once more than `count` distinct replies were seen, or after `timeoutMs` (false). */
  async waitForMoreThan(count: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.seen.size <= count) {
      if (Date.now() > deadline) return false;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 250).unref();
      });
    }
    return true;
  }

  private onBlock(block: string): void {
    const id = /^id: (\d+)$/m.exec(block)?.[1];
    if (!id || !/^event: message$/m.test(block)) return;
    const n = Number(id);
    this.seen.set(n, (this.seen.get(n) ?? 0) + 1);
    if (!this.firstSeenAt.has(n)) this.firstSeenAt.set(n, Date.now());
    this.lastId = Math.max(this.lastId, n);
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  close(): void {
    this.closed = true;
    this.request?.destroy();
  }
}

/**
 * POST until the proxy gives a 2xx: connection errors, 502/503/504 and 429 mean "an instance is down or
 * busy, try again" (the same clientMessageId, so a retry of a POST that did land is stored once).
 */
export async function deliver(send: () => Promise<Response>, counter: { retried: number; refused?: Record<number, number> }, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await send();
      if (res.status >= 200 && res.status < 300) return res;
      // Refusals by status, when the caller counts them (503: the database is down, 502: no instance).
      if (counter.refused) counter.refused[res.status] = (counter.refused[res.status] ?? 0) + 1;
      await res.arrayBuffer();
      if (res.status < 500 && res.status !== 429) throw new Error(`refused with ${res.status}`);
    } catch (error) {
      if ((error as Error).message.startsWith('refused')) throw error;
    }
    if (Date.now() > deadline) throw new Error(`gave up delivering after ${timeoutMs / 1000} s`);
    counter.retried++;
    await sleep(100);
  }
}
