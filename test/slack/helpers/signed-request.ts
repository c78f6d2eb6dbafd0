import { createHmac } from 'node:crypto';

/** The signing secret every Slack test uses. */
export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

/** Slack's request signature: `v0=` + HMAC-SHA256(secret, `v0:${ts}:${body}`). */
export function signature(body: string, timestamp: number, secret = TEST_SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Options of one signed POST. */
export type SignedPostOptions = {
  timestamp?: number;
  secret?: string;
  retryNum?: number;
  /** Override the signature header (tampering tests). */
  signatureHeader?: string;
};

/** POST a JSON Events API body, signed as Slack does. */
export function postEvent(baseUrl: string, payload: unknown, options: SignedPostOptions = {}): Promise<Response> {
  return postSigned(baseUrl, JSON.stringify(payload), 'application/json', options);
}

/** POST an interactivity payload (`payload=<json>`, form-encoded), signed as Slack does. */
export function postInteraction(baseUrl: string, payload: unknown, options: SignedPostOptions = {}): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(baseUrl, body, 'application/x-www-form-urlencoded', options);
}

/** POST a slash command (its fields form-encoded, no `payload`), signed as Slack does. */
export function postCommand(baseUrl: string, fields: Record<string, string>, options: SignedPostOptions = {}): Promise<Response> {
  return postSigned(baseUrl, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

async function postSigned(baseUrl: string, body: string, contentType: string, options: SignedPostOptions): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signatureHeader ?? signature(body, timestamp, options.secret),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
}
