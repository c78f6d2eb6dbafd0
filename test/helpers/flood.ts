import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { freePort } from './server-process';

/** A `frontdesk start` child limited to `fdLimit` file descriptors (ulimit -n), as on a default Linux box. */
export async function startLimitedServer(root: string, env: Record<string, string>, fdLimit: number): Promise<{ child: ChildProcess; url: string; port: number; output: () => string }> {
  const port = await freePort();
  let output = '';
  const bin = path.join(root, 'bin', 'frontdesk.js');
  const child = spawn('sh', ['-c', `ulimit -n ${fdLimit} && exec "${process.execPath}" "${bin}" start`], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (!(await answers(`${url}/healthz`, 1000))) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, port, output: () => output };
}

/**
 * Whether `url` answers 2xx within `timeoutMs`, on a new connection each time (a pooled keep-alive
 * connection would hide that the server can no longer accept one).
 */
export function answers(url: string, timeoutMs: number, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end(options.body);
  });
}

/**
 * Open `count` raw connections that each ask for the web chat event stream with the given cookie and are
 * never closed from our side: what a flood of stream requests looks like. Resolves once all are connected
 * (or refused); the returned sockets are still open unless the server closed them.
 */
export async function openStreams(port: number, count: number, cookieOf: (i: number) => string): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  const batch = 100;
  for (let start = 0; start < count; start += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - start) }, (_, k) => new Promise<void>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(3000, () => resolve());
      socket.once('connect', () => {
        socket.write(`GET /api/chat/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: ${cookieOf(start + k)}\r\n\r\n`);
        // The first bytes back (a stream's ": connected" or a refusal) mean the server has dealt with it.
        socket.once('data', () => resolve());
      });
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
      sockets.push(socket);
    })));
  }
  return sockets;
}

/** How many of the sockets the server still holds open. */
export function stillOpen(sockets: net.Socket[]): number {
  return sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
}

/** A made-up session cookie, shaped like the ids either version of the server hands out. */
export function madeUpCookie(i: number): string {
  return `fd_chat=${`flood${i}`.padEnd(44, 'A')}`;
}
