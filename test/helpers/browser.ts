import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, headless, with no background network (this machine has none). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Where screenshots go (ignored by git). */
export function screenshotPath(name: string): string {
  const dir = path.join(__dirname, '..', '..', 'test-output');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
