import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector, with the time it arrived (epoch ms). */
export type ConnectorCall = { method: string; path: string; conversationId: string; replyToId?: string; body: Record<string, unknown>; at: number };

/** How the stand-in answers activity posts. */
export type ConnectorMode = 'ok' | 'roster403';

/**
 * A local Bot Connector: answers POST /v3/conversations/:id/activities[/:replyToId] like the real one
 * ({id}), GET .../members/:userId from a member table, and records every call. `serviceUrl` carries a
 * path prefix like Teams' regional URLs (https://smba.trafficmanager.net/emea/).
 */
export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  mode: ConnectorMode = 'ok';
  /** Answer this many activity posts with 429 + `Retry-After: throttleSeconds` (the connector's throttling). */
  throttleNext = 0;
  throttleSeconds = 1;
  /** When set, only posts to this conversation are throttled. */
  throttleConversation: string | null = null;
  readonly members = new Map<string, Record<string, unknown>>();
  private server: http.Server | null = null;
  private counter = 0;
  private port = 0;

  get serviceUrl(): string {
    return `http://127.0.0.1:${this.port}/emea/`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Activities the bot posted (messages), oldest first. */
  posted(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.path.includes('/activities'));
  }

  /** Activities the bot replaced (updateActivity), oldest first; `replyToId` holds the replaced activity's id. */
  updated(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && c.path.includes('/activities/'));
  }

  /** Wait until `count` activities were posted; fails after `timeoutMs` (no timing assertions, a bound only). */
  async waitForPosted(count: number, timeoutMs = 5_000): Promise<ConnectorCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.posted().length < count) {
      if (Date.now() > deadline) throw new Error(`connector stand-in got ${this.posted().length} activities, expected ${count}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.posted();
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const path = (req.url ?? '').split('?')[0];
    const match = /\/v3\/conversations\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?$/.exec(path);
    const conversationId = match ? decodeURIComponent(match[1]) : '';
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const call: ConnectorCall = { method: req.method ?? '', path, conversationId, body, at: Date.now() };
    if (match?.[2] === 'activities' && match[3]) call.replyToId = decodeURIComponent(match[3]);
    this.calls.push(call);
    if (match?.[2] === 'members' && req.method === 'GET') {
      const member = this.members.get(decodeURIComponent(match[3] ?? ''));
      return member ? json(res, 200, member) : json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
    }
    // updateActivity: PUT /v3/conversations/:id/activities/:activityId answers the activity's id.
    if (match?.[2] === 'activities' && match[3] && req.method === 'PUT') return json(res, 200, { id: call.replyToId });
    if (match?.[2] !== 'activities' || req.method !== 'POST') return json(res, 404, { error: { code: 'NotFound', message: path } });
    if (this.throttleNext > 0 && (this.throttleConversation === null || this.throttleConversation === conversationId)) {
      this.throttleNext--;
      res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(this.throttleSeconds) });
      res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests' } }));
      return;
    }
    if (this.mode === 'roster403') {
      return json(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
    }
    json(res, 201, { id: `1:${++this.counter}` });
  }
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}
