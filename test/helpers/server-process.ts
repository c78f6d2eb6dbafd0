import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Repository root and the compiled CLI (`npm test` builds dist/ first). */
export const ROOT = path.join(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'frontdesk.js');

/** Fail with a clear message when dist/ is missing. */
export function requireBuild(): void {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ missing: run `npm run build` (npm test does it)');
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** `frontdesk start` as a real child process; resolves once /healthz answers (within `timeoutMs`). */
export async function startServer(env: Record<string, string>, timeoutMs = 15_000): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  requireBuild();
  const port = env.PORT ?? String(await freePort());
  let output = '';
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      // Another process on this machine may have taken the port between freePort() and our listen: its answer
      // (another instance name) is not ours; ours then exits with EADDRINUSE, reported above.
      const instance = ((await res.json().catch(() => ({}))) as { instance?: string }).instance;
      if (res.ok && (!env.INSTANCE_NAME || instance === env.INSTANCE_NAME)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url, output: () => output };
}

/** Kill a child with `signal` and wait for it to be gone. */
export function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
