import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'botbuilder';
import { z } from 'zod';
import { HttpError, jsonDepth, MAX_JSON_DEPTH, readBody, SECURITY_HEADERS } from '../../src/http/body';

// Fuzzing found activities botbuilder or our mapping cannot read answered with 500 (and the error
// message echoed to the caller): a missing type, non-string ids, an id over the store's 512 characters.
// The fields both read are checked here; anything else in the activity passes through untouched.
const id = z.string().min(1).max(512);
const Account = z.looseObject({ id, name: z.string().max(1000).nullish(), aadObjectId: z.string().max(200).nullish() });
const ActivityShape = z.looseObject({
  type: z.string().min(1).max(100),
  id: z.string().max(1000).optional(),
  serviceUrl: z.string().max(2048),
  channelId: z.string().max(100).optional(),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({ id, conversationType: z.string().max(100).nullish(), tenantId: z.string().max(200).nullish() }),
  // Absent or the right type: botbuilder reads `.length` of text, entities, attachments when present (null included).
  text: z.string().optional(),
  locale: z.string().max(100).nullish(),
  timestamp: z.string().max(100).nullish(),
  // botbuilder's mention helpers read `type` of every entity and `mentioned.id` of every mention.
  entities: z.array(z.looseObject({ type: z.string().max(100), mentioned: z.looseObject({ id: z.string().max(512) }).optional() })
    .refine((e) => e.type !== 'mention' || e.mentioned !== undefined, 'a mention entity needs mentioned.id')).max(50).optional(),
  attachments: z.array(z.looseObject({})).max(50).optional(),
  membersAdded: z.array(Account).max(100).optional(),
  membersRemoved: z.array(Account).max(100).optional(),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().max(200) }).nullish() }).nullish(),
});

/** Largest activity accepted: Teams messages are far smaller; a card submit with inputs is a few KB. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * Read the activity JSON ourselves (size limit, 400 on bad JSON) and present the request the way
 * botbuilder's CloudAdapter expects from Express/Restify: `body` already parsed, `headers`, `method`.
 */
export async function toBotRequest(req: IncomingMessage): Promise<Request> {
  const raw = await readBody(req, MAX_ACTIVITY_BYTES);
  let body: unknown;
  const text = raw.toString('utf8');
  // botbuilder recurses over the activity: 5,000-deep nesting overflowed the stack (found by fuzzing).
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new HttpError(400, `activity nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not valid JSON: post a Bot Framework activity');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'body must be a Bot Framework activity object');
  const shape = ActivityShape.safeParse(body);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    throw new HttpError(400, `not a Bot Framework activity we can read: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return { body: body as Record<string, unknown>, headers: req.headers, method: req.method };
}

/** A Restify-style response over Node's ServerResponse: status() and send() set the answer, finish() writes it. */
export function toBotResponse(res: ServerResponse): Response & { finish(): void } {
  let status = 200;
  let payload: unknown;
  const finish = (): void => {
    if (res.headersSent || res.writableEnded) return;
    const body = payload === undefined ? '' : typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
    const type = typeof payload === 'object' && !Buffer.isBuffer(payload) ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
    },
    header(name: string, value: unknown) {
      if (!res.headersSent) res.setHeader(name, String(value));
    },
    send(body: unknown) {
      payload = body;
    },
    // Written by finish(), once the channel has chosen the answer.
    end() {},
    finish,
  };
}
