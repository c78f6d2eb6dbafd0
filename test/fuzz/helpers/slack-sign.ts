import { createHmac } from 'node:crypto';
import { TEST_SIGNING_SECRET } from '../../slack/helpers/signed-request';

/** Slack's headers for a raw body (bytes as sent, so bodies with invalid UTF-8 are signed correctly too). */
export function slackHeaders(body: string | Buffer, contentType: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const base = Buffer.concat([Buffer.from(`v0:${timestamp}:`), typeof body === 'string' ? Buffer.from(body) : body]);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${createHmac('sha256', TEST_SIGNING_SECRET).update(base).digest('hex')}`,
  };
}

/** An interactivity body: `payload=<json>` form-encoded, or the raw mutated bytes inside it. */
export function interactionBody(payload: string | Buffer): string | Buffer {
  if (typeof payload === 'string') return new URLSearchParams({ payload }).toString();
  return Buffer.concat([Buffer.from('payload='), payload]);
}
