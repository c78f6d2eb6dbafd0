import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixture } from './fixtures';
import { LongConnectionStandIn } from './long-connection-stand-in';

/** A person in the stand-in's contact directory. */
export type ContactPerson = { openId: string; name: string; email: string; departmentId: string; locale?: string };
/** One call the channel made, as the stand-in saw it. */
export type Call = { method: string; path: string; query: Record<string, string>; body: Record<string, any>; token: string | null; at: number; status?: number };

const APP_ID = 'cli_9f5343c580712544';
const APP_SECRET = 'test-app-secret';

/**
 * A local stand-in of the Feishu Open Platform endpoints the channel calls, answering with the documented
 * shapes (fixtures): tenant_access_token/internal, bot/v3/info, im/v1/messages (create, reply, patch),
 * contact/v3/users/:id and contact/v3/departments/:id. Faults on demand: rate limits (HTTP 429 + 99991400
 * + x-ogw-ratelimit-reset) and tokens invalidated before their expiry (99991663).
 */
export class OpenPlatformStandIn {
  readonly appId = APP_ID;
  readonly appSecret = APP_SECRET;
  readonly calls: Call[] = [];
  tokensIssued = 0;
  private valid = new Set<string>();
  private rateLimited = 0;
  private rateLimitReset = 1;
  private server: http.Server | null = null;
  /** The long-connection endpoint and websocket (FEISHU_MODE=websocket). */
  longConnection: LongConnectionStandIn | null = null;
  private nextId = 1;
  url = '';

  constructor(private readonly people: ContactPerson[], private readonly departments: Record<string, string> = {}) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.longConnection = new LongConnectionStandIn(this.server, () => this.url, { appId: APP_ID, appSecret: APP_SECRET });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.longConnection?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections?.();
  }

  /** The next `count` message calls get 429 / 99991400 with `x-ogw-ratelimit-reset: resetSeconds`. */
  rateLimitNext(count: number, resetSeconds = 1): void {
    this.rateLimited = count;
    this.rateLimitReset = resetSeconds;
  }

  /** Every token issued so far stops working (as when Feishu rotates it before `expire`). */
  expireTokens(): void {
    this.valid.clear();
  }

  /** Message calls (reply, create, patch) that succeeded, in order. */
  sent(): Call[] {
    return this.calls.filter((c) => c.path.startsWith('/open-apis/im/v1/messages') && (c as Call & { ok?: boolean }).ok);
  }

  /** The message id the stand-in gave a sent (created or replied) message. */
  messageIdOf(call: Call): string {
    const id = (call as Call & { messageId?: string }).messageId;
    if (!id) throw new Error(`no message id for ${call.method} ${call.path}`);
    return id;
  }

  /** The card of a sent call, parsed. */
  static card(call: Call): Record<string, any> {
    return JSON.parse(String(call.body.content));
  }

  /** The lark_md text of a sent card's first div. */
  static text(call: Call): string {
    const card = OpenPlatformStandIn.card(call);
    return card.elements.filter((e: any) => e.tag === 'div' && e.text).map((e: any) => e.text.content).join('\n');
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    let body: Record<string, any> = {};
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return this.json(res, 400, { code: 9499, msg: 'Bad Request' });
    }
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : null;
    const call: Call & { ok?: boolean } = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body, token, at: Date.now() };
    this.calls.push(call);
    if (this.longConnection?.endpoint(url.pathname, body, res)) return;
    if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal' && req.method === 'POST') {
      if (body.app_id !== APP_ID || body.app_secret !== APP_SECRET) return this.json(res, 400, { code: 10014, msg: 'app secret invalid' });
      const answer = fixture('tenant-access-token');
      answer.tenant_access_token = `t-standin-${++this.tokensIssued}`;
      this.valid.add(answer.tenant_access_token);
      return this.json(res, 200, answer);
    }
    if (!token) return this.json(res, 400, { code: 99991661, msg: 'Missing access token for authorization. Please make a request with token attached.' });
    if (!this.valid.has(token)) return this.json(res, 400, fixture('invalid-token'));
    if (url.pathname === '/open-apis/bot/v3/info') return this.json(res, 200, fixture('bot-info'));
    const user = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(url.pathname);
    if (user && req.method === 'GET') {
      const person = this.people.find((p) => p.openId === decodeURIComponent(user[1]));
      if (!person) return this.json(res, 400, { code: 41050, msg: 'no user authority error' });
      const answer = fixture('contact-user-get');
      Object.assign(answer.data.user, { open_id: person.openId, name: person.name, email: person.email, enterprise_email: person.email, department_ids: [person.departmentId], ...(person.locale ? { locale: person.locale } : {}) });
      return this.json(res, 200, answer);
    }
    const department = /^\/open-apis\/contact\/v3\/departments\/([^/]+)$/.exec(url.pathname);
    if (department && req.method === 'GET') {
      const id = decodeURIComponent(department[1]);
      if (!this.departments[id]) return this.json(res, 400, { code: 40004, msg: 'no dept authority error' });
      const answer = fixture('contact-department-get');
      Object.assign(answer.data.department, { name: this.departments[id], open_department_id: id });
      return this.json(res, 200, answer);
    }
    if (url.pathname.startsWith('/open-apis/im/v1/messages')) {
      if (this.rateLimited > 0) {
        this.rateLimited--;
        call.status = 429;
        return this.json(res, 429, fixture('rate-limited'), { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': String(this.rateLimitReset) });
      }
      const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(url.pathname);
      const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(url.pathname);
      const valid = typeof body.content === 'string' && (reply || patch || (url.pathname === '/open-apis/im/v1/messages' && url.searchParams.get('receive_id_type') === 'chat_id' && body.receive_id));
      if (!valid) return this.json(res, 400, { code: 230001, msg: 'Your request contains an invalid request parameter.' });
      call.ok = true;
      if (patch && req.method === 'PATCH') return this.json(res, 200, { code: 0, msg: 'success', data: {} });
      const answer = fixture('message-reply-response');
      (call as Call & { messageId?: string }).messageId = `om_standin${this.nextId}`;
      Object.assign(answer.data, { message_id: `om_standin${this.nextId++}`, msg_type: body.msg_type, body: { content: body.content }, chat_id: body.receive_id ?? answer.data.chat_id });
      return this.json(res, 200, answer);
    }
    return this.json(res, 404, { code: 404, msg: 'not found' });
  }

  private json(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(value));
  }
}
