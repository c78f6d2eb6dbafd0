import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors';

/**
 * Whether a refusal says the input itself is wrong, so trying it again cannot help: a ValidationError, but
 * not a 5xx HttpError such as "the database cannot store messages right now" (503), which a retry fixes.
 */
export function isRejectedInput(error: unknown): error is ValidationError {
  return error instanceof ValidationError && !(error instanceof HttpError && error.status >= 500);
}

/** Default maximum request body: enough for any chat message or webhook, small enough to refuse abuse. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A client error with the HTTP status to answer with. */
export class HttpError extends ValidationError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Read the raw body, refusing more than `limit` bytes with 413. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpError(413, `request body over ${limit} bytes`));
  // Plain stream events: an async iterator costs a promise per chunk, which shows on every webhook's ack.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      reject(new HttpError(413, `request body over ${limit} bytes`));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('aborted', () => reject(new HttpError(400, 'request aborted by the client')));
  });
}

/** A body as UTF-8 text; invalid UTF-8 is a 400 rather than silently replaced characters. */
export function decodeUtf8(raw: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new HttpError(400, 'body is not valid UTF-8');
  }
}

/** Deeper JSON than this is not something any platform sends; libraries that recurse over it overflow the stack. */
export const MAX_JSON_DEPTH = 64;

/** Nesting depth of a JSON text, counted outside strings; stops early past `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      max = Math.max(max, ++depth);
      if (max > limit) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Read and parse a JSON body; malformed JSON or non-UTF-8 is a 400. */
export async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  // The media type itself, not a substring: "text/plain;application/json" is not JSON.
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'send Content-Type: application/json');
  const text = decodeUtf8(await readBody(req, limit));
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

/** Headers every page and API answer carries. */
export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Answer with JSON. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The 503 answers by their Retry-After (1 to 60 s): header list and body, rendered once. */
const busyReplies = new Map<number, { head: string[]; body: Buffer }>();

/**
 * Refuse a request with 503 and Retry-After because the server is over its load budget. No exception and
 * no log line per request: under overload most requests end here, and each one's cost is taken from the
 * turns (the engine logs a summary of what it shed). The answer is rendered once per Retry-After value, so a
 * refusal does not build its headers and body again. An unread body is discarded, the connection kept.
 */
export function sendBusy(req: IncomingMessage, res: ServerResponse, retryAfterSeconds: number): void {
  let reply = busyReplies.get(retryAfterSeconds);
  if (!reply) {
    const body = Buffer.from(JSON.stringify({ error: `the service desk is busy: retry after ${retryAfterSeconds} s` }));
    const head = [...Object.entries(SECURITY_HEADERS).flat(), 'content-type', 'application/json; charset=utf-8',
      'content-length', String(body.length), 'retry-after', String(retryAfterSeconds)];
    reply = { head, body };
    if (busyReplies.size < 100) busyReplies.set(retryAfterSeconds, reply);
  }
  req.resume();
  res.writeHead(503, reply.head);
  res.end(reply.body);
}

/** Answer with an HTML page under a strict content security policy (scripts only from this origin). */
export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  });
  res.end(html);
}

/** Strong validators of the assets served, by body (the handful of scripts the pages load). */
const assetTags = new Map<string, string>();

/** The ETag of an asset's body: a hash, computed once per body. */
export function assetTag(body: string): string {
  let tag = assetTags.get(body);
  if (!tag) {
    tag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    if (assetTags.size < 100) assetTags.set(body, tag);
  }
  return tag;
}

/**
 * Answer with a static asset of the given type. With the request, it carries an ETag and a repeated load
 * that names it gets 304 without the body; `immutable` (an address with the asset's version in it) lets the
 * browser keep it for a year without asking, so a page opened again waits for no script.
 */
export function sendAsset(res: ServerResponse, contentType: string, body: string, cache?: { req: IncomingMessage; immutable?: boolean }): void {
  if (!cache) {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': contentType, 'cache-control': 'no-cache' });
    res.end(body);
    return;
  }
  const etag = assetTag(body);
  const headers = { ...SECURITY_HEADERS, 'content-type': contentType, etag, 'cache-control': cache.immutable ? 'private, max-age=31536000, immutable' : 'no-cache' };
  if (cache.req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, headers);
  res.end(body);
}
