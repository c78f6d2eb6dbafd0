import type { IncomingHttpHeaders } from 'node:http';
import { decryptEvent, signatureMatches } from './feishu-crypto';

/** The event subscription's secrets (FEISHU_VERIFICATION_TOKEN, FEISHU_ENCRYPT_KEY). */
export type EnvelopeSecrets = { verificationToken: string; encryptKey?: string };

/** A v2 (schema 2.0) event: header and event body. */
export type LarkEvent = { eventId: string; eventType: string; createTime?: string; event: Record<string, unknown> };

/** What a request to the event URL is. `refused` carries the status to answer with and the reason for our log only. */
export type Envelope =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; event: LarkEvent }
  | { kind: 'refused'; status: 400 | 401 | 403; reason: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function parse(text: string): Json | null {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Open one request to the event URL: check the signature over the raw body (when an Encrypt Key is set),
 * decrypt, check the verification token, and tell the `url_verification` challenge from an event.
 * A bad signature is 401, a wrong token 403 (neither says more to the caller). The challenge is the one
 * request Feishu sends unsigned; it is answered only with the right token inside.
 */
export function openEnvelope(raw: Buffer, headers: IncomingHttpHeaders, secrets: EnvelopeSecrets): Envelope {
  const outer = parse(raw.toString('utf8'));
  if (!outer) return { kind: 'refused', status: 400, reason: 'body is not a JSON object' };
  const timestamp = header(headers, 'x-lark-request-timestamp');
  const nonce = header(headers, 'x-lark-request-nonce');
  const signature = header(headers, 'x-lark-signature');
  const signed = Boolean(timestamp && nonce && signature);
  let body = outer;
  if (secrets.encryptKey) {
    if (signed && !signatureMatches(secrets.encryptKey, { timestamp: timestamp!, nonce: nonce!, signature: signature! }, raw)) {
      return { kind: 'refused', status: 401, reason: 'X-Lark-Signature does not match the body' };
    }
    const encrypt = str(outer.encrypt);
    if (encrypt === undefined) return { kind: 'refused', status: 401, reason: 'plain body while FEISHU_ENCRYPT_KEY is set' };
    const inner = decryptEvent(secrets.encryptKey, encrypt);
    const decrypted = inner === null ? null : parse(inner);
    if (!decrypted) return { kind: 'refused', status: 401, reason: 'encrypt field does not decrypt with FEISHU_ENCRYPT_KEY' };
    body = decrypted;
  } else if (outer.encrypt !== undefined) {
    return { kind: 'refused', status: 400, reason: 'encrypted body but FEISHU_ENCRYPT_KEY is not set' };
  }
  if (body.type === 'url_verification') {
    if (str(body.token) !== secrets.verificationToken) return { kind: 'refused', status: 403, reason: 'url_verification with a wrong token' };
    const challenge = str(body.challenge);
    return challenge ? { kind: 'challenge', challenge } : { kind: 'refused', status: 400, reason: 'url_verification without a challenge' };
  }
  // Every other request must be signed when the events are encrypted: an unsigned one is not Feishu's.
  if (secrets.encryptKey && !signed) return { kind: 'refused', status: 401, reason: 'event without X-Lark-Signature' };
  if (body.schema !== '2.0' || !isObject(body.header)) {
    // Schema 1.0 events carry the token at the top; we subscribe to 2.0 events only.
    if (body.token !== undefined && str(body.token) !== secrets.verificationToken) return { kind: 'refused', status: 403, reason: 'wrong verification token' };
    return { kind: 'refused', status: 400, reason: 'not a schema 2.0 event' };
  }
  const head = body.header;
  if (str(head.token) !== secrets.verificationToken) return { kind: 'refused', status: 403, reason: 'wrong verification token' };
  const eventId = str(head.event_id);
  const eventType = str(head.event_type);
  if (!eventId || !eventType || eventId.length > 200 || !isObject(body.event)) {
    return { kind: 'refused', status: 400, reason: 'event without event_id, event_type or event' };
  }
  return { kind: 'event', event: { eventId, eventType, createTime: str(head.create_time), event: body.event } };
}
