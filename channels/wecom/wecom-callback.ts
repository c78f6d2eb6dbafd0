import type { IncomingMessage } from 'node:http';
import { HttpError, MAX_BODY_BYTES, readBody } from '../../src/http/body';
import { MAX_TEXT_LENGTH } from '../../src/types/conversation';
import { WecomCryptoError, type WecomCrypto } from './wecom-crypto';
import { parseWecomXml } from './wecom-xml';

/** What one verified callback says, as the channel acts on it. */
export type WecomCallback =
  | { kind: 'text'; userId: string; msgId: string; text: string; agentId?: string }
  | { kind: 'card_click'; userId: string; taskId: string; eventKey: string; responseCode?: string; createTime: string; agentId?: string }
  | { kind: 'ignored'; reason: string };

/** The query WeCom signs: msg_signature, timestamp, nonce (and echostr on the set-up GET). */
export type SignedQuery = { signature: string; timestamp: string; nonce: string };

const USER_ID = /^[A-Za-z0-9_@.\-]{1,64}$/;
const TASK_ID = /^[A-Za-z0-9_@\-]{1,128}$/;
const DIGITS = /^\d{1,30}$/;

/** A refusal that tells the caller nothing (its reason is for our log only). */
export class Unauthorized extends HttpError {
  constructor(readonly reason: string) {
    super(401, 'unauthorized');
  }
}

/** The signed query parameters, or a 400 when one is missing or absurd. */
export function signedQuery(url: URL): SignedQuery {
  const signature = url.searchParams.get('msg_signature') ?? '';
  const timestamp = url.searchParams.get('timestamp') ?? '';
  const nonce = url.searchParams.get('nonce') ?? '';
  if (!signature || !timestamp || !nonce || timestamp.length > 20 || nonce.length > 64) throw new HttpError(400, 'msg_signature, timestamp and nonce are required');
  return { signature, timestamp, nonce };
}

/** The set-up check (GET with echostr): the decrypted echostr, or 401 on a wrong signature. */
export function answerEchostr(crypto: WecomCrypto, url: URL): string {
  const query = signedQuery(url);
  const echostr = url.searchParams.get('echostr') ?? '';
  if (!echostr || echostr.length > 1024) throw new HttpError(400, 'echostr is required');
  if (!crypto.verify(query.signature, query.timestamp, query.nonce, echostr)) throw new Unauthorized('echostr signature mismatch');
  return decryptOr403(crypto, echostr);
}

/** Read, verify and decrypt a callback POST; throws 400 (malformed), 401 (signature) or 403 (not ours). */
export async function readCallback(crypto: WecomCrypto, req: IncomingMessage, url: URL): Promise<Record<string, string>> {
  const query = signedQuery(url);
  // The server's usual body limit; the XML reader refuses documents over MAX_XML_CHARS with a 400.
  const raw = await readBody(req, MAX_BODY_BYTES);
  const outer = parseWecomXml(raw.toString('utf8'));
  const encrypted = outer?.Encrypt;
  if (!encrypted) throw new HttpError(400, 'body must be WeCom callback XML with an Encrypt element');
  if (!crypto.verify(query.signature, query.timestamp, query.nonce, encrypted)) throw new Unauthorized('msg_signature mismatch');
  const inner = parseWecomXml(decryptOr403(crypto, encrypted));
  if (!inner) throw new HttpError(400, 'decrypted message is not WeCom XML');
  return inner;
}

function decryptOr403(crypto: WecomCrypto, encrypted: string): string {
  try {
    return crypto.decrypt(encrypted);
  } catch (error) {
    // Signed with our token yet not decryptable with our key, or meant for another corp: refused, no detail.
    throw Object.assign(new HttpError(403, 'forbidden'), { reason: error instanceof WecomCryptoError ? error.message : 'decryption failed' });
  }
}

/** The message or event in a decrypted callback, checked field by field. */
export function interpret(fields: Record<string, string>): WecomCallback {
  const userId = fields.FromUserName ?? '';
  if (!USER_ID.test(userId)) return { kind: 'ignored', reason: 'FromUserName missing or not a UserID' };
  const agentId = DIGITS.test(fields.AgentID ?? '') ? fields.AgentID : undefined;
  if (fields.MsgType === 'text') {
    if (!DIGITS.test(fields.MsgId ?? '')) return { kind: 'ignored', reason: 'text message without a MsgId' };
    const text = (fields.Content ?? '').slice(0, MAX_TEXT_LENGTH);
    if (!text.trim()) return { kind: 'ignored', reason: 'empty text message' };
    return { kind: 'text', userId, msgId: fields.MsgId, text, agentId };
  }
  if (fields.MsgType === 'event' && fields.Event === 'template_card_event') {
    const taskId = fields.TaskId ?? '';
    const eventKey = fields.EventKey ?? '';
    const createTime = fields.CreateTime ?? '';
    if (!TASK_ID.test(taskId) || !eventKey || eventKey.length > 1024 || !DIGITS.test(createTime)) return { kind: 'ignored', reason: 'template_card_event without TaskId, EventKey or CreateTime' };
    const responseCode = fields.ResponseCode && fields.ResponseCode.length <= 512 ? fields.ResponseCode : undefined;
    return { kind: 'card_click', userId, taskId, eventKey, responseCode, createTime, agentId };
  }
  return { kind: 'ignored', reason: `${fields.MsgType ?? 'no MsgType'}${fields.Event ? `/${fields.Event}` : ''} not handled` };
}
