import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../../src/package-root';

// From the package root, so the fixtures are found from dist/ too (npm run bench builds the mails from them).
const DIR = path.join(packageRoot(), 'test', 'fixtures', 'email');

/** A raw .eml fixture with {{NAME}} placeholders filled in (bytes of other charsets are kept as they are). */
export function fixture(name: string, vars: Record<string, string> = {}): Buffer {
  let text = fs.readFileSync(path.join(DIR, name)).toString('latin1');
  for (const [key, value] of Object.entries(vars)) text = text.split(`{{${key}}}`).join(value);
  return Buffer.from(text, 'latin1');
}

let sequence = 0;

/** A new mail as Outlook (Microsoft 365) sends it, from `from`, with a unique Message-ID. */
export function newMail(from: string, subject: string, body: string): Buffer {
  const name = from.split('@')[0].replace(/[._]/g, ' ');
  const id = `PH0PR11MB${Date.now().toString(36).toUpperCase()}${(++sequence).toString().padStart(4, '0')}`;
  return fixture('outlook-new.eml', { FROM: from, NAME: name, SUBJECT: subject, BODY: body, ID: id });
}
