import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadTarget } from '../../src/bench/overload.bench';

/**
 * Start webchat-load-server.js of the built checkout at `root` in its own process, on a fresh database in a
 * temp folder, with the default log level unless `env` sets LOG_LEVEL. `root` may be another checkout (an older
 * version whose load server sends its port over IPC) to compare with the same load generator.
 */
export async function startWebchatLoadTarget(root: string, env: Record<string, string> = {}): Promise<LoadTarget> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-load-'));
  // The port comes over the IPC channel and the log (stderr, at the configured level as in production) goes
  // to a file: piping it through this process would spend the cores the server is measured on.
  const logFile = path.join(dir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(root, 'dist', 'channels', 'webchat', 'webchat-load-server.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env, DATABASE_PATH: path.join(dir, 'load.db') },
    stdio: ['ignore', 'ignore', log, 'ipc'],
  });
  fs.closeSync(log);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port?: number }) => (m.port ? resolve(m.port) : reject(new Error('load server sent no port'))));
    child.once('exit', (code) => reject(new Error(`load server exited with ${code}: ${fs.readFileSync(logFile, 'utf8').slice(-500)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
