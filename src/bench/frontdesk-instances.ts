import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './temp-postgres';

/** Running `frontdesk start` processes: their base URLs and process ids. */
export type FrontdeskInstances = { urls: string[]; pids: number[]; stop(): Promise<void> };

/**
 * `count` real server processes (bin/frontdesk.js start of the built checkout at `root`) sharing `env` (the
 * same DATABASE_URL), named bench-1..N, started one after another (the first migrates the schema); resolves
 * once each /healthz answers. Their output goes to files in `logDir`: piping it here would cost the cores
 * the servers are measured on.
 */
export async function startFrontdeskInstances(root: string, count: number, env: Record<string, string>, logDir: string): Promise<FrontdeskInstances> {
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      // A clean stop drains the outbox and releases leases; one that hangs must not hang the bench.
      const hung = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => {
        clearTimeout(hung);
        resolve();
      });
      child.kill('SIGTERM');
    })));
  };
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const logFile = path.join(logDir, `bench-${i + 1}.log`);
      const log = fs.openSync(logFile, 'a');
      const child = spawn(process.execPath, [path.join(root, 'bin', 'frontdesk.js'), 'start'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port), INSTANCE_NAME: `bench-${i + 1}` },
        stdio: ['ignore', log, log],
      });
      fs.closeSync(log);
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      await untilHealthy(url, child, logFile);
      urls.push(url);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, pids: children.map((c) => c.pid!), stop };
}

async function untilHealthy(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`frontdesk start exited with ${child.exitCode}: ${fs.readFileSync(logFile, 'utf8').slice(-500)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`frontdesk start did not answer /healthz: ${fs.readFileSync(logFile, 'utf8').slice(-500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
