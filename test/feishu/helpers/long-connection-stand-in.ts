import type http from 'node:http';
import protobuf from 'protobufjs';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Feishu's long-connection protocol as the SDK's WSClient speaks it (lib: pullConnectConfig, communicate,
 * handleEventData): POST /callback/ws/endpoint with AppID/AppSecret returns a ws:// URL and client config;
 * events are pbbp2.Frame messages (protobuf; method 1 = data, headers type=event, message_id, sum, seq,
 * trace_id, payload = the event JSON), and the client answers each with the same frame whose payload is
 * `{"code":200,"data":base64(handler result)}`. Pings (method 0) are answered with a pong.
 */
const ROOT = protobuf.Root.fromJSON({
  nested: {
    pbbp2: {
      nested: {
        Header: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Frame: {
          fields: {
            SeqID: { type: 'uint64', id: 1 }, LogID: { type: 'uint64', id: 2 }, service: { type: 'int32', id: 3 }, method: { type: 'int32', id: 4 },
            headers: { rule: 'repeated', type: 'Header', id: 5 }, payloadEncoding: { type: 'string', id: 6 }, payloadType: { type: 'string', id: 7 },
            payload: { type: 'bytes', id: 8 }, LogIDNew: { type: 'string', id: 9 },
          },
        },
      },
    },
  },
});
const Frame = ROOT.lookupType('pbbp2.Frame');
const SERVICE_ID = 7;

type Header = { key: string; value: string };
type DecodedFrame = { method: number; headers: Header[]; payload?: Uint8Array };

/** The answer the client sent for one pushed event: its code and the handler's result (decoded). */
export type PushAnswer = { code: number; data: unknown };

/** The long-connection side of the Open Platform stand-in, on its HTTP server. */
export class LongConnectionStandIn {
  private readonly wss: WebSocketServer;
  private socket: WebSocket | null = null;
  private readonly waiting = new Map<string, (answer: PushAnswer) => void>();
  connections = 0;
  pings = 0;

  constructor(server: http.Server, private readonly baseUrl: () => string, private readonly credentials: { appId: string; appSecret: string }) {
    this.wss = new WebSocketServer({ server, path: '/ws' });
    this.wss.on('connection', (socket) => {
      this.connections++;
      this.socket = socket;
      socket.on('message', (data: Buffer) => this.onFrame(Frame.toObject(Frame.decode(data), { longs: Number, bytes: Buffer }) as DecodedFrame));
    });
  }

  /** Answer POST /callback/ws/endpoint; true when the request was that. */
  endpoint(path: string, body: Record<string, unknown>, res: http.ServerResponse): boolean {
    if (path !== '/callback/ws/endpoint') return false;
    const ok = body.AppID === this.credentials.appId && body.AppSecret === this.credentials.appSecret;
    const url = `${this.baseUrl().replace(/^http/, 'ws')}/ws?device_id=standin-device&service_id=${SERVICE_ID}`;
    const answer = ok
      ? { code: 0, msg: 'ok', data: { URL: url, ClientConfig: { ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30, PingInterval: 120 } } }
      : { code: 403, msg: 'forbidden', data: {} };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    return true;
  }

  /** Resolves once the client has connected. */
  async connected(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.socket) {
      if (Date.now() > deadline) throw new Error('the WSClient never connected');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Push one event as a data frame and wait for the client's answer frame. */
  push(event: unknown, messageId = `msg-${Math.random().toString(36).slice(2)}`): Promise<PushAnswer> {
    if (!this.socket) throw new Error('no long connection');
    const headers = [
      { key: 'type', value: 'event' }, { key: 'message_id', value: messageId }, { key: 'sum', value: '1' }, { key: 'seq', value: '0' }, { key: 'trace_id', value: `trace-${messageId}` },
    ];
    const frame = Frame.create({ SeqID: 1, LogID: 1, service: SERVICE_ID, method: 1, headers, payload: Buffer.from(JSON.stringify(event)) });
    const answer = new Promise<PushAnswer>((resolve) => this.waiting.set(messageId, resolve));
    this.socket.send(Frame.encode(frame).finish());
    return answer;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onFrame(frame: DecodedFrame): void {
    const header = (key: string) => frame.headers.find((h) => h.key === key)?.value;
    if (frame.method === 0 && header('type') === 'ping') {
      this.pings++;
      const pong = Frame.create({ SeqID: 0, LogID: 0, service: SERVICE_ID, method: 0, headers: [{ key: 'type', value: 'pong' }], payload: Buffer.from(JSON.stringify({ PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 })) });
      this.socket?.send(Frame.encode(pong).finish());
      return;
    }
    const id = header('message_id');
    const resolve = id ? this.waiting.get(id) : undefined;
    if (!id || !resolve) return;
    this.waiting.delete(id);
    const body = JSON.parse(Buffer.from(frame.payload ?? []).toString('utf8')) as { code: number; data?: string };
    resolve({ code: body.code, data: body.data ? JSON.parse(Buffer.from(body.data, 'base64').toString('utf8')) : undefined });
  }
}
