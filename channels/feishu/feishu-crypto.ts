import { createCipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AESCipher } from '@larksuiteoapi/node-sdk';

/**
 * Feishu's event security, as the Open Platform documents it: with an Encrypt Key set, every event body is
 * `{"encrypt": base64(iv(16) ‖ AES-256-CBC(sha256(key), iv, json))}` and carries
 * `X-Lark-Signature = sha256_hex(timestamp + nonce + encryptKey + rawBody)`.
 */
export type LarkSignatureHeaders = { timestamp: string; nonce: string; signature: string };

/** The decrypted JSON text of an `encrypt` field (the SDK's own cipher), or null when it does not decrypt. */
export function decryptEvent(encryptKey: string, encrypt: string): string | null {
  try {
    return new AESCipher(encryptKey).decrypt(encrypt);
  } catch {
    return null;
  }
}

/** The signature Feishu computes over the raw request body. */
export function larkSignature(encryptKey: string, timestamp: string, nonce: string, rawBody: Buffer | string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey).update(rawBody).digest('hex');
}

/** Whether `headers.signature` is the body's signature (constant-time comparison). */
export function signatureMatches(encryptKey: string, headers: LarkSignatureHeaders, rawBody: Buffer): boolean {
  const expected = Buffer.from(larkSignature(encryptKey, headers.timestamp, headers.nonce, rawBody), 'utf8');
  const given = Buffer.from(headers.signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Feishu's encryption of an event (the inverse of decryptEvent): what the platform sends; tests and the bench use it. */
export function encryptEvent(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}
