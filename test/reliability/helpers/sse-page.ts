import http from 'node:http';
import { onSseBlocks } from '../../helpers/sse';

/**
 * A chat page's event stream that survives server restarts the way EventSource does: when the stream
 * ends it reconnects with Last-Event-ID. Every delivery id is counted, so a duplicate is visible.
 */
export class ReconnectingPage {
  /** How often each delivery id arrived on this page. */
  readonly seen = new Map<number, number>();
  private lastId = 0;
  private request: http.ClientRequest | null = null;
  private closed = false;
  reconnects = 0;

  constructor(private readonly url: string, private readonly cookie: string) {}

  open(): void {
    if (this.closed) return;
    const headers: Record<string, string> = { accept: 'text/event-stream', cookie: this.cookie };
    if (this.lastId > 0) headers['last-event-id'] = String(this.lastId);
    const retry = () => {
      this.request = null;
      if (!this.closed) setTimeout(() => { this.reconnects++; this.open(); }, 100);
    };
    const req = http.get(`${this.url}/api/chat/events`, { headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return retry();
      }
      onSseBlocks(res, (block) => this.onBlock(block));
      res.on('close', retry);
      res.on('error', () => undefined);
    });
    req.on('error', retry);
    this.request = req;
  }

  private onBlock(block: string): void {
    const id = /^id: (\d+)$/m.exec(block)?.[1];
    if (!id || !/^event: message$/m.test(block)) return;
    const n = Number(id);
    this.seen.set(n, (this.seen.get(n) ?? 0) + 1);
    this.lastId = Math.max(this.lastId, n);
  }

  close(): void {
    this.closed = true;
    this.request?.destroy();
  }
}
