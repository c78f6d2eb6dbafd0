import fs from 'node:fs';
import path from 'node:path';

/** A fixture of test/feishu/fixtures as a fresh object (tests patch their copy). */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8')) as T;
}
