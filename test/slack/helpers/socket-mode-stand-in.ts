import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One connection the app opened, and what it sent on it (acks: envelope_id and payload). */
export type StandInConnection = { ws: WebSocket; acks: Array<{ envelope_id: string; payload?: unknown }>; open: boolean };

/**
 * A local stand-in of Slack's Socket Mode endpoint: says hello on every connection (as Slack does), records
 * the acks, and logs `open:N` / `close:N` in order, so a test can see whether connections overlapped.
 */
export class SocketModeStandIn {
  readonly connections: StandInConnection[] = [];
  readonly timeline: string[] = [];
  private readonly wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.wss.once('listening', () => resolve()));
    this.wss.on('connection', (ws) => {
      const n = this.connections.length + 1;
      const connection: StandInConnection = { ws, acks: [], open: true };
      ws.on('message', (data) => connection.acks.push(JSON.parse(String(data))));
      ws.on('close', () => {
        connection.open = false;
        this.timeline.push(`close:${n}`);
      });
      this.connections.push(connection);
      this.timeline.push(`open:${n}`);
      ws.send(JSON.stringify({ type: 'hello', num_connections: n, debug_info: { host: `applink-${n}` }, connection_info: { app_id: 'A0FRONTDESK' } }));
    });
    return this;
  }

  /** What apps.connections.open should answer. */
  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/link/?ticket=test`;
  }

  /** Send one message (an envelope, or Slack's `disconnect`) on connection `n` (1-based). */
  send(n: number, message: unknown): void {
    this.connections[n - 1].ws.send(JSON.stringify(message));
  }

  /** Every ack of `envelopeId`, on any connection. */
  acksOf(envelopeId: string): unknown[] {
    return this.connections.flatMap((c) => c.acks.filter((a) => a.envelope_id === envelopeId));
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
