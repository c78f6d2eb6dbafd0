import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadTarget } from '../../src/bench/overload.bench';

/**
 * Start webchat-load-server.js of the built checkout at `root` in its own process, on a fresh database in a
 * temp folder. `root` may be another checkout (an older version) to compare with the same load generator.
 */
export async function startWebchatLoadTarget(root: string, env: Record<string, string> = {}): Promise<LoadTarget> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-load-'));
  const child = spawn(process.execPath, [path.join(root, 'dist', 'channels', 'webchat', 'webchat-load-server.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env, DATABASE_PATH: path.join(dir, 'load.db') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const match = /\{"port":(\d+)\}/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`load server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
