import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { encrypt as wecomEncrypt, getSignature } from '@wecom/crypto';

/** Why a callback's ciphertext was refused; only our log sees it (the caller gets a bare 4xx). */
export class WecomCryptoError extends Error {}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * WeCom's callback encryption (加解密方案): msg_signature = sha1 of the sorted token, timestamp, nonce and
 * ciphertext; AES-256-CBC with the key Base64-decoded from EncodingAESKey + "=", IV = its first 16 bytes,
 * PKCS#7 padding to 32 bytes; plaintext = 16 random bytes, 4-byte big-endian length, message, receive id.
 * Signatures and encryption come from @wecom/crypto; decryption is our own because the package accepts bad
 * padding and a length past the end (it returns a truncated message instead of refusing).
 */
export class WecomCrypto {
  private readonly key: Buffer;
  private readonly encodingAesKey: string;

  constructor(
    private readonly token: string,
    encodingAesKey: string,
    /** corpid for a self-built app: the plaintext must end with it. */
    private readonly receiveId: string,
  ) {
    if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) throw new WecomCryptoError('EncodingAESKey must be 43 letters and digits');
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) throw new WecomCryptoError('EncodingAESKey does not decode to 32 bytes');
    this.encodingAesKey = encodingAesKey;
  }

  /** The msg_signature WeCom computes for these values. */
  signature(timestamp: string, nonce: string, encrypted: string): string {
    return getSignature(this.token, timestamp, nonce, encrypted);
  }

  /** Constant-time check of a msg_signature (40 hex digits). */
  verify(signature: string, timestamp: string, nonce: string, encrypted: string): boolean {
    if (!/^[0-9a-f]{40}$/i.test(signature)) return false;
    const expected = Buffer.from(this.signature(timestamp, nonce, encrypted), 'hex');
    return timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'));
  }

  /** Decrypt and check padding, length and receive id; throws WecomCryptoError otherwise. */
  decrypt(encrypted: string): string {
    if (encrypted.length > 1_000_000 || !BASE64.test(encrypted)) throw new WecomCryptoError('ciphertext is not Base64');
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 32 !== 0) throw new WecomCryptoError('ciphertext is not whole 32-byte blocks');
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);
    const pad = plain[plain.length - 1];
    if (pad < 1 || pad > 32 || !plain.subarray(plain.length - pad).every((b) => b === pad)) throw new WecomCryptoError('bad padding');
    const body = plain.subarray(0, plain.length - pad);
    if (body.length < 20) throw new WecomCryptoError('plaintext too short');
    const length = body.readUInt32BE(16);
    if (20 + length > body.length) throw new WecomCryptoError('length field past the end');
    const receiveId = body.subarray(20 + length).toString('utf8');
    if (receiveId !== this.receiveId) throw new WecomCryptoError('receive id does not match the corp id');
    return body.subarray(20, 20 + length).toString('utf8');
  }

  /** Encrypt `message` for WeCom (replies in the callback's answer, our tests' callbacks). */
  encrypt(message: string, random?: Buffer): string {
    return wecomEncrypt(this.encodingAesKey, message, this.receiveId, random);
  }
}
