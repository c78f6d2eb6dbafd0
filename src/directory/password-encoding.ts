import { createHash, randomBytes } from 'node:crypto';

/** OpenLDAP's `{SSHA}`: SHA-1 over password + 8-byte salt, so the clear password never reaches the directory's storage. */
export function sshaHash(password: string): string {
  const salt = randomBytes(8);
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}

/** Active Directory's unicodePwd: the password in double quotes, UTF-16LE (AD accepts it only over LDAPS). */
export function unicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}
