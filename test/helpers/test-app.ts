import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type AppOptions } from '../../src/app';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { dialogEntries } from '../../dialogs';

/** A fresh temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'frontdesk-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** An app on a real SQLite file in a temp folder, listening on a free loopback port. */
export async function startTestApp(env: Record<string, string> = {}, options: AppOptions = {}) {
  const tmp = tempDir();
  const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_PATH: path.join(tmp.dir, 'test.db'), ...env });
  const app = await createApp(config, { log: createLogger({ level: 'silent' }), dialogs: dialogEntries, ...options });
  const port = await app.start(options.dispatch === false ? false : true);
  return {
    app,
    port: port ?? 0,
    url: `http://127.0.0.1:${port}`,
    dir: tmp.dir,
    async stop() {
      await app.stop();
      tmp.cleanup();
    },
  };
}

/** Poll `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A fresh temp folder for each test of the enclosing describe (`dir`, valid inside tests), removed after it. */
export function useTempDir(prefix?: string): { readonly dir: string } {
  let tmp: ReturnType<typeof tempDir> | undefined;
  beforeEach(() => {
    tmp = tempDir(prefix);
  });
  afterEach(() => tmp?.cleanup());
  return { get dir() { return tmp!.dir; } };
}
