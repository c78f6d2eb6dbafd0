import fs from 'node:fs';
import path from 'node:path';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'email');

/** A raw .eml fixture with {{NAME}} placeholders filled in (bytes of other charsets are kept as they are). */
export function fixture(name: string, vars: Record<string, string> = {}): Buffer {
  let text = fs.readFileSync(path.join(DIR, name)).toString('latin1');
  for (const [key, value] of Object.entries(vars)) text = text.split(`{{${key}}}`).join(value);
  return Buffer.from(text, 'latin1');
}
