import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const ANSWERS = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'api-answers.json'), 'utf8')) as Record<string, Record<string, unknown>>;

/** One API call as the stand-in received it. */
export type WecomCall = { api: string; token: string | null; query: Record<string, string>; body: any; at: number };

/** A person in the stand-in's contact directory. */
export type WecomUser = { userid: string; name: string; email?: string; department?: number };

// The request bodies as the documentation describes them (发送应用消息, 更新模版卡片消息); anything else is refused.
const taskId = z.string().regex(/^[A-Za-z0-9_@-]{1,128}$/);
const title = z.object({ title: z.string().min(1), desc: z.string().optional() }).strict();
const card = z.object({
  card_type: z.enum(['text_notice', 'news_notice', 'button_interaction', 'vote_interaction', 'multiple_interaction']),
  main_title: title,
  sub_title_text: z.string().optional(),
  horizontal_content_list: z.array(z.object({ keyname: z.string().min(1), value: z.string().min(1) }).strict()).max(6).optional(),
  jump_list: z.array(z.object({ type: z.literal(1), title: z.string().min(1), url: z.string().url() }).strict()).max(3).optional(),
  card_action: z.object({ type: z.literal(1), url: z.string().url() }).strict().optional(),
  task_id: taskId,
  button_list: z.array(z.object({ text: z.string().min(1), style: z.number().int().min(1).max(4), key: z.string().min(1).max(1024) }).strict()).min(1).max(6).optional(),
}).strict().refine((c) => c.card_type !== 'button_interaction' || c.button_list, 'button_interaction needs button_list')
  .refine((c) => c.card_type !== 'text_notice' || c.card_action, 'text_notice needs card_action');
const common = { touser: z.string().min(1), agentid: z.number().int(), safe: z.number().optional(), enable_duplicate_check: z.number().optional() };
const MessageSend = z.discriminatedUnion('msgtype', [
  z.object({ ...common, msgtype: z.literal('text'), text: z.object({ content: z.string().min(1).refine((t) => Buffer.byteLength(t) <= 2048, 'content over 2048 bytes') }).strict() }).strict(),
  z.object({ ...common, msgtype: z.literal('template_card'), template_card: card }).strict(),
]);
const UpdateCard = z.object({
  userids: z.array(z.string().min(1)).min(1), agentid: z.number().int(), response_code: z.string().min(1),
  button: z.object({ replace_name: z.string().min(1) }).strict().optional(), template_card: card.optional(),
}).strict();

/**
 * A local WeCom server API (qyapi.weixin.qq.com): gettoken, message/send, message/update_template_card,
 * user/get and department/get, answering with the documented bodies. It checks request bodies against the
 * documented shapes (refused ones are kept in `refused`), can expire every token (42001 for the old ones)
 * and can answer the next calls of an API with an errcode (45009).
 */
export class WecomApiStandIn {
  readonly calls: WecomCall[] = [];
  readonly refused: Array<{ api: string; issue: string; body: unknown }> = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly directory = new Map<string, WecomUser>();
  private readonly tokens = new Set<string>();
  private readonly faults = new Map<string, number[]>();
  private readonly codes = new Set<string>();
  private serial = 0;
  port = 0;

  constructor(users: WecomUser[], readonly corpId = 'wwcorp0001', readonly secret = 'app-secret-0001') {
    for (const user of users) this.directory.set(user.userid, user);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
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

  /** Every token issued so far expires (WeCom answers 42001 to calls that still use one). */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** Answer the next `times` calls of `api` with `errcode`. */
  failNext(api: string, errcode: number, times = 1): void {
    this.faults.set(api, [...(this.faults.get(api) ?? []), ...Array(times).fill(errcode)]);
  }

  callsOf(api: string): WecomCall[] {
    return this.calls.filter((c) => c.api === api);
  }

  /** message/send calls to `touser` (text contents and cards). */
  sentTo(touser: string): any[] {
    return this.callsOf('message/send').filter((c) => c.body?.touser === touser && !this.isRefused(c)).map((c) => c.body);
  }

  /** Refused for its shape, or answered with an injected errcode: nothing was delivered. */
  private isRefused(call: WecomCall): boolean {
    return call.body?.__refused === true || call.body?.__failed !== undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const api = url.pathname.replace(/^\/cgi-bin\//, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : null;
    const query = Object.fromEntries(url.searchParams);
    const call: WecomCall = { api, token: url.searchParams.get('access_token'), query, body, at: Date.now() };
    this.calls.push(call);
    const reply = (value: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(value));
    };
    if (api === 'gettoken') {
      if (query.corpid !== this.corpId || query.corpsecret !== this.secret) return reply({ errcode: 40001, errmsg: 'invalid credential' });
      const token = `token-${++this.serial}`;
      this.tokens.add(token);
      return reply({ ...ANSWERS.gettoken, access_token: token });
    }
    if (!call.token || !this.tokens.has(call.token)) return reply(ANSWERS.expired);
    const fault = this.faults.get(api)?.shift();
    if (fault !== undefined) call.body = { ...call.body, __failed: fault };
    if (fault !== undefined) return reply(fault === 45009 ? ANSWERS.frequency : { errcode: fault, errmsg: `errcode ${fault}` });
    switch (api) {
      case 'message/send': {
        const parsed = MessageSend.safeParse(body);
        if (!parsed.success) return this.refuse(call, reply, parsed.error.issues[0]);
        const users = String(body.touser).split('|');
        const invalid = users.filter((u) => !this.directory.has(u));
        const code = body.msgtype === 'template_card' && body.template_card.card_type === 'button_interaction' ? `rc-${++this.serial}` : undefined;
        if (code) this.codes.add(code);
        return reply({ ...ANSWERS.messageSend, invaliduser: invalid.join('|'), msgid: `msg-${++this.serial}`, ...(code ? { response_code: code } : { response_code: undefined }) });
      }
      case 'message/update_template_card': {
        const parsed = UpdateCard.safeParse(body);
        if (!parsed.success) return this.refuse(call, reply, parsed.error.issues[0]);
        // A response_code works once (and only if WeCom issued it).
        if (!this.codes.delete(body.response_code)) return reply({ errcode: 40001, errmsg: 'invalid response_code' });
        return reply(ANSWERS.updateTemplateCard);
      }
      case 'user/get': {
        const user = this.directory.get(query.userid ?? '');
        if (!user) return reply(ANSWERS.noUser);
        return reply({ ...ANSWERS.userGet, userid: user.userid, name: user.name, email: user.email ?? '', biz_mail: '', department: [user.department ?? 2], main_department: user.department ?? 2 });
      }
      case 'department/get':
        return reply({ ...ANSWERS.departmentGet, department: { ...(ANSWERS.departmentGet.department as object), id: Number(query.id) } });
      default:
        return reply({ errcode: 404, errmsg: `no api ${api}` });
    }
  }

  /** Issue a response_code as WeCom does with each template_card_event (tests build click callbacks with it). */
  issueResponseCode(): string {
    const code = `rc-${++this.serial}`;
    this.codes.add(code);
    return code;
  }

  private refuse(call: WecomCall, reply: (v: unknown) => void, issue: z.core.$ZodIssue | undefined): void {
    this.refused.push({ api: call.api, issue: `${issue?.path.join('.')}: ${issue?.message}`, body: call.body });
    call.body = { ...call.body, __refused: true };
    reply({ errcode: 40058, errmsg: 'invalid parameter' });
  }
}
