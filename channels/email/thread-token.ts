import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A verified token out of one of our Message-IDs. */
export type ThreadToken = { conversationId: string; deliveryId: number };

const SIG_BYTES = 15;
const OUR_ID = /<?fd\.([A-Za-z0-9_-]+)\.([0-9a-z]+)\.([A-Za-z0-9_-]+)@[^>\s]+>?/;

function signature(secret: string, conversationId: string, delivery: string): Buffer {
  return createHmac('sha256', secret).update(`${conversationId}\n${delivery}`).digest().subarray(0, SIG_BYTES);
}

/**
 * Token carried in the Message-ID of every mail we send: the conversation it belongs to and an HMAC,
 * so a reply's In-Reply-To/References names its thread and nobody can forge a reference to another one.
 */
export function signThreadToken(secret: string, conversationId: string, deliveryId: number): string {
  const delivery = deliveryId.toString(36);
  const sig = signature(secret, conversationId, delivery).toString('base64url');
  return `${Buffer.from(conversationId, 'utf8').toString('base64url')}.${delivery}.${sig}`;
}

/** The Message-ID of one of our mails: `<fd.{token}@{domain}>`, stable across retries of a delivery. */
export function ourMessageId(secret: string, conversationId: string, deliveryId: number, domain: string): string {
  return `<fd.${signThreadToken(secret, conversationId, deliveryId)}@${domain}>`;
}

/** Check a Message-ID we may have sent; null unless it is ours and its signature is valid. */
export function verifyMessageId(secret: string, messageId: string): ThreadToken | null {
  const m = OUR_ID.exec(messageId);
  if (!m) return null;
  const conversationId = Buffer.from(m[1], 'base64url').toString('utf8');
  const expected = signature(secret, conversationId, m[2]);
  const given = Buffer.from(m[3], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { conversationId, deliveryId: parseInt(m[2], 36) };
}

/** The conversation of the newest of our Message-IDs among In-Reply-To and References (newest last). */
export function threadFromReferences(secret: string, ids: readonly string[]): string | null {
  for (let i = ids.length - 1; i >= 0; i--) {
    const token = verifyMessageId(secret, ids[i]);
    if (token) return token.conversationId;
  }
  return null;
}

/** The thread key of a new conversation: its root Message-ID, hashed when unwieldy or absent. */
export function rootThreadKey(messageId: string | undefined, fallbackSeed: string): string {
  const bare = messageId?.replace(/^<|>$/g, '').trim();
  if (bare && bare.length <= 200 && !/\s/.test(bare)) return bare;
  return `h:${createHash('sha256').update(bare || fallbackSeed).digest('hex').slice(0, 32)}`;
}
