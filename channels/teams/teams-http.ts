import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'botbuilder';
import { HttpError, readBody, SECURITY_HEADERS } from '../../src/http/body';

/** Largest activity accepted: Teams messages are far smaller; a card submit with inputs is a few KB. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * Read the activity JSON ourselves (size limit, 400 on bad JSON) and present the request the way
 * botbuilder's CloudAdapter expects from Express/Restify: `body` already parsed, `headers`, `method`.
 */
export async function toBotRequest(req: IncomingMessage): Promise<Request> {
  const raw = await readBody(req, MAX_ACTIVITY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON: post a Bot Framework activity');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'body must be a Bot Framework activity object');
  return { body: body as Record<string, unknown>, headers: req.headers, method: req.method };
}

/** A Restify-style response over Node's ServerResponse: CloudAdapter calls status(), send(), end(). */
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
    end: finish,
    finish,
  };
}
