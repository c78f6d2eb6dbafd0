import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** One Web API call as the stand-in received it, with the time it arrived (epoch ms). */
export type RecordedCall = { method: string; args: Record<string, unknown>; token: string | undefined; client?: string; at: number };

/** A person in the stand-in's workspace directory (answers users.info). */
export type DirectoryUser = { id: string; realName: string; email?: string; title?: string; locale?: string };

/**
 * A failure to inject: a Slack error code or an HTTP status (429 with `retryAfter` seconds, 1 by default),
 * after letting `skip` calls succeed; with `channel`, only calls to that channel fail (and count for `skip`).
 */
type Fault = { error?: string; status?: number; skip?: number; retryAfter?: number; channel?: string };

/**
 * A local Slack Web API: answers auth.test, chat.postMessage, chat.postEphemeral, chat.update, views.open and users.info the way
 * Slack does (HTTP 200 with `ok`), records every call, and can be told to fail the next calls.
 */
export class SlackApiStandIn {
  readonly calls: RecordedCall[] = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly faults = new Map<string, Fault[]>();
  private readonly holds = new Map<string, Promise<unknown>>();
  private readonly directory = new Map<string, DirectoryUser>();
  private tsCounter = 0;
  port = 0;
  /** Files served at /files-pri/<path> to the bot token only, as Slack serves url_private (others get the login page). */
  readonly files = new Map<string, { body: Buffer; type: string }>();
  /** Channel messages conversations.history / conversations.replies return, by `channel:ts`. */
  readonly messages = new Map<string, { user?: string; text: string; bot_id?: string; thread_ts?: string }>();
  /** What apps.connections.open answers (Socket Mode tests point it at a local WebSocket server). */
  socketUrl: string | null = null;

  constructor(users: DirectoryUser[] = []) {
    for (const user of users) this.directory.set(user.id, user);
  }

  /** Base URL to pass as `slackApiUrl`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Calls of `method` are answered only once `until` settles (a slow Slack); they are recorded at once. */
  hold(method: string, until: Promise<unknown>): void {
    this.holds.set(method, until);
  }

  /** Make the next call of `method` fail with a Slack error code or an HTTP status. */
  failNext(method: string, fault: Fault): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), fault]);
  }

  /** Calls of one method, in order. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Wait until `predicate` holds over the recorded calls (polls; bounded). */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`stand-in: condition not met within ${timeoutMs} ms; calls: ${JSON.stringify(this.calls.map((c) => c.method))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if ((req.url ?? '').startsWith('/files-pri/')) return this.serveFile(req, res);
    if ((req.url ?? '').startsWith('/upload/')) {
      // The external upload URL files.getUploadURLExternal hands out: it takes the bytes and answers 200.
      this.calls.push({ method: 'upload', args: { path: req.url, bytes: Buffer.concat(chunks) }, token: undefined, at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${Buffer.concat(chunks).length}`);
      return;
    }
    const route = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    // /api/<client>/<method>: a prefix names the calling client (the crash test gives each server process one).
    const slash = route.lastIndexOf('/');
    const method = route.slice(slash + 1);
    const client = slash >= 0 ? route.slice(0, slash) : undefined;
    const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || undefined;
    this.calls.push({ method, args, token, ...(client ? { client } : {}), at: Date.now() });
    await this.holds.get(method)?.catch(() => undefined);
    const fault = this.takeFault(method, args);
    // Slack's 429: HTTP status, Retry-After header, and `ratelimited` in the body.
    if (fault?.status === 429) return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter ?? 1) });
    if (fault?.status) return send(res, fault.status, { ok: false, error: 'http_error' });
    if (fault?.error) return send(res, 200, { ok: false, error: fault.error });
    send(res, 200, this.answer(method, args));
  }

  private serveFile(req: http.IncomingMessage, res: http.ServerResponse): void {
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '') || undefined;
    this.calls.push({ method: 'files-pri', args: { path: req.url }, token, at: Date.now() });
    const file = this.files.get((req.url ?? '').slice('/files-pri/'.length));
    // Slack answers an unauthorised or unknown file with its sign-in page and 200, not an error.
    if (!file || token !== 'xoxb-test-token') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>Sign in to Slack</body></html>');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.body.length) });
    res.end(file.body);
  }

  /** The url_private_download of a file served by the stand-in. */
  fileUrl(path: string): string {
    return `http://127.0.0.1:${this.port}/files-pri/${path}`;
  }

  private takeFault(method: string, args: Record<string, unknown>): Fault | undefined {
    const queue = this.faults.get(method);
    const next = queue?.[0];
    if (!queue || !next || (next.channel !== undefined && next.channel !== args.channel)) return undefined;
    if (next.skip) {
      next.skip -= 1;
      return undefined;
    }
    return queue.shift();
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'frontdesk', team_id: 'T0ACME', user_id: 'U0FRONTDESK', bot_id: 'B0FRONTDESK' };
      case 'chat.postMessage': {
        const ts = `1700001000.${String(++this.tsCounter).padStart(6, '0')}`;
        return { ok: true, channel: args.channel, ts, message: { type: 'message', text: args.text, user: 'U0FRONTDESK', bot_id: 'B0FRONTDESK', ts, thread_ts: args.thread_ts } };
      }
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'invalid_auth' };
      case 'views.open':
        return { ok: true, view: { id: `V0VIEW${++this.tsCounter}`, type: 'modal', callback_id: (args.view as { callback_id?: string } | undefined)?.callback_id } };
      case 'files.getUploadURLExternal': {
        const id = `F0UP${++this.tsCounter}`;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F0UP', title: 'uploaded' }] };
      case 'views.publish':
        return { ok: true, view: { id: `V0HOME${++this.tsCounter}`, type: 'home', team_id: 'T0ACME', blocks: (args.view as { blocks?: unknown } | undefined)?.blocks ?? [] } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700001999.${String(++this.tsCounter).padStart(6, '0')}` };
      case 'conversations.history':
      case 'conversations.replies': {
        // One message asked for by latest = oldest = its ts (inclusive); a reply is only found through conversations.replies.
        const found = this.messages.get(`${String(args.channel)}:${String(args.latest ?? args.ts)}`);
        const visible = found && (method === 'conversations.replies' || !found.thread_ts);
        return { ok: true, messages: visible ? [{ type: 'message', ts: String(args.latest ?? args.ts), ...found }] : [], has_more: false };
      }
      case 'chat.getPermalink':
        return { ok: true, channel: args.channel, permalink: `https://acme.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}` };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'users.info': {
        const user = this.directory.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id, team_id: 'T0ACME', name: user.realName.toLowerCase().replace(/\s+/g, '.'), deleted: false, real_name: user.realName, is_bot: false,
            // Slack adds the locale only when asked (include_locale=true).
            ...(String(args.include_locale) === 'true' ? { locale: user.locale ?? 'en-US' } : {}),
            profile: { real_name: user.realName, display_name: user.realName.split(' ')[0], email: user.email, title: user.title ?? '', team: 'T0ACME' },
          },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw) as Record<string, string>;
  // The Web API client form-encodes objects as JSON strings (blocks, metadata).
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, /^[[{]/.test(v) ? safeJson(v) : v]));
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
