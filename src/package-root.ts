import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** The folder of Frontdesk's package.json (the checkout, or the installed package), from src/ or dist/src/. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  cached = dir;
  return dir;
}
